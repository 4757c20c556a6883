import { ACTIVITY_STATUSES, type Quarter } from '../../src/actionplan/activity';
import type { QuarterActivity } from '../../src/actionplan/quarter-activities';
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
    activities: options.activities.map(({ activity, status }) => {
      const current = status?.value.status ?? 'Ej påbörjad';
      return {
        title: activity.title,
        meta: t(locale, 'plan.card.meta', {
          area: activity.area,
          quarters: activity.quarters.join(', '),
          status: status ? t(locale, 'plan.card.by', { status: valueLabel(locale, 'activityStatus', current), who: options.names(status.value.setBy), when: formatDateTime(new Date(status.value.setAt), locale) }) : valueLabel(locale, 'activityStatus', current),
        }),
        lastComment: status?.value.comment ?? '',
        status: current,
        statusInputId: `status__${activity.activityId}`,
        commentInputId: `comment__${activity.activityId}`,
        statusLabel: t(locale, 'plan.card.status'),
        commentLabel: t(locale, 'plan.card.comment'),
      };
    }),
  };
}
