import type { Activity, ActivityStatus } from '../../src/actionplan/activity';
import type { OverviewData } from '../../src/status/status-data';
import { overviewView } from '../../src/status/status-views';

/**
 * The overview's municipality roll-up: per activity, how many of the nämnder it applies to have it
 * Genomförd, and per nämnd how many activities stand at each status — each committee's standing
 * being its latest quarter's status, and only committees the viewer may see counted.
 */
const activity = (activityId: string, title: string, quarters: Activity['quarters'], committees: string[]): Activity => ({
  year: 2026,
  activityId,
  area: 'Styrning',
  title,
  description: '',
  quarters,
  committees,
});
const status = (activityId: string, committeeCode: string, quarter: 1 | 2 | 3 | 4, value: ActivityStatus['status'], setAt = `2026-0${quarter * 2}-10T08:00:00.000Z`): ActivityStatus => ({
  year: 2026,
  activityId,
  committeeCode,
  quarter,
  status: value,
  comment: '',
  setBy: 'sara',
  setAt,
});

const data: OverviewData = {
  passedByMonth: [],
  committees: [
    { code: 'SN', name: 'Socialnämnden', administration: 'Socialförvaltningen' },
    { code: 'KFN', name: 'Kultur- och fritidsnämnden', administration: 'Kultur- och fritidsförvaltningen' },
    { code: 'BUN', name: 'Barn- och utbildningsnämnden', administration: 'Barn- och utbildningsförvaltningen' },
    { code: 'TN', name: 'Tekniska nämnden', administration: 'Tekniska förvaltningen' },
  ],
  activities: [
    activity('risk', 'Riskanalys', [1, 2, 3, 4], ['*']),
    activity('reg', 'Registerförteckningar', [2, 3], ['SN', 'KFN']),
    activity('tn-only', 'Driftavtal', [4], ['TN']),
  ],
  statuses: [
    // SN: Genomförd in Q2, but Q3 (the latest) says Pågående again — not done
    status('risk', 'SN', 2, 'Genomförd'),
    status('risk', 'SN', 3, 'Pågående'),
    // KFN: Pågående in Q1, Genomförd in Q4 — done
    status('risk', 'KFN', 1, 'Pågående'),
    status('risk', 'KFN', 4, 'Genomförd'),
    // BUN: only Q2, Genomförd — done
    status('risk', 'BUN', 2, 'Genomförd'),
    // TN is hidden from the viewer: its Genomförd must not count
    status('risk', 'TN', 4, 'Genomförd'),
    // Two rows claim SN's Q3 of the register: the one set last counts
    status('reg', 'SN', 3, 'Pågående', '2026-08-01T08:00:00.000Z'),
    status('reg', 'SN', 3, 'Genomförd', '2026-09-01T08:00:00.000Z'),
    // A row from before statuses were kept per quarter: set in August, so the third quarter, after KFN's Q2
    { ...status('reg', 'KFN', 2, 'Genomförd'), quarter: undefined, setAt: '2026-08-20T08:00:00.000Z', status: 'Flyttas till nästa år' },
    status('reg', 'KFN', 2, 'Genomförd', '2026-05-01T08:00:00.000Z'),
  ],
  incidents: [],
  campaigns: [],
  training: { learners: [], passed: [] },
};

describe('the overview’s roll-up of the plan', () => {
  const view = overviewView(data, { year: 2026, target: 0.9, committees: ['SN', 'KFN', 'BUN'], now: new Date('2026-11-24T09:00:00Z') });

  it('counts, per activity, the visible nämnder it applies to and those whose latest quarter says Genomförd', () => {
    expect(view.rollup.activities).toEqual([
      { activityId: 'risk', area: 'Styrning', title: 'Riskanalys', applies: 3, done: 2, byStatus: { Pågående: 1, Genomförd: 2 } },
      { activityId: 'reg', area: 'Styrning', title: 'Registerförteckningar', applies: 2, done: 1, byStatus: { Genomförd: 1, 'Flyttas till nästa år': 1 } },
    ]);
  });

  it('counts each visible nämnd’s activities per status, unreported ones as Ej påbörjad', () => {
    // In the overview's order: by name, Swedish collation
    expect(view.rollup.committees).toEqual([
      { code: 'BUN', name: 'Barn- och utbildningsnämnden', total: 1, byStatus: { Genomförd: 1 } },
      { code: 'KFN', name: 'Kultur- och fritidsnämnden', total: 2, byStatus: { Genomförd: 1, 'Flyttas till nästa år': 1 } },
      { code: 'SN', name: 'Socialnämnden', total: 2, byStatus: { Pågående: 1, Genomförd: 1 } },
    ]);
    // The same figures as the committee table's progress column
    for (const c of view.committees) expect(view.rollup.committees.find((r) => r.code === c.code)).toMatchObject({ total: c.plan.total, byStatus: c.plan.byStatus });
  });

  it('counts a nämnd with no status at all as Ej påbörjad, and leaves out activities for no visible nämnd', () => {
    const tn = overviewView({ ...data, statuses: [] }, { year: 2026, target: 0.9, committees: ['TN'], now: new Date('2026-11-24T09:00:00Z') });
    expect(tn.rollup.activities).toEqual([
      { activityId: 'risk', area: 'Styrning', title: 'Riskanalys', applies: 1, done: 0, byStatus: { 'Ej påbörjad': 1 } },
      { activityId: 'tn-only', area: 'Styrning', title: 'Driftavtal', applies: 1, done: 0, byStatus: { 'Ej påbörjad': 1 } },
    ]);
    expect(tn.rollup.committees).toEqual([{ code: 'TN', name: 'Tekniska nämnden', total: 2, byStatus: { 'Ej påbörjad': 2 } }]);
  });
});
