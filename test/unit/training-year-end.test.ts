import { trainingAtYearEnd, type PassedMonthTally, type TrainingTallies } from '../../src/learning/training-tally';

/** A past year's training is what was done by its end: passes made the year after are not that year's. */
describe("a year's training figures at its end", () => {
  const learners = [{ committeeCode: 'SN', electedOfficial: false, learners: 10 }];
  const byMonth: PassedMonthTally[] = [
    { committeeCode: 'SN', electedOfficial: false, moduleId: 'natfiske', passed: 2, month: '' },
    { committeeCode: 'SN', electedOfficial: false, moduleId: 'natfiske', passed: 3, month: '2025-06' },
    { committeeCode: 'SN', electedOfficial: false, moduleId: 'natfiske', passed: 4, month: '2026-02' },
  ];
  const today: TrainingTallies = { learners, passed: [{ committeeCode: 'SN', electedOfficial: false, moduleId: 'natfiske', passed: 9 }], reachable: { learners, passed: [] } };

  it('counts for 2025 the passes up to December 2025 (and those from before months were kept), not those of 2026', () => {
    expect(trainingAtYearEnd(today, byMonth, 2025)).toEqual({ learners, passed: [{ committeeCode: 'SN', electedOfficial: false, moduleId: 'natfiske', passed: 5 }] });
  });

  it('leaves a year nothing has come after as the tallies keep it', () => {
    expect(trainingAtYearEnd(today, byMonth, 2026)).toBe(today);
  });
});
