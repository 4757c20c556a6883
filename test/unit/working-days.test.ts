import { planEvents } from '../../src/actionplan/plan-calendar';
import { isSwedishWorkingDay } from '../../src/clock/working-days';
import { isWithinReminderWindow } from '../../src/learning/reminder-window';

describe('Swedish working days', () => {
  it('leaves out weekends, röda dagar and midsommarafton, julafton and nyårsafton, and keeps the half days before holidays', () => {
    const day = (iso: string) => isSwedishWorkingDay(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
    // Easter 2026 (moving): långfredag 3 April and annandag påsk 6 April are off; skärtorsdag 2 April is a working day.
    expect(['2026-04-02', '2026-04-03', '2026-04-06', '2026-04-07'].map(day)).toEqual([true, false, false, true]);
    expect(['2026-05-01', '2026-05-14', '2026-06-06', '2026-06-19', '2026-06-22'].map(day)).toEqual([false, false, false, false, true]);
    expect(['2026-12-23', '2026-12-24', '2026-12-25', '2026-12-28', '2026-12-31', '2027-01-01', '2027-01-06', '2027-01-07'].map(day)).toEqual([true, false, false, true, false, false, false, true]);
    // Valborgsmässoafton is an ordinary working day.
    expect(day('2026-04-30')).toBe(true);
  });

  it('sends no reminder on a holiday, and moves the plan\'s dates off holidays', () => {
    // Midsommarafton 2026, Friday 19 June, 10:00 in Stockholm (08:00 UTC): no reminder; the Monday after, yes.
    expect(isWithinReminderWindow(new Date('2026-06-19T08:00:00Z'))).toBe(false);
    expect(isWithinReminderWindow(new Date('2026-06-22T08:00:00Z'))).toBe(true);
    // Quarter 2 of 2027 starts on Thursday 1 April; the quarter after Easter 2027 (långfredag 26 March, annandag påsk 29 March).
    const q1of2027 = planEvents(2027, 1, 21);
    // 1 January is a holiday: the quarter starts on Monday 4 January (2 and 3 January 2027 are a weekend).
    expect(q1of2027[0]!.at.toISOString()).toBe('2027-01-04T07:00:00.000Z');
    // The overdue summary for Q4 2026 is not on New Year's Day (Friday 1 January 2027) but on Monday 4 January.
    expect(planEvents(2026, 4, 21)[2]!.at.toISOString()).toBe('2027-01-04T08:00:00.000Z');
    // 21 days before 30 June 2026 is Tuesday 9 June; 21 days before 30 September 2025 is 9 September. And a reminder that falls on midsommarafton moves back:
    // 11 days before 30 June 2026 is Friday 19 June, midsommarafton: Thursday 18 June.
    expect(planEvents(2026, 2, 11)[1]!.at.toISOString()).toBe('2026-06-18T06:00:00.000Z');
  });
});
