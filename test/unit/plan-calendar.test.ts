import { formatDateTime } from '../../src/clock/stockholm-time';
import { duePlanEvents, planEvents } from '../../src/actionplan/plan-calendar';

const local = (d: Date) => formatDateTime(d);

describe('the action plan calendar in Stockholm', () => {
  it('places every reminder of 2026 on a weekday at the right local hour, across both DST changes', () => {
    const all = ([1, 2, 3, 4] as const).flatMap((q) => planEvents(2026, q, 21));
    expect(all.map((e) => `${e.kind} Q${e.quarter} ${local(e.at)}`)).toEqual([
      'quarterStart Q1 2026-01-02 08:00', // New Year's Day (a Thursday) is a holiday: the Friday after
      'beforeEnd Q1 2026-03-10 08:00', // 31 March − 21 days, a Tuesday
      'overdue Q1 2026-04-01 09:00',
      'quarterStart Q2 2026-04-01 08:00',
      'beforeEnd Q2 2026-06-09 08:00',
      'overdue Q2 2026-07-01 09:00',
      'quarterStart Q3 2026-07-01 08:00',
      'beforeEnd Q3 2026-09-09 08:00',
      'overdue Q3 2026-10-01 09:00',
      'quarterStart Q4 2026-10-01 08:00',
      'beforeEnd Q4 2026-12-10 08:00',
      'overdue Q4 2027-01-04 09:00', // New Year's Day 2027 is a Friday and a holiday: the Monday after
    ]);
    for (const e of all) expect([0, 6]).not.toContain(new Date(e.at.getTime() + 2 * 3600_000).getUTCDay());
    // 08:00 is 07:00 UTC in winter and 06:00 UTC in summer.
    // New Year's Day is a holiday: the first quarter starts on Friday 2 January.
    expect(planEvents(2026, 1, 21)[0]!.at.toISOString()).toBe('2026-01-02T07:00:00.000Z');
    expect(planEvents(2026, 3, 21)[0]!.at.toISOString()).toBe('2026-07-01T06:00:00.000Z');
  });

  it('moves a quarter start on a weekend to Monday, and a reminder on a weekend back to Friday', () => {
    expect(local(planEvents(2028, 1, 21)[0]!.at)).toBe('2028-01-03 08:00'); // 1 January 2028 is a Saturday
    expect(local(planEvents(2026, 1, 22)[1]!.at)).toBe('2026-03-09 08:00'); // 9 March is a Monday
    expect(local(planEvents(2026, 1, 23)[1]!.at)).toBe('2026-03-06 08:00'); // 8 March is a Sunday → Friday 6
  });

  it('lists what is due now, including the last quarter’s overdue summary, and nothing older', () => {
    const due = (iso: string) => duePlanEvents(new Date(iso), 21).map((e) => `${e.kind} ${e.year}Q${e.quarter}`);
    expect(due('2026-01-01T06:59:00Z')).toEqual([]);
    expect(due('2026-01-01T07:00:00Z')).toEqual([]); // a holiday
    expect(due('2026-01-02T07:00:00Z')).toEqual(['quarterStart 2026Q1']);
    expect(due('2026-01-02T08:05:00Z')).toEqual(['quarterStart 2026Q1', 'overdue 2025Q4']);
    expect(due('2026-03-20T12:00:00Z')).toEqual(['quarterStart 2026Q1', 'beforeEnd 2026Q1', 'overdue 2025Q4']);
    expect(due('2026-04-01T07:30:00Z')).toEqual(['quarterStart 2026Q2', 'overdue 2026Q1']);
    // New Year's Eve, 23:30 in Stockholm, is still the fourth quarter.
    expect(due('2026-12-31T22:30:00Z')).toEqual(['quarterStart 2026Q4', 'beforeEnd 2026Q4', 'overdue 2026Q3']);
  });
});
