import { stockholmDate } from '../clock/stockholm-time';
import { trainingTrend, trendMonths } from './training-trend';
import { activityAppliesTo, type Activity, type ActivityStatus, type Quarter } from '../actionplan/activity';
import { latestStatus, previousStatus, statusesByQuarter } from '../actionplan/quarter-status';
import type { ActivityRollup, CommitteeResponse, IncidentFigures, IncidentRow, OverviewResponse, PlanProgress, TrainingFigure } from './status-view-types';
import { stockholmQuarter } from '../clock/stockholm-time';
import { t } from '../i18n/texts';
import { missingAssessment } from '../incidents/assessment';
import type { Incident } from '../incidents/incident';
import { DRAFT_KINDS, mayDraft } from '../reports/authority-drafts';
import type { Rate } from '../learning/completion-rates';
import { ratesFromTallies } from '../learning/training-tally';
import { figuresFromTally, summaryOf } from './incident-tally';
import type { CommitteeData, OverviewData } from './status-data';

/**
 * The status tab's figures, computed from the records of one read (status-data.ts). Pure: the
 * API decides who may see which committee before it calls these.
 */
export const trainingFigure = (r: Rate, reached?: Rate): TrainingFigure => ({
  completed: r.completed,
  expected: r.expected,
  rate: r.rate ?? null,
  meetsTarget: r.meetsTarget,
  ...(reached ? { reached: { completed: reached.completed, expected: reached.expected, rate: reached.rate ?? null } } : {}),
});

/**
 * The rates twice: of all staff (every active person of the committee, the figure to set beside
 * the audit's 48 %) and of those the bot can reach, when the tallies know who those are.
 */
function ratesOfAllAndReached(data: { training: CommitteeData['training']; campaigns: CommitteeData['campaigns'] }, committees: string[], target: number) {
  const all = ratesFromTallies({ tallies: data.training, campaigns: data.campaigns, committees, target });
  const reachable = data.training.reachable;
  const reached = reachable ? ratesFromTallies({ tallies: reachable, campaigns: data.campaigns, committees, target }) : undefined;
  return { all, reached };
}

/** Each activity's statuses by quarter, for one committee. */
function quartersOf(activities: Activity[], statuses: ActivityStatus[]): Map<string, Map<Quarter, ActivityStatus>> {
  const byActivity = groupBy(statuses, (s) => s.activityId);
  return new Map(activities.map((a) => [a.activityId, statusesByQuarter(byActivity.get(a.activityId) ?? [], a)]));
}

function planProgress(activities: Activity[], statuses: Map<string, Map<Quarter, ActivityStatus>>): PlanProgress {
  const byStatus: PlanProgress['byStatus'] = {};
  let done = 0;
  for (const a of activities) {
    const status = latestStatus(statuses.get(a.activityId) ?? new Map<Quarter, ActivityStatus>())?.status ?? 'Ej påbörjad';
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    if (status === 'Genomförd') done++;
  }
  return { total: activities.length, done, byStatus };
}

export function incidentFigures(incidents: Incident[]): IncidentFigures {
  return figuresFromTally(incidents.map((i) => ({ ...summaryOf(i), count: 1 })));
}

const settled = (s?: ActivityStatus) => s?.status === 'Genomförd' || s?.status === 'Flyttas till nästa år';

/** Groups once, so the overview does not scan every record again for each committee. */
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function overviewView(data: OverviewData, input: { year: number; target: number; committees: string[]; now: Date }): OverviewResponse {
  const visible = data.committees.filter((c) => input.committees.includes(c.code)).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const { all: rates, reached } = ratesOfAllAndReached(data, visible.map((c) => c.code), input.target);
  const incidents = data.incidents.filter((i) => input.committees.includes(i.committeeCode));
  const incidentsBy = groupBy(incidents, (i) => i.committeeCode);
  const statusesBy = groupBy(data.statuses, (st) => st.committeeCode);
  const plans = visible.map((c) => {
    const activities = data.activities.filter((a) => activityAppliesTo(a, c.code));
    const statuses = quartersOf(activities, statusesBy.get(c.code) ?? []);
    return { committee: c, activities, statuses, progress: planProgress(activities, statuses) };
  });
  return {
    year: input.year,
    target: input.target,
    committees: plans.map(({ committee: c, progress }) => ({
      code: c.code,
      name: c.name,
      plan: progress,
      training: trainingFigure(rates.byCommittee[c.code]!, reached?.byCommittee[c.code]),
      incidents: figuresFromTally(incidentsBy.get(c.code) ?? []),
    })),
    training: { overall: trainingFigure(rates.overall, reached?.overall), electedOfficials: trainingFigure(rates.electedOfficials, reached?.electedOfficials) },
    incidents: figuresFromTally(incidents),
    trainingTrend: trainingTrend({
      learners: data.training.learners,
      passedByMonth: data.passedByMonth,
      campaigns: data.campaigns,
      committees: visible,
      target: input.target,
      months: trendMonths(input.year, stockholmDate(input.now).slice(0, 7)),
    }),
    rollup: {
      activities: activityRollup(data.activities, plans),
      committees: plans.map(({ committee: c, progress }) => ({ code: c.code, name: c.name, total: progress.total, byStatus: progress.byStatus })),
    },
  };
}

/** Per activity of the plan: where the committees it applies to stand, each by its latest quarter's status. */
function activityRollup(activities: Activity[], plans: { activities: Activity[]; statuses: Map<string, Map<Quarter, ActivityStatus>> }[]): ActivityRollup[] {
  const rollup: ActivityRollup[] = [];
  for (const a of activities) {
    const row: ActivityRollup = { activityId: a.activityId, area: a.area, title: a.title, applies: 0, done: 0, byStatus: {} };
    for (const plan of plans) {
      if (!plan.activities.includes(a)) continue;
      const status = latestStatus(plan.statuses.get(a.activityId) ?? new Map<Quarter, ActivityStatus>())?.status ?? 'Ej påbörjad';
      row.applies++;
      row.byStatus[status] = (row.byStatus[status] ?? 0) + 1;
      if (status === 'Genomförd') row.done++;
    }
    if (row.applies > 0) rollup.push(row);
  }
  return rollup;
}

export function committeeView(
  data: CommitteeData,
  input: { year: number; target: number; committeeCode: string; withIncidentList: boolean; moduleTitle: (id: string) => string; now: Date },
): CommitteeResponse | undefined {
  const committee = data.committees.find((c) => c.code === input.committeeCode);
  if (!committee) return undefined;
  const imported = t('sv', 'status.importedBy');
  const nameOf = (id: string) => (id === 'import' ? imported : data.nameOf(id));
  const activities = data.activities.filter((a) => activityAppliesTo(a, committee.code));
  const statuses = quartersOf(activities, data.statuses.filter((s) => s.committeeCode === committee.code));
  const today = stockholmQuarter(input.now);
  // A quarter has passed when its year has, or it is earlier in this year.
  const passed = (q: number) => input.year < today.year || (input.year === today.year && q < today.quarter);
  // Areas in the order the plan lists them, activities in plan order within each: the shape of the yearly follow-up.
  const areas: CommitteeResponse['plan']['areas'] = [];
  for (const a of activities) {
    let group = areas.find((g) => g.area === a.area);
    if (!group) areas.push((group = { area: a.area, activities: [] }));
    const byQuarter = statuses.get(a.activityId) ?? new Map<Quarter, ActivityStatus>();
    const s = latestStatus(byQuarter);
    group.activities.push({
      activityId: a.activityId,
      title: a.title,
      description: a.description,
      quarters: [...a.quarters],
      status: s?.status ?? 'Ej påbörjad',
      comment: s?.comment ?? '',
      setBy: s ? nameOf(s.setBy) : '',
      setAt: s?.setAt ?? '',
      // Which incident an action came from is an incident detail: shown only to those who see the incident list.
      incidentRef: input.withIncidentList ? (a.incidentRef ?? '') : '',
      owner: a.ownerId ? nameOf(a.ownerId) : '',
      cells: [...a.quarters].sort((x, y) => x - y).map((q) => {
        const own = byQuarter.get(q);
        return {
          quarter: q,
          status: own?.status ?? '',
          comment: own?.comment ?? '',
          setBy: own ? nameOf(own.setBy) : '',
          setAt: own?.setAt ?? '',
          // Late: the activity's last quarter has passed and it was not done (or moved) by then; earlier quarters are steps on the way.
          late: q === Math.max(...a.quarters) && passed(q) && !settled(own ?? previousStatus(byQuarter, q)),
          current: input.year === today.year && q === today.quarter,
        };
      }),
    });
  }
  const { all: rates, reached } = ratesOfAllAndReached(data, [committee.code], input.target);
  const view: CommitteeResponse = {
    year: input.year,
    target: input.target,
    committee: { code: committee.code, name: committee.name, administration: committee.administration },
    plan: { progress: planProgress(activities, statuses), areas },
    training: {
      overall: trainingFigure(rates.byCommittee[committee.code]!, reached?.byCommittee[committee.code]),
      modules: Object.entries(rates.byModule).map(([moduleId, r]) => ({ moduleId, title: input.moduleTitle(moduleId), figure: trainingFigure(r) })),
    },
    incidents: incidentFigures(data.incidents),
  };
  if (input.withIncidentList) {
    view.incidentList = [...data.incidents]
      .sort((a, b) => b.reportedAt.localeCompare(a.reportedAt))
      .map(
        (i): IncidentRow => ({
          reference: i.reference,
          kind: i.kind,
          category: i.category,
          status: i.status,
          severity: i.severity ?? '',
          reportedAt: i.reportedAt,
          personalData: i.personalData,
          summary: i.description.length > 200 ? `${i.description.slice(0, 200)}…` : i.description,
          caseNumber: i.caseNumber ?? '',
          secrecy: i.secrecy ?? '',
          missing: missingAssessment(i),
          drafts: DRAFT_KINDS.filter((kind) => mayDraft(kind, i)),
          actions: data.activities.filter((a) => a.incidentRef === i.reference).map((a) => ({ title: a.title, quarter: a.quarters[0] ?? 4, year: a.year })),
        }),
      );
  }
  return view;
}
