import type { Clock } from '../clock/clock';
import { t, type Locale } from '../i18n/texts';
import { INCIDENT_CATEGORIES, type Incident } from '../incidents/incident';
import type { IncidentRules } from '../incidents/incident-rules';
import { incidentsOfYear, incidentsReportedIn } from '../incidents/incident-queries';
import type { ModuleLibrary } from '../learning/module-library';
import { ratesFromTallies } from '../learning/training-tally';
import type { OperationalStore } from '../ops/operational-store';
import type { Committee } from '../organisation/organisation';
import { nameLookup } from '../organisation/people';
import { inBatches } from '../ops/in-batches';
import { loadOverviewStatusData, type OverviewData } from '../status/status-data';
import type { OverviewResponse, PlanProgress } from '../status/status-view-types';
import { committeeView, overviewView, trainingFigure } from '../status/status-views';
import { AUDIT_BASELINE } from '../status/training-trend';
import type { Store } from '../store/store';
import type { AnnualReport, ReportAssets, ReportKeyFigures, ReportPlan } from './annual-report';
import { asAt, assetCoverage, isLate } from '../assets/asset-coverage';
import { registerOf } from '../assets/asset-store';
import { MEASURE_STATUSES } from '../assets/information-asset';
import { stockholmDate } from '../clock/stockholm-time';
import { incidentProcessFigures } from './incident-process-figures';

export interface AnnualReportDeps {
  store: Store;
  ops: OperationalStore;
  clock: Clock;
  library: ModuleLibrary;
  rules: IncidentRules;
  municipality: string;
  trainingTarget: number;
  /** ASSET_REVIEW_MONTHS: how long a classification or a risk analysis stays current without a review date of its own. */
  assetReviewMonths: number;
}

/**
 * Reads the year (and the year before) and puts the report together. The figures are the status
 * tab's own: overviewView for the municipality and committeeView for each nämnd, over the same
 * records (status-data.ts), restricted to the nämnder in scope, as the tab restricts them to the viewer.
 */
export async function buildAnnualReport(deps: AnnualReportDeps, input: { year: number; committees: string[]; whole: boolean; locale: Locale }): Promise<AnnualReport> {
  const now = deps.clock.now();
  const [data, previousData, incidents, previousIncidents] = await Promise.all([
    loadOverviewStatusData(deps.store, deps.ops, input.year),
    loadOverviewStatusData(deps.store, deps.ops, input.year - 1),
    reportsOf(deps.store, input.year, input),
    reportsOf(deps.store, input.year - 1, input),
  ]);
  const view = overviewView(data, { year: input.year, target: deps.trainingTarget, committees: input.committees, now });
  const previousView = overviewView(previousData, { year: input.year - 1, target: deps.trainingTarget, committees: input.committees, now });
  const inScope = data.committees.filter((c) => input.committees.includes(c.code)).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const closedAt = await closingTimes(deps.store, incidents);
  const process = incidentProcessFigures(incidents, { rules: deps.rules, now, closedAt });
  const moduleTitle = (id: string) => deps.library.byId(id)?.title ?? id;
  const withheld = await secretActions(deps.store, data, incidents);
  const grids = await committeeGrids(deps, data, inScope, input.year, moduleTitle);
  const previousFigures = (code: string) => previousView.committees.find((c) => c.code === code)?.training;
  const modules = ratesFromTallies({ tallies: data.training, campaigns: data.campaigns, committees: input.committees, target: deps.trainingTarget }).byModule;
  const previousModules = ratesFromTallies({ tallies: previousData.training, campaigns: previousData.campaigns, committees: input.committees, target: deps.trainingTarget }).byModule;
  // A comparison only where the nämnder in scope had something the year before: a plan, training asked for, or reports.
  const hasPrevious = previousView.committees.some((c) => c.plan.total > 0) || previousView.training.overall.expected > 0 || previousView.incidents.total > 0;
  const secretTitle = t(input.locale, 'report.annual.plan.secretAction');
  const assets = await assetsOf(deps, inScope, input.year, now);

  return {
    year: input.year,
    municipality: deps.municipality,
    scope: { whole: input.whole, committees: inScope.map(({ code, name, administration }) => ({ code, name, administration })) },
    generatedAt: now.toISOString(),
    trainingTarget: deps.trainingTarget,
    auditBaseline: AUDIT_BASELINE,
    summary: { ...keyFigures(view, incidents), deadlines: process.deadlines },
    plan: planOf(view, grids, data, { withheld, secretTitle }),
    training: {
      overall: view.training.overall,
      electedOfficials: view.training.electedOfficials,
      modules: Object.entries(modules).map(([moduleId, r]) => {
        const before = previousModules[moduleId];
        return { moduleId, title: moduleTitle(moduleId), figure: trainingFigure(r), ...(before ? { previous: trainingFigure(before) } : {}) };
      }),
      committees: grids.map((g) => {
        const before = hasPrevious ? previousFigures(g.committee.code) : undefined;
        return { code: g.committee.code, name: g.committee.name, figure: g.training.overall, ...(before ? { previous: before } : {}), modules: g.training.modules };
      }),
    },
    incidents: {
      figures: view.incidents,
      categoryNames: Object.fromEntries(INCIDENT_CATEGORIES.map((c) => [c, t(input.locale, `incident.category.${c}`)])),
      byAuditGroup: process.byAuditGroup,
      imy: process.imy,
      csirt: process.csirt,
      medianHours: process.medianHours,
    },
    assets,
    ...(hasPrevious ? { previous: { year: input.year - 1, ...keyFigures(previousView, previousIncidents) } } : {}),
  };
}

/** The register's coverage on the year's last day (today, for this year), nämnd by nämnd as the tab counts it. */
async function assetsOf(deps: AnnualReportDeps, inScope: Committee[], year: number, now: Date): Promise<ReportAssets> {
  const today = stockholmDate(now);
  const asOf = `${year}-12-31` < today ? `${year}-12-31` : today;
  const codes = inScope.map((c) => c.code);
  const register = await registerOf(deps.store, codes);
  // A past year is counted as it stood on its last day: nothing classified, analysed or required after it.
  const { assets, analyses, measures } = asAt(register, asOf);
  const coverage = assetCoverage({ assets, analyses, measures, committees: codes }, asOf, deps.assetReviewMonths);
  return {
    asOf,
    reviewMonths: deps.assetReviewMonths,
    committees: coverage.map((c) => ({ ...c, code: c.committeeCode, name: inScope.find((x) => x.code === c.committeeCode)!.name })).map(({ committeeCode: _, ...c }) => c),
    measures: {
      total: measures.length,
      byStatus: MEASURE_STATUSES.map((status) => ({ status, count: measures.filter((m) => m.status === status).length })),
      late: measures.filter((m) => isLate(m, asOf)).length,
    },
  };
}

/** The reports of a year in the nämnder in scope: the records, for what the tab's counts do not hold (decisions, times). */
async function reportsOf(store: Store, year: number, scope: { committees: string[]; whole: boolean }): Promise<Incident[]> {
  // One nämnd's report reads that nämnd's year, not the whole municipality's.
  const items = scope.whole ? await incidentsOfYear(store, year) : await incidentsReportedIn(store, [year], scope.committees);
  const inScope = new Set(scope.committees);
  return items.map((i) => i.value).filter((i) => inScope.has(i.committeeCode));
}

/**
 * The plan's actions taken after an incident under secrecy (OSL): their titles and comments were
 * written about that incident, and the report goes to a public meeting, so they are not shown.
 */
async function secretActions(store: Store, data: OverviewData, known: Incident[]): Promise<Set<string>> {
  const byRef = new Map(known.map((i) => [i.reference, i]));
  const actions = data.activities.filter((a) => a.incidentRef);
  // An action may follow an incident of an earlier year, or of a nämnd out of scope: read those few by reference.
  const missing = [...new Set(actions.map((a) => a.incidentRef!).filter((ref) => !byRef.has(ref)))];
  const read = await Promise.all(missing.map((ref) => store.incidents.query({ field: 'reference', op: 'eq', value: ref }, { top: 1 })));
  for (const i of read.flat()) byRef.set(i.value.reference, i.value);
  // An incident that cannot be found is treated as secret: nothing is shown that cannot be checked.
  return new Set(actions.filter((a) => { const i = byRef.get(a.incidentRef!); return !i || i.secrecy !== undefined; }).map((a) => a.activityId));
}

/** When each closed report was closed: its history's last "stängd" (the item's own time of change moves with later edits). */
async function closingTimes(store: Store, reports: Incident[]): Promise<Map<string, string>> {
  const closedAt = new Map<string, string>();
  await inBatches(
    reports.filter((i) => i.status === 'Stängd'),
    async (batch) => {
      const histories = await Promise.all(batch.map((i) => store.incidentEvents.query({ field: 'reference', op: 'eq', value: i.reference })));
      batch.forEach((i, n) => {
        const last = histories[n]!.filter((e) => e.value.action === 'stängd').reduce<string | undefined>((at, e) => (at && at > e.value.at ? at : e.value.at), undefined);
        if (last) closedAt.set(i.reference, last);
      });
    },
    20,
  );
  return closedAt;
}

const plus = (a: PlanProgress, b: PlanProgress): PlanProgress => {
  const byStatus = { ...a.byStatus };
  for (const [status, n] of Object.entries(b.byStatus) as [keyof PlanProgress['byStatus'], number][]) byStatus[status] = (byStatus[status] ?? 0) + n;
  return { total: a.total + b.total, done: a.done + b.done, byStatus };
};

/** The summary's counts (and the previous year's, the same way): the tab's figures, and the reports to the authorities from the records. */
function keyFigures(view: OverviewResponse, reports: Incident[]): ReportKeyFigures {
  const plan = view.committees.reduce<PlanProgress>((sum, c) => plus(sum, c.plan), { total: 0, done: 0, byStatus: {} });
  return {
    plan: { ...plan, carriedOver: plan.byStatus['Flyttas till nästa år'] ?? 0 },
    training: view.training,
    incidents: {
      incidents: view.incidents.total - view.incidents.weaknesses,
      weaknesses: view.incidents.weaknesses,
      // Counted as the incidents part counts them (incident-process-figures.ts): incidents, not weaknesses; IMY for personal data.
      personalData: reports.filter((i) => i.kind === 'incident' && i.personalData).length,
      reportedToImy: reports.filter((i) => i.kind === 'incident' && i.personalData && i.imyNotifiedAt).length,
      reportedToCsirt: reports.filter((i) => i.kind === 'incident' && (i.nisEarlyWarningAt || i.nisNotificationAt)).length,
    },
  };
}

type Grid = NonNullable<ReturnType<typeof committeeView>>;

/** Each nämnd's view as the tab's committee page computes it, from the records already read (no incident list: counts only). */
async function committeeGrids(deps: AnnualReportDeps, data: OverviewData, committees: Committee[], year: number, moduleTitle: (id: string) => string): Promise<Grid[]> {
  // Who set the statuses of the nämnder in scope: the report shows no owners.
  const codes = new Set(committees.map((c) => c.code));
  const nameOf = await nameLookup(deps.store, data.statuses.filter((s) => codes.has(s.committeeCode)).map((s) => s.setBy));
  return committees.flatMap((c) => {
    const grid = committeeView(
      { ...data, incidents: [], nameOf },
      { year, target: deps.trainingTarget, committeeCode: c.code, withIncidentList: false, moduleTitle, now: deps.clock.now() },
    );
    return grid ? [grid] : [];
  });
}

function planOf(view: OverviewResponse, grids: Grid[], data: OverviewData, secret: { withheld: Set<string>; secretTitle: string }): ReportPlan {
  const titleOf = (a: { activityId: string; title: string }) => (secret.withheld.has(a.activityId) ? secret.secretTitle : a.title);
  const commentOf = (a: { activityId: string; comment: string }) => (secret.withheld.has(a.activityId) ? '' : a.comment);
  const carriedOver: ReportPlan['carriedOver'] = [];
  const fromIncidents: ReportPlan['fromIncidents'] = [];
  const committees = grids.map((g) => {
    const areas = g.plan.areas.map((area) => ({
      area: area.area,
      activities: area.activities.map((a) => {
        if (a.status === 'Flyttas till nästa år') carriedOver.push({ committee: g.committee.name, activity: titleOf(a), comment: commentOf(a) });
        return { title: titleOf(a), quarters: a.quarters, cells: a.cells.map((cell) => ({ quarter: cell.quarter, status: cell.status })), status: a.status, comment: commentOf(a), setBy: a.setBy, setAt: a.setAt };
      }),
    }));
    // An action after an incident is an activity of the plan with the incident's reference: its title, never the incident's details.
    for (const area of g.plan.areas) {
      for (const a of area.activities) {
        const record = data.activities.find((x) => x.activityId === a.activityId);
        if (record?.incidentRef) fromIncidents.push({ committee: g.committee.name, title: titleOf(a), quarter: a.quarters[0] ?? 4, year: record.year, status: a.status });
      }
    }
    return { code: g.committee.code, name: g.committee.name, administration: g.committee.administration, progress: g.plan.progress, areas };
  });
  return { rollup: view.rollup.activities.map((a) => ({ ...a, title: titleOf(a) })), committees, carriedOver, fromIncidents };
}
