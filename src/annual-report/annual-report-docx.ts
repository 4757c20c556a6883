import { Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, Table, TabStopType, TextRun } from 'docx';
import { formatDay } from '../clock/stockholm-time';
import { t, valueLabel, type Locale } from '../i18n/texts';
import type { PlanProgress, TrainingFigure } from '../status/status-view-types';
import type { AnnualReport, ReportActivity, ReportKeyFigures } from './annual-report';
import { byStatusText, duration, figureText, formatters, points, progressText, statusText, type Fmt } from './report-numbers';
import { gap, heading1, heading2, MARGIN, PAGE, para, prompt, table, TEXT_WIDTH, type Block, type Cell } from './word-blocks';

/**
 * Ledningens genomgång as a Word document, section by section. Headings use Word's own Title,
 * Heading 1 and Heading 2 styles and nothing else, so a municipality restyles the whole report
 * with its own template. The app reports figures only: Analys, Slutsatser, Beslut and
 * Prioriteringar are left for people to write.
 */

// ---------------------------------------------------------------------------------------------
// The title page block.

function titleBlock(report: AnnualReport, fmt: Fmt): Block[] {
  const { locale } = fmt;
  const list = new Intl.ListFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { style: 'long', type: 'conjunction' });
  const scope = report.scope.whole
    ? t(locale, 'report.annual.scope.whole')
    : t(locale, 'report.annual.scope.committees', { committees: list.format(report.scope.committees.map((c) => c.name)) });
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(t(locale, 'report.annual.title', { year: report.year }))] }),
    para(report.municipality),
    para(scope),
    para(t(locale, 'report.annual.generated', { date: formatDay(new Date(report.generatedAt), locale) })),
  ];
}

// ---------------------------------------------------------------------------------------------
// Sammanfattning.

/** One key figure per row: this year's value and, when the records hold one, last year's. */
interface KeyRow {
  label: string;
  value: (k: ReportKeyFigures) => string;
}

function keyRows(fmt: Fmt): KeyRow[] {
  const { locale } = fmt;
  return [
    { label: t(locale, 'report.annual.key.planDone'), value: (k) => progressText(fmt, k.plan) },
    { label: t(locale, 'report.annual.key.carriedOver'), value: (k) => fmt.number(k.plan.carriedOver) },
    { label: t(locale, 'report.annual.key.trainingOverall'), value: (k) => figureText(fmt, k.training.overall) },
    { label: t(locale, 'report.annual.key.trainingElected'), value: (k) => figureText(fmt, k.training.electedOfficials) },
    { label: t(locale, 'report.annual.key.incidents'), value: (k) => fmt.number(k.incidents.incidents) },
    { label: t(locale, 'report.annual.key.weaknesses'), value: (k) => fmt.number(k.incidents.weaknesses) },
    { label: t(locale, 'report.annual.key.personalData'), value: (k) => fmt.number(k.incidents.personalData) },
    { label: t(locale, 'report.annual.key.reportedToImy'), value: (k) => fmt.number(k.incidents.reportedToImy) },
    { label: t(locale, 'report.annual.key.reportedToCsirt'), value: (k) => fmt.number(k.incidents.reportedToCsirt) },
  ];
}

/** "62 % … 18 procentenheter under målet (80 %) och 14 över revisionens utgångsläge (48 %)". */
function versus(fmt: Fmt, rate: number, reference: number, what: 'target' | 'baseline'): string {
  const { locale } = fmt;
  const ref = t(locale, what === 'target' ? 'report.annual.vs.target' : 'report.annual.vs.baseline', { value: fmt.percent(reference) });
  const diff = points(rate, reference);
  if (diff === 0) return t(locale, 'report.annual.vs.equal', { ref });
  const key = diff > 0 ? (Math.abs(diff) === 1 ? 'report.annual.vs.aboveOne' : 'report.annual.vs.above') : Math.abs(diff) === 1 ? 'report.annual.vs.belowOne' : 'report.annual.vs.below';
  return t(locale, key, { points: fmt.number(Math.abs(diff)), ref });
}

function trainingSentence(fmt: Fmt, report: AnnualReport, group: 'overall' | 'elected', figure: TrainingFigure, previous?: TrainingFigure): string {
  const { locale } = fmt;
  const name = t(locale, group === 'overall' ? 'report.annual.group.overall' : 'report.annual.group.elected');
  if (figure.rate === null) return t(locale, 'report.annual.training.none', { group: name });
  const sentence = t(locale, 'report.annual.training.line', {
    group: name,
    share: fmt.percent(figure.rate),
    done: fmt.number(figure.completed),
    total: fmt.number(figure.expected),
    target: versus(fmt, figure.rate, report.trainingTarget, 'target'),
    baseline: versus(fmt, figure.rate, report.auditBaseline, 'baseline'),
  });
  const before = previous && previous.rate !== null && report.previous ? ` ${t(locale, 'report.annual.training.previous', { year: report.previous.year, share: fmt.percent(previous.rate) })}` : '';
  return sentence + before;
}

function summarySection(report: AnnualReport, fmt: Fmt): Block[] {
  const { locale } = fmt;
  const { summary, previous } = report;
  const none = '–';
  const header = [t(locale, 'report.annual.col.figure'), String(report.year), ...(previous ? [String(previous.year)] : [])];
  const weights = previous ? [5, 3, 3] : [6, 4];
  const rows: Cell[][] = keyRows(fmt).map((row) => [row.label, row.value(summary), ...(previous ? [row.value(previous)] : [])]);
  // The legal deadlines are counted for this year only: the previous year's column shows a dash.
  const d = summary.deadlines;
  const deadlineRows: Cell[][] = [
    [t(locale, 'report.annual.key.deadlinesMet'), t(locale, 'report.annual.doneOf', { done: fmt.number(d.met), total: fmt.number(d.total) })],
    [t(locale, 'report.annual.key.deadlinesLate'), fmt.number(d.late)],
    [t(locale, 'report.annual.key.deadlinesRunning'), fmt.number(d.running)],
  ].map((row) => (previous ? [...row, none] : row));
  return [
    heading1(t(locale, 'report.annual.summary.heading')),
    para(trainingSentence(fmt, report, 'overall', summary.training.overall)),
    para(trainingSentence(fmt, report, 'elected', summary.training.electedOfficials)),
    table(weights, header, [...rows, ...deadlineRows]),
    gap(),
  ];
}

// ---------------------------------------------------------------------------------------------
// Handlingsplanen.

function rollupBlock(report: AnnualReport, fmt: Fmt): Block[] {
  const { locale } = fmt;
  const title = heading2(t(locale, report.scope.whole ? 'report.annual.plan.rollupWhole' : 'report.annual.plan.rollupCommittees'));
  if (report.plan.rollup.length === 0) return [title, para(t(locale, 'report.annual.plan.noActivities'))];
  const rows = report.plan.rollup.map((a) => [a.area, a.title, fmt.number(a.applies), fmt.number(a.done), byStatusText(fmt, a.byStatus)]);
  const header = ['col.area', 'col.activity', 'col.applies', 'col.done', 'col.byStatus'] as const;
  return [title, table([3.4, 5, 2.2, 2.4, 4.2], header.map((k) => t(locale, `report.annual.${k}`)), rows), gap()];
}

/** Kv 1–4 for one activity: the quarter's own status, empty when none was set, "–" outside its quarters. */
function quarterCells(fmt: Fmt, activity: ReportActivity): string[] {
  return [1, 2, 3, 4].map((q) => {
    if (!activity.quarters.includes(q)) return '–';
    return statusText(fmt, activity.cells.find((c) => c.quarter === q)?.status ?? '');
  });
}

function commentCell(fmt: Fmt, activity: ReportActivity): Cell {
  const by = [activity.setBy, activity.setAt ? formatDay(new Date(activity.setAt), fmt.locale) : ''].filter(Boolean).join(', ');
  return activity.comment ? { text: activity.comment, ...(by ? { note: by } : {}) } : '';
}

function committeeBlock(committee: AnnualReport['plan']['committees'][number], fmt: Fmt): Block[] {
  const { locale } = fmt;
  const intro = [heading2(committee.name), ...(committee.administration ? [para(committee.administration)] : [])];
  const activities = committee.areas.flatMap((a) => a.activities);
  if (activities.length === 0) return [...intro, para(t(locale, 'report.annual.plan.committeeNone'))];
  const progress = t(locale, 'report.annual.plan.committeeProgress', { progress: progressText(fmt, committee.progress), byStatus: byStatusText(fmt, committee.progress.byStatus) });
  const rows = committee.areas
    .filter((area) => area.activities.length > 0)
    .flatMap((area) => [{ span: area.area }, ...area.activities.map((a): Cell[] => [a.title, ...quarterCells(fmt, a), statusText(fmt, a.status), commentCell(fmt, a)])]);
  const quarter = (q: number) => t(locale, 'report.annual.col.quarter', { quarter: q });
  const header = [t(locale, 'report.annual.col.activity'), quarter(1), quarter(2), quarter(3), quarter(4), t(locale, 'report.annual.col.status'), t(locale, 'report.annual.col.comment')];
  return [...intro, para(progress), table([4.2, 2.4, 2.4, 2.4, 2.4, 2.5, 5.6], header, rows), gap()];
}

function carriedOverBlock(report: AnnualReport, fmt: Fmt): Block[] {
  const { locale } = fmt;
  const title = heading2(t(locale, 'report.annual.plan.carriedOver'));
  if (report.plan.carriedOver.length === 0) return [title, para(t(locale, 'report.annual.plan.carriedOverNone'))];
  const header = [t(locale, 'report.annual.col.committee'), t(locale, 'report.annual.col.activity'), t(locale, 'report.annual.col.comment')];
  const rows = report.plan.carriedOver.map((c) => [c.committee, c.activity, c.comment]);
  return [title, table([3, 4, 5], header, rows), gap()];
}

function fromIncidentsBlock(report: AnnualReport, fmt: Fmt): Block[] {
  const { locale } = fmt;
  const title = heading2(t(locale, 'report.annual.plan.fromIncidents'));
  if (report.plan.fromIncidents.length === 0) return [title, para(t(locale, 'report.annual.plan.fromIncidentsNone'))];
  const header = [t(locale, 'report.annual.col.committee'), t(locale, 'report.annual.col.action'), t(locale, 'report.annual.col.when'), t(locale, 'report.annual.col.status')];
  const rows = report.plan.fromIncidents.map((a) => [
    a.committee,
    a.title,
    t(locale, 'report.annual.quarterOfYear', { quarter: a.quarter, year: a.year }),
    statusText(fmt, a.status),
  ]);
  return [title, table([3, 5, 2, 2.5], header, rows), gap()];
}

function planSection(report: AnnualReport, fmt: Fmt): Block[] {
  return [
    heading1(t(fmt.locale, 'report.annual.plan.heading')),
    ...rollupBlock(report, fmt),
    ...report.plan.committees.flatMap((c) => committeeBlock(c, fmt)),
    ...carriedOverBlock(report, fmt),
    ...fromIncidentsBlock(report, fmt),
  ];
}

// ---------------------------------------------------------------------------------------------
// Utbildning.

const doneOf = (fmt: Fmt, f: TrainingFigure) => t(fmt.locale, 'report.annual.doneOf', { done: fmt.number(f.completed), total: fmt.number(f.expected) });
const yesNo = (fmt: Fmt, f: TrainingFigure) => (f.rate === null ? '–' : t(fmt.locale, f.meetsTarget ? 'report.annual.yes' : 'report.annual.no'));

function trainingSection(report: AnnualReport, fmt: Fmt): Block[] {
  const { locale } = fmt;
  const { training, previous } = report;
  const prevShare = (f?: TrainingFigure) => (f ? fmt.percent(f.rate) : '–');
  const blocks: Block[] = [
    heading1(t(locale, 'report.annual.training.heading')),
    para(trainingSentence(fmt, report, 'overall', training.overall, previous?.training.overall)),
    para(trainingSentence(fmt, report, 'elected', training.electedOfficials, previous?.training.electedOfficials)),
    heading2(t(locale, 'report.annual.training.byModule')),
  ];
  if (training.modules.length === 0) blocks.push(para(t(locale, 'report.annual.training.noModules')));
  else {
    const header = ['col.module', 'col.doneOfAsked', 'col.share', 'col.previousShare'] as const;
    const rows = training.modules.map((m) => [m.title, doneOf(fmt, m.figure), fmt.percent(m.figure.rate), prevShare(m.previous)]);
    blocks.push(table([6, 3, 2, 3], header.map((k) => t(locale, `report.annual.${k}`)), rows), gap());
  }
  blocks.push(heading2(t(locale, 'report.annual.training.byCommittee')));
  if (training.committees.length === 0) return [...blocks, para(t(locale, 'report.annual.training.noModules'))];
  const header = ['col.committee', 'col.doneOfAsked', 'col.share', 'col.previousShare', 'col.meetsTarget'] as const;
  const rows = training.committees.map((c) => [c.name, doneOf(fmt, c.figure), fmt.percent(c.figure.rate), prevShare(c.previous), yesNo(fmt, c.figure)]);
  blocks.push(table([5, 3, 2, 3, 2], header.map((k) => t(locale, `report.annual.${k}`)), rows), gap());
  return [...blocks, ...committeeModulesBlock(report, fmt)];
}

/** Each nämnd's modules in one table, the nämnd as a group row: where each one falls short. */
function committeeModulesBlock(report: AnnualReport, fmt: Fmt): Block[] {
  const { locale } = fmt;
  // Only the modules a nämnd was asked for: at fifty nämnder, rows of "0 av 0" would be pages of dashes.
  const asked = report.training.committees.map((c) => ({ ...c, modules: c.modules.filter((m) => m.figure.expected > 0) })).filter((c) => c.modules.length > 0);
  if (asked.length === 0) return [];
  const rows = asked.flatMap((c) => [{ span: c.name }, ...c.modules.map((m): Cell[] => [m.title, doneOf(fmt, m.figure), fmt.percent(m.figure.rate)])]);
  const header = ['col.module', 'col.doneOfAsked', 'col.share'] as const;
  return [heading2(t(locale, 'report.annual.training.committeeModules')), table([7, 3, 2], header.map((k) => t(locale, `report.annual.${k}`)), rows), gap()];
}

// ---------------------------------------------------------------------------------------------
// Incidenter.

function categoryTable(report: AnnualReport, fmt: Fmt): Table {
  const { locale } = fmt;
  const { figures, categoryNames } = report.incidents;
  // Every named category, even at zero, so the table reads the same each year; then any code the names lack.
  const codes = [...Object.keys(categoryNames), ...Object.keys(figures.byCategory).filter((c) => !(c in categoryNames))];
  const rows = codes.map((code) => {
    const counts = figures.byCategory[code] ?? [0, 0, 0, 0];
    return [categoryNames[code] ?? code, ...counts.map(fmt.number), fmt.number(counts.reduce((a, b) => a + b, 0))];
  });
  const total: Cell[] = [t(locale, 'report.annual.col.total'), ...figures.byQuarter.map(fmt.number), fmt.number(figures.total)].map((text) => ({ text, bold: true }));
  const quarter = (q: number) => t(locale, 'report.annual.col.quarter', { quarter: q });
  const header = [t(locale, 'report.annual.col.category'), quarter(1), quarter(2), quarter(3), quarter(4), t(locale, 'report.annual.col.total')];
  return table([6, 1.5, 1.5, 1.5, 1.5, 1.8], header, [...rows, total]);
}

/** A label and a count per row, under a header naming both. */
function countTable(fmt: Fmt, rows: [string, string][]): Table {
  return table([7, 3], [t(fmt.locale, 'report.annual.col.figure'), t(fmt.locale, 'report.annual.col.count')], rows);
}

function incidentSection(report: AnnualReport, fmt: Fmt): Block[] {
  const { locale } = fmt;
  const { byAuditGroup: g, imy, csirt, medianHours } = report.incidents;
  const n = fmt.number;
  const l = (key: Parameters<typeof t>[1]) => t(locale, key);
  return [
    heading1(l('report.annual.incidents.heading')),
    para(t(locale, 'report.annual.incidents.intro', { total: n(report.incidents.figures.total), weaknesses: n(report.incidents.figures.weaknesses) })),
    heading2(l('report.annual.incidents.byCategory')),
    categoryTable(report, fmt),
    gap(),
    heading2(l('report.annual.incidents.auditGroups')),
    countTable(fmt, [
      [l('report.annual.incidents.it'), n(g.it)],
      [l('report.annual.incidents.lostOrStolen'), n(g.lostOrStolen)],
      [l('report.annual.incidents.personalData'), n(g.personalData)],
      [l('report.annual.incidents.other'), n(g.other)],
    ]),
    para(l('report.annual.incidents.auditGroupsNote')),
    heading2(l('report.annual.incidents.imy')),
    countTable(fmt, [
      [l('report.annual.incidents.personalData'), n(imy.personalData)],
      [l('report.annual.incidents.imyReported'), n(imy.reported)],
      [l('report.annual.incidents.imyInTime'), n(imy.inTime)],
      [l('report.annual.incidents.imyNotReportable'), n(imy.notReportable)],
      [l('report.annual.incidents.imyUndecided'), n(imy.undecided)],
    ]),
    gap(),
    heading2(l('report.annual.incidents.csirt')),
    countTable(fmt, [
      [l('report.annual.incidents.csirtJudged'), n(csirt.judged)],
      [l('report.annual.incidents.csirtSignificant'), n(csirt.significant)],
      [l('report.annual.incidents.csirtReported'), n(csirt.reported)],
      [l('report.annual.incidents.csirtInTime'), n(csirt.inTime)],
      [l('report.annual.incidents.csirtNotSignificant'), n(csirt.notSignificant)],
    ]),
    gap(),
    heading2(l('report.annual.incidents.times')),
    table(
      [7, 3],
      [l('report.annual.col.figure'), l('report.annual.col.median')],
      [
        [l('report.annual.incidents.toAcknowledgement'), duration(fmt, medianHours.toAcknowledgement)],
        [l('report.annual.incidents.toClosure'), duration(fmt, medianHours.toClosure)],
      ],
    ),
    gap(),
  ];
}

// ---------------------------------------------------------------------------------------------
// Informationstillgångar: KLASSA-klassning, riskanalyser och åtgärder.

function assetSection(report: AnnualReport, fmt: Fmt): Block[] {
  const { locale } = fmt;
  const a = report.assets;
  const n = fmt.number;
  const share = (part: number, of: number) => (of === 0 ? '–' : t(locale, 'report.annual.doneOfShare', { done: n(part), total: n(of), share: fmt.percent(part / of) }));
  const critical = a.committees.reduce((s, c) => s + c.critical, 0);
  if (critical === 0 && a.measures.total === 0) return [heading1(t(locale, 'report.annual.assets.heading')), para(t(locale, 'report.annual.assets.none'))];
  return [
    heading1(t(locale, 'report.annual.assets.heading')),
    para(t(locale, 'report.annual.assets.intro', { asOf: formatDay(a.asOf, locale), months: n(a.reviewMonths) })),
    heading2(t(locale, 'report.annual.assets.coverage')),
    table(
      [5, 2, 3, 3, 2, 2],
      ['committee', 'critical', 'classified', 'analysed', 'open', 'late'].map((k) => t(locale, `report.annual.assets.col.${k}` as Parameters<typeof t>[1])),
      a.committees.map((c) => [c.name, n(c.critical), share(c.classified, c.critical), share(c.analysed, c.critical), n(c.measuresOpen), n(c.measuresLate)]),
    ),
    gap(),
    heading2(t(locale, 'report.annual.assets.measures')),
    countTable(fmt, [
      ...a.measures.byStatus.map((s): [string, string] => [valueLabel(locale, 'measureStatus', s.status), n(s.count)]),
      [t(locale, 'report.annual.assets.measuresLate'), n(a.measures.late)],
    ]),
    para(t(locale, 'report.annual.assets.measuresNote')),
  ];
}

// ---------------------------------------------------------------------------------------------
// Jämförelse med föregående år.

/** The change in a key figure: counts as "+3", shares in percentage points. */
function changes(fmt: Fmt): ((now: ReportKeyFigures, before: ReportKeyFigures) => string)[] {
  const count = (a: number, b: number) => fmt.signed(a - b);
  const share = (a: number | null, b: number | null) => (a === null || b === null ? '–' : t(fmt.locale, 'report.annual.pointsChange', { points: fmt.signed(points(a, b)) }));
  const planShare = (p: PlanProgress) => (p.total > 0 ? p.done / p.total : null);
  return [
    (a, b) => share(planShare(a.plan), planShare(b.plan)),
    (a, b) => count(a.plan.carriedOver, b.plan.carriedOver),
    (a, b) => share(a.training.overall.rate, b.training.overall.rate),
    (a, b) => share(a.training.electedOfficials.rate, b.training.electedOfficials.rate),
    (a, b) => count(a.incidents.incidents, b.incidents.incidents),
    (a, b) => count(a.incidents.weaknesses, b.incidents.weaknesses),
    (a, b) => count(a.incidents.personalData, b.incidents.personalData),
    (a, b) => count(a.incidents.reportedToImy, b.incidents.reportedToImy),
    (a, b) => count(a.incidents.reportedToCsirt, b.incidents.reportedToCsirt),
  ];
}

function comparisonSection(report: AnnualReport, fmt: Fmt): Block[] {
  const { locale } = fmt;
  const title = heading1(t(locale, 'report.annual.comparison.heading'));
  const { previous, summary } = report;
  if (!previous) return [title, para(t(locale, 'report.annual.comparison.none'))];
  const change = changes(fmt);
  const rows = keyRows(fmt).map((row, i) => [row.label, row.value(previous), row.value(summary), change[i]?.(summary, previous) ?? '–']);
  const header = [t(locale, 'report.annual.col.figure'), String(previous.year), String(report.year), t(locale, 'report.annual.col.change')];
  return [title, table([4, 3, 3, 2.5], header, rows), gap()];
}

// ---------------------------------------------------------------------------------------------
// Left for people to write: a heading and one prompt line each, nothing the app concludes.

function writingSections(locale: Locale): Block[] {
  const sections = [
    ['report.annual.analysis.heading', 'report.annual.analysis.prompt'],
    ['report.annual.conclusions.heading', 'report.annual.conclusions.prompt'],
    ['report.annual.decisions.heading', 'report.annual.decisions.prompt'],
    ['report.annual.priorities.heading', 'report.annual.priorities.prompt'],
  ] as const;
  return sections.flatMap(([h, p]) => [heading1(t(locale, h)), prompt(t(locale, p))]);
}

// ---------------------------------------------------------------------------------------------

/** "Ledningens genomgång … 2026    Sida 3 av 12": the page fields are Word's own, filled in as it lays out. */
function footer(locale: Locale, title: string): Footer {
  const template = t(locale, 'report.annual.footer.page');
  const parts = template.split(/(\{page\}|\{pages\})/).filter(Boolean);
  const page = parts.map((p) => (p === '{page}' ? PageNumber.CURRENT : p === '{pages}' ? PageNumber.TOTAL_PAGES : p));
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        children: [new TextRun({ text: title, size: 16 }), new TextRun({ children: ['\t', ...page], size: 16 })],
      }),
    ],
  });
}

export async function annualReportDocx(report: AnnualReport, ctx: { locale: Locale }): Promise<Buffer> {
  const { locale } = ctx;
  const fmt = formatters(locale);
  const title = t(locale, 'report.annual.title', { year: report.year });
  const children = [
    ...titleBlock(report, fmt),
    ...summarySection(report, fmt),
    ...planSection(report, fmt),
    ...trainingSection(report, fmt),
    ...incidentSection(report, fmt),
    ...assetSection(report, fmt),
    ...comparisonSection(report, fmt),
    ...writingSections(locale),
  ];
  const doc = new Document({
    title,
    creator: 'Infosäk',
    styles: {
      // Formatting lives in the styles, never on the heading paragraphs: a template replaces it all.
      default: {
        document: { run: { font: 'Calibri', size: 22, language: { value: locale === 'en' ? 'en-GB' : 'sv-SE' } }, paragraph: { spacing: { after: 120 } } },
        title: { run: { size: 48, color: '1F3864' }, paragraph: { spacing: { after: 240 } } },
        heading1: { run: { size: 32, bold: true, color: '1F3864' }, paragraph: { keepNext: true, keepLines: true, spacing: { before: 360, after: 120 } } },
        heading2: { run: { size: 26, bold: true, color: '2E74B5' }, paragraph: { keepNext: true, keepLines: true, spacing: { before: 240, after: 120 } } },
      },
    },
    sections: [
      {
        properties: { page: { size: PAGE, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        footers: { default: footer(locale, title) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
