import type { ActivityStatusValue, Quarter } from '../../src/actionplan/activity';
import { OFFERED_STATUSES, offeredStatus } from '../../src/actionplan/offered-status';
import type { QuarterActivity } from '../../src/actionplan/quarter-activities';
import { quarterOf } from '../../src/actionplan/quarter-status';
import { formatDateTime } from '../../src/clock/stockholm-time';
import { t, valueLabel, type Locale } from '../../src/i18n/texts';

export type PlanCardIntro = 'quarterStart' | 'beforeEnd' | 'onDemand';

interface PlanTarget {
  year: number;
  quarter: Quarter;
  committeeCode: string;
  committeeName: string;
}

/** What one save did, as the summary that replaces the card shows it. */
export interface PlanSaveSummary {
  changes: { title: string; status: ActivityStatusValue }[];
  carriedOver: string[];
  /** Already worded: problems with single activities and conflicts with someone else's save. */
  problems: string[];
  who: string;
  at: Date;
}

// One template holds both states of the card, so the form and the summary share its header.
const header = (locale: Locale, target: PlanTarget) => ({
  title: t(locale, 'plan.card.title', { year: target.year, quarter: target.quarter, committee: target.committeeName }),
  year: target.year,
  quarter: target.quarter,
  committeeCode: target.committeeCode,
  labels: { save: t(locale, 'plan.card.save'), again: t(locale, 'plan.summary.again'), commentToggle: t(locale, 'plan.card.commentToggle') },
});

/** The quarter's card for one committee: one line per activity with its last status, a status picker and a comment on demand. */
export function actionPlanCardData(
  locale: Locale,
  options: PlanTarget & {
    activities: QuarterActivity[];
    intro: PlanCardIntro;
    names: (id: string) => string;
    message?: { text: string; kind: 'good' | 'attention' };
  },
) {
  return {
    ...header(locale, options),
    isSummary: false,
    intro: t(locale, `plan.card.intro.${options.intro}`),
    legend: t(locale, 'plan.card.legend'),
    goodMessage: options.message?.kind === 'good' ? options.message.text : '',
    attentionMessage: options.message?.kind === 'attention' ? options.message.text : '',
    versions: Object.fromEntries(options.activities.map((a) => [a.activity.activityId, a.status?.etag ?? ''])),
    statusChoices: OFFERED_STATUSES.map((s) => ({ title: valueLabel(locale, 'activityStatus', s), value: s })),
    empty: t(locale, 'plan.card.empty'),
    summary: { by: '', changes: [], notes: [], problems: [] },
    activities: options.activities.map(({ activity, status, previous }) => {
      // The quarter starts from the previous quarter's status, so nobody retypes what did not change.
      const shown = status ?? previous;
      const current = shown?.value.status ?? 'Ej påbörjad';
      const by = shown ? { status: valueLabel(locale, 'activityStatus', current), who: options.names(shown.value.setBy), when: formatDateTime(new Date(shown.value.setAt), locale) } : undefined;
      const id = activity.activityId;
      return {
        title: activity.title,
        // An older word is shown as it was stored; the picker starts from the offered status it corresponds to.
        now: t(locale, 'plan.card.now', {
          status: !by ? valueLabel(locale, 'activityStatus', current) : status ? t(locale, 'plan.card.by', by) : t(locale, 'plan.card.fromPrevious', { ...by, quarter: quarterOf(previous!.value, activity) }),
        }),
        lastComment: shown?.value.comment ? t(locale, 'plan.card.lastComment', { comment: shown.value.comment }) : '',
        status: offeredStatus(current),
        statusInputId: `status__${id}`,
        commentInputId: `comment__${id}`,
        commentBoxId: `commentBox__${id}`,
        statusLabel: t(locale, 'plan.card.status'),
        commentLabel: t(locale, 'plan.card.comment'),
      };
    }),
  };
}

/** What replaces the card after "Spara status": what was saved, by whom and when, what went wrong, and a way back to the card. */
export function actionPlanSummaryData(locale: Locale, target: PlanTarget, summary: PlanSaveSummary) {
  const notes = summary.carriedOver.length ? [t(locale, 'plan.card.carried', { year: target.year + 1, titles: summary.carriedOver.join(', ') })] : [];
  return {
    ...header(locale, target),
    isSummary: true,
    intro: '',
    legend: '',
    goodMessage: '',
    attentionMessage: '',
    versions: {},
    statusChoices: [],
    empty: '',
    activities: [],
    summary: {
      by: summary.changes.length ? t(locale, 'plan.summary.by', { who: summary.who, when: formatDateTime(summary.at, locale) }) : t(locale, summary.problems.length ? 'plan.card.nothing' : 'plan.summary.none'),
      changes: summary.changes.map((c) => ({ title: c.title, value: `→ ${valueLabel(locale, 'activityStatus', c.status)}` })),
      notes,
      problems: summary.problems,
    },
  };
}
