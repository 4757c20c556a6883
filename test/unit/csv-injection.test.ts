import { formatCsv, parseCsv } from '../../src/actionplan/csv';
import { readPlanFile, toCsv, type PlanRow } from '../../src/actionplan/plan-import';
import { followUpCsv } from '../../src/api/tab-api';
import { knownAreas } from '../../src/demo/seed-demo-data';
import type { CommitteeResponse } from '../../src/status/status-view-types';

/**
 * CSV formula injection: a cell starting with =, +, -, @, tab or carriage return is a formula when
 * a spreadsheet opens the file. Every CSV the app writes neutralises such cells with a leading
 * apostrophe; plan import takes it away again.
 */
const HOSTILE = ['=SUM(A1)', '+1', '-1', '@x', '\tx', '\rx', '=HYPERLINK("https://evil.example";"klicka")'];
const DANGEROUS_START = /^[=+\-@\t\r]/;

/** The cells as a spreadsheet sees them: unquoted, quotes undoubled, but with nothing else taken away. */
function rawCells(text: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ';' || c === '\n') {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') continue;
    else cell += c;
  }
  if (cell !== '') cells.push(cell);
  return cells;
}

describe('CSV formula injection', () => {
  it('writes no cell that starts with =, +, -, @, tab or carriage return', () => {
    const text = formatCsv([HOSTILE, ['vanlig text', "'=redan skyddad", '2026-01-01']]);
    const cells = rawCells(text);
    expect(cells).toHaveLength(HOSTILE.length + 3);
    expect(cells.filter((c) => DANGEROUS_START.test(c))).toEqual([]);
    expect(cells[0]).toBe("'=SUM(A1)");
    expect(cells.slice(HOSTILE.length)).toEqual(['vanlig text', "''=redan skyddad", '2026-01-01']);
  });

  it('reads every cell back exactly as it was written', () => {
    const cells = [...HOSTILE, "'=x", "''+1", "'vanlig", "'", 'a-b', ''];
    expect(parseCsv(formatCsv([cells, ['slut']])).map((r) => r.fields)).toEqual([cells, ['slut']]);
  });

  it('round-trips a plan export through plan import unchanged', () => {
    const row = (activityId: string, title: string, description: string, comment: string): PlanRow => ({
      year: 2026,
      activityId,
      area: 'Nätverk',
      title,
      description,
      quarters: [1, 2],
      committees: ['*'],
      status: 'Påbörjad',
      comment,
    });
    const rows = [
      row('a', '=SUM(A1)', '+1', '-1'),
      row('b', '@x', '=1+1\tx', '-\rx'),
      row('c', "'=citerad", '-', '@'),
    ];
    const text = toCsv(rows);
    expect(rawCells(text).filter((c) => DANGEROUS_START.test(c))).toEqual([]);
    const back = readPlanFile(Buffer.from(text, 'utf8'), { areas: knownAreas(), committees: ['SN'] });
    expect(back).toEqual({ rows });
  });

  it('neutralises the tab’s follow-up CSV too', () => {
    const activity = (activityId: string, title: string, comment: string, setBy: string) => ({
      activityId,
      title,
      description: '',
      quarters: [1],
      status: 'Påbörjad' as const,
      comment,
      setBy,
      setAt: '2026-03-01T10:00:00.000Z',
      cells: [{ quarter: 1, status: 'Påbörjad' as const, comment, setBy, setAt: '2026-03-01T10:00:00.000Z', late: false, current: true }],
    });
    const view = {
      year: 2026,
      committee: { code: 'SN', name: '=Socialnämnden', administration: '' },
      plan: {
        progress: { total: 2, done: 0, byStatus: {} },
        areas: [{ area: '+Nätverk', activities: [activity('a', '=SUM(A1)', '-1', '@x'), activity('b', '\tx', '\rx', 'Anna')] }],
      },
    } as unknown as CommitteeResponse;
    const text = followUpCsv(view);
    const cells = rawCells(text);
    expect(cells.filter((c) => DANGEROUS_START.test(c))).toEqual([]);
    expect(cells).toEqual(expect.arrayContaining(["'=SUM(A1)", "'-1", "'@x", "'\tx", "'\rx", "'=Socialnämnden", "'+Nätverk"]));
    expect(parseCsv(text)[1]!.fields.slice(0, 7)).toEqual(['=Socialnämnden', '+Nätverk', '=SUM(A1)', 'Kvartal 1', 'Påbörjad', '-1', '@x']);
  });
});
