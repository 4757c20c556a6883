import { ACTIVITY_STATUSES, type Quarter } from '../../src/actionplan/activity';
import type { QuarterActivity } from '../../src/actionplan/quarter-activities';
import { quarterOf } from '../../src/actionplan/quarter-status';
import { formatDateTime } from '../../src/clock/stockholm-time';
import { t, valueLabel, type Locale } from '../../src/i18n/texts';

export type PlanCardIntro = 'quarterStart' | 'beforeEnd' | 'onDemand';

/** The quarter's card for one committee: each activity with its status picker and comment field. */
export function actionPlanCardData(
  locale: Locale,
  options: {
    year: number;
    quarter: Quarter;
    committeeCode: string;
    committeeName: string;
    activities: QuarterActivity[];
    intro: PlanCardIntro;
    names: (id: string) => string;
    message?: { text: string; kind: 'good' | 'attention' };
  },
) {
  return {
    title: t(locale, 'plan.card.title', { year: options.year, quarter: options.quarter, committee: options.committeeName }),
    intro: t(locale, `plan.card.intro.${options.intro}`),
    goodMessage: options.message?.kind === 'good' ? options.message.text : '',
    attentionMessage: options.message?.kind === 'attention' ? options.message.text : '',
    year: options.year,
    quarter: options.quarter,
    committeeCode: options.committeeCode,
    versions: Object.fromEntries(options.activities.map((a) => [a.activity.activityId, a.status?.etag ?? ''])),
    statusChoices: ACTIVITY_STATUSES.map((s) => ({ title: valueLabel(locale, 'activityStatus', s), value: s })),
    empty: t(locale, 'plan.card.empty'),
    labels: { save: t(locale, 'plan.card.save') },
    activities: options.activities.map(({ activity, status, previous }) => {
      // The quarter starts from the previous quarter's status, so nobody retypes what did not change.
      const shown = status ?? previous;
      const current = shown?.value.status ?? 'Ej påbörjad';
      const by = shown ? { status: valueLabel(locale, 'activityStatus', current), who: options.names(shown.value.setBy), when: formatDateTime(new Date(shown.value.setAt), locale) } : undefined;
      return {
        title: activity.title,
        meta: t(locale, 'plan.card.meta', {
          area: activity.area,
          quarters: activity.quarters.join(', '),
          status: !by ? valueLabel(locale, 'activityStatus', current) : status ? t(locale, 'plan.card.by', by) : t(locale, 'plan.card.fromPrevious', { ...by, quarter: quarterOf(previous!.value, activity) }),
        }),
        lastComment: shown?.value.comment ?? '',
        status: current,
        statusInputId: `status__${activity.activityId}`,
        commentInputId: `comment__${activity.activityId}`,
        statusLabel: t(locale, 'plan.card.status'),
        commentLabel: t(locale, 'plan.card.comment'),
      };
    }),
  };
}
