import { fixedClock } from '../../src/clock/clock';
import { lessonEffect } from '../../src/admin/lesson-effect';
import type { Campaign } from '../../src/learning/campaign';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { incident } from '../contract/store-contract';

/** The committee's incidents of the lesson's category, 90 days before its start and since, counted in Stockholm days. */
describe('a short lesson’s before and after', () => {
  const lesson: Campaign = {
    campaignId: 'natfiske-sn-2026-01-10',
    moduleId: 'natfiske',
    audience: 'namnder',
    committeeCodes: ['SN'],
    startDate: '2026-01-10',
    dueDate: '2026-01-24',
    reminderEveryDays: 7,
    maxReminders: 1,
    skipPassedWithinDays: 365,
    origin: { incidentReference: 'INC-2026-0001', category: 'natfiske' },
    createdBy: 'x',
    createdAt: '2026-01-10T08:00:00.000Z',
  };
  const store = SqliteStore.inMemory(fixedClock(new Date('2026-05-01T10:00:00Z')));
  let n = 0;
  const reported = (reportedAt: string, overrides: Parameters<typeof incident>[1] = {}) =>
    store.incidents.create(`effect-${++n}`, incident(`INC-${reportedAt.slice(0, 4)}-${String(n).padStart(4, '0')}`, { category: 'natfiske', committeeCode: 'SN', kind: 'incident', reportedAt, ...overrides }));

  beforeAll(async () => {
    // Before: across the new year (a window of 2025 and 2026), and the first minute of the start day's eve in Stockholm.
    await reported('2025-10-13T10:00:00.000Z');
    await reported('2025-12-30T10:00:00.000Z');
    await reported('2026-01-09T22:59:00.000Z'); // 23:59 on 9 January in Stockholm: before
    await reported('2025-10-11T10:00:00.000Z'); // 91 days before: outside
    // After: from midnight on the start day in Stockholm (23:00 UTC the evening before), across the spring clock change.
    await reported('2026-01-09T23:00:00.000Z');
    await reported('2026-03-30T08:00:00.000Z');
    await reported('2026-04-10T10:00:00.000Z'); // day 90: outside the window
    // Not counted: another committee, another category, a weakness.
    await reported('2026-02-01T10:00:00.000Z', { committeeCode: 'KS' });
    await reported('2026-02-01T10:00:00.000Z', { category: 'avbrott' });
    await reported('2026-02-01T10:00:00.000Z', { kind: 'weakness' });
  });

  it('counts the committee’s incidents of the category before the start and in the window since, across a new year', async () => {
    expect(await lessonEffect(store, lesson, new Date('2026-05-01T10:00:00Z'))).toEqual({
      incidentReference: 'INC-2026-0001',
      category: 'natfiske',
      committeeCode: 'SN',
      before: 3,
      after: 2,
      afterDays: 90,
    });
  });

  it('says how many days of the window have passed, in Stockholm days, and counts only those', async () => {
    expect(await lessonEffect(store, lesson, new Date('2026-01-20T10:00:00Z'))).toMatchObject({ before: 3, after: 1, afterDays: 10 });
  });

  it('has nothing to say of a campaign that came from no incident', async () => {
    expect(await lessonEffect(store, { ...lesson, origin: undefined } as Campaign, new Date('2026-05-01T10:00:00Z'))).toBeUndefined();
  });
});
