import type { Quarter } from '../../src/actionplan/activity';
import type { Incident } from '../../src/incidents/incident';
import { t, type Locale } from '../../src/i18n/texts';

/** "Skapa åtgärd": the action's title, the quarter it is to be done in, and who answers for it. */
export function actionFormData(
  locale: Locale,
  o: {
    incident: Incident;
    formId: string;
    targets: { year: number; quarter: Quarter }[];
    owners: { id: string; name: string }[];
    values?: { title: string; target: string; owner: string };
    problem?: string;
    defaultOwner: string;
  },
) {
  const first = o.targets[Math.min(1, o.targets.length - 1)]!;
  return {
    title: t(locale, 'incidentAction.form.title', { reference: o.incident.reference }),
    intro: t(locale, 'incidentAction.form.intro'),
    problem: o.problem ?? '',
    reference: o.incident.reference,
    formId: o.formId,
    values: o.values ?? {
      title: t(locale, 'incidentAction.form.defaultTitle', { reference: o.incident.reference, category: t(locale, `incident.category.${o.incident.category}`) }),
      target: `${first.year}-${first.quarter}`,
      owner: o.defaultOwner,
    },
    targets: o.targets.map((q) => ({ title: t(locale, 'incidentAction.form.quarter', { year: q.year, quarter: q.quarter }), value: `${q.year}-${q.quarter}` })),
    owners: o.owners.map((p) => ({ title: p.name, value: p.id })),
    labels: {
      title: t(locale, 'incidentAction.form.field.title'),
      titleRequired: t(locale, 'incidentAction.required.title'),
      target: t(locale, 'incidentAction.form.field.target'),
      owner: t(locale, 'incidentAction.form.field.owner'),
      create: t(locale, 'incidentAction.form.create'),
      back: t(locale, 'assessment.back'),
    },
  };
}
