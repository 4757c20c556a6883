import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../../src/actionplan/csv';
import { readPlanFile, toCsv, toPlanJson, type PlanRow } from '../../src/actionplan/plan-import';
import { exportPlan, importPlan } from '../../src/actionplan/plan-store';
import { projectRoot } from '../../src/config/config';
import { knownAreas, seedDemoData } from '../../src/demo/seed-demo-data';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';

const context = { areas: knownAreas(), committees: ['KS', 'SN', 'BUN', 'KFN', 'SBN'] };
const HEADER = 'år;id;område;titel;beskrivning;kvartal;nämnder;status;kommentar';
const read = (text: string | Buffer) => readPlanFile(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'), context);
const problemsOf = (text: string | Buffer) => {
  const r = read(text);
  return 'problems' in r ? r.problems.map((p) => `${p.where}: ${p.message}`) : [];
};
const sample = path.join(projectRoot(), 'content', 'action-plans', 'handlingsplan-2022.csv');

describe('reading a plan file', () => {
  it('reads the 2022 sample as CSV and as JSON to the same rows', () => {
    const csv = read(readFileSync(sample));
    const json = read(readFileSync(path.join(projectRoot(), 'content', 'action-plans', 'handlingsplan-2022.json')));
    expect('rows' in csv && csv.rows).toHaveLength(16);
    expect('rows' in csv && csv.rows).toEqual('rows' in json && json.rows);
  });

  it('parses quoted fields with semicolons, quotes and line breaks, and keeps the line they start on', () => {
    const rows = parseCsv(`${HEADER}\r\n2026;a;Nätverk;"Titel; med ""citat""";"rad ett\nrad två";1;*;;\n2026;b;Nätverk;T;;2;SN;;\n`);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(rows[1]!.fields.slice(3, 5)).toEqual(['Titel; med "citat"', 'rad ett\nrad två']);
  });

  it.each([
    ['wrong columns', 'year;id;area\n2026;a;Nätverk', ['rad 1: fel kolumner: "year;id;area"; rubrikraden ska vara år;id;område;titel;beskrivning;kvartal;nämnder;status;kommentar']],
    ['an empty file', '', ['filen: filen är tom']],
    ['only a header', `${HEADER}\n`, ['filen: filen har inga aktiviteter']],
    ['a row with too few fields', `${HEADER}\n2026;a;Nätverk;T\n`, ['rad 2: har 4 fält, ska ha 9']],
  ])('refuses %s', (_name, text, problems) => {
    expect(problemsOf(text)).toEqual(problems);
  });

  it('reports every bad row with its line number, and reads nothing from the file', () => {
    const text = [
      HEADER,
      '2026;riskanalys;Nätverk;Riskanalys;;1,2;*;;',
      '2026;rymden;Rymdfart;Raket;;1;*;;',
      '2026;kvartal;Nätverk;Fel kvartal;;5;*;;',
      '2026;riskanalys;Nätverk;Dubblett;;1;*;;',
      '2026;namnd;Nätverk;Okänd nämnd;;1;SN,XX;;',
      '2026;status;Nätverk;Okänd status;;1;*;Nästan klar;',
      '2027;Stora Bokstäver;IT-säkerhet;;;1;*;;',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'rad 3: område: "Rymdfart" är okänt; välj ett av Nätverk, Ledning och samordning, IT-säkerhet, Dataskydd, Fysisk säkerhet, Kontinuitet, Åtgärder efter incidenter',
      'rad 4: kvartal: "5" ska vara 1–4, flera med komma (t.ex. 2,3)',
      'rad 6: nämnder: okända koder XX; kända är KS, SN, BUN, KFN, SBN',
      'rad 7: status: "Nästan klar" är okänd; välj Ej påbörjad, Påbörjad, Delvis påbörjad, Pågående, Delvis genomförd, Genomförd, Flyttas till nästa år',
      'rad 8: id: "Stora Bokstäver" ska vara små bokstäver a–z, siffror och bindestreck (högst 100)',
      'rad 8: titel: måste fyllas i (högst 255 tecken)',
      'rad 5: id: "riskanalys" finns redan (rad 2)',
    ]);
  });

  it('refuses a file that is not UTF-8, and one over 10 MB', () => {
    const latin1 = Buffer.from(`${HEADER}\n2026;a;N\u00e4tverk;T;;1;*;;\n`, 'latin1');
    expect(problemsOf(latin1)).toEqual(['filen: filen är inte UTF-8; spara den som "CSV UTF-8" eller JSON']);
    expect(problemsOf(Buffer.alloc(10 * 1024 * 1024 + 1, 0x41))).toEqual(['filen: filen är 10.0 MB; högst 10 MB']);
  });

  it('accepts the byte order mark Excel writes', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}\n2026;a;Nätverk;T;;1;*;;\n`)]);
    expect('rows' in read(withBom)).toBe(true);
  });

  it('names the place of a problem in a JSON file', () => {
    expect(problemsOf(JSON.stringify({ year: 2026, activities: [{ activityId: 'a', area: 'Rymdfart', title: 'T', description: '', quarters: [1], committees: ['*'] }] }))).toEqual([
      'activities[0]: område: "Rymdfart" är okänt; välj ett av Nätverk, Ledning och samordning, IT-säkerhet, Dataskydd, Fysisk säkerhet, Kontinuitet, Åtgärder efter incidenter',
    ]);
    expect(problemsOf('{"year": 2026, "activities": [{"quarters": [9]}]}')[0]).toMatch(/^activities\.0\./);
  });
});

describe('importing and exporting', () => {
  it('gives back an equivalent file, and a second import changes nothing', async () => {
    const store = SqliteStore.inMemory();
    await seedDemoData(store);
    const rows = (read(readFileSync(sample)) as { rows: PlanRow[] }).rows;
    // The follow-up is Kommunstyrelsen's (the demo's other nämnder have statuses of their own).
    expect(await importPlan(store, rows, { committees: ['KS'], setBy: 'x', at: '2026-01-01T00:00:00.000Z', dryRun: false })).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 16,
      statusesCreated: 0,
    });
    const exported = await exportPlan(store, 2022, context.committees, 'KS');
    expect(toCsv(exported)).toBe(readFileSync(sample, 'utf8'));
    expect((read(toPlanJson(exported)) as { rows: PlanRow[] }).rows).toEqual(rows);
    await store.close();
  });

  it('writes nothing on a dry run, creates and updates otherwise, and never overwrites a coordinator’s status', async () => {
    const store = SqliteStore.inMemory();
    const rows = (read(`${HEADER}\n2026;a;Nätverk;Första;;1;SN;Påbörjad;Start\n2026;b;IT-säkerhet;Andra;;2;*;;\n`) as { rows: PlanRow[] }).rows;
    const options = { committees: context.committees, setBy: 'import', at: '2026-01-01T00:00:00.000Z' };
    expect(await importPlan(store, rows, { ...options, dryRun: true })).toMatchObject({ created: 2, updated: 0, unchanged: 0, statusesCreated: 1 });
    expect(await store.activities.query()).toHaveLength(0);
    await importPlan(store, rows, { ...options, dryRun: false });
    const [status] = await store.activityStatuses.query({ field: 'committeeCode', op: 'eq', value: 'SN' });
    await store.activityStatuses.update(status!.id, status!.etag, { status: 'Genomförd', setBy: 'sara' });
    const changed = rows.map((r) => (r.activityId === 'b' ? { ...r, title: 'Andra, ny titel' } : r));
    const summary = await importPlan(store, changed, { ...options, dryRun: false });
    expect(summary).toMatchObject({ created: 0, updated: 1, unchanged: 1, statusesCreated: 0 });
    // What a dry run shows the person importing: each activity and what happens to it.
    expect(summary.activities.map((a) => a.change).sort()).toEqual(['unchanged', 'updated']);
    expect((await store.activityStatuses.query({ field: 'committeeCode', op: 'eq', value: 'SN' }))[0]!.value.status).toBe('Genomförd');
    expect((await store.activities.query()).map((a) => a.value.title).sort()).toEqual(['Andra, ny titel', 'Första']);
    await store.close();
  });
});
