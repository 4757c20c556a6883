import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ROLES } from '../organisation/organisation';
import { INCIDENT_CATEGORIES } from './incident';

/**
 * Routing, decisions and legal deadlines as configuration (content/rules/incident-rules.json), not
 * as constants in code: who is told of an incident, who decides what, which clocks run and to whom
 * the reports go. The authorities' names live here because they change (the CSIRT has moved once
 * already), and a municipality must be able to follow without a new release.
 */
export const DEADLINE_DONE_FIELDS = ['imyNotifiedAt', 'nisEarlyWarningAt', 'nisNotificationAt', 'nisProgressReportAt', 'nisFinalReportAt'] as const;
export type DeadlineDoneField = (typeof DEADLINE_DONE_FIELDS)[number];

/** When a clock applies: personal data involved, or the security function judged the incident significant. */
const Condition = z.enum(['always', 'personalData', 'significant']);
/** What a clock counts from; a clock whose start is not yet recorded waits (the final report waits for the notification). */
export const DEADLINE_STARTS = ['discoveredAt', 'reportedAt', 'significantDecidedAt', 'nisNotificationAt'] as const;

/**
 * A role the rules may name: any but medarbetare, which every employee holds. Nobody is told by
 * that role, and its holders are more than one query may return (the list view threshold).
 */
const RuleRole = z.enum(ROLES).refine((r) => r !== 'medarbetare', { message: 'medarbetare kan inte anges: den rollen har alla anställda' });
const Roles = z.array(RuleRole).min(1);
const Text = z.string().min(1);

const Deadline = z
  .object({
    id: Text,
    label: Text,
    /** The label in English; the Swedish one is shown where it is missing. */
    labelEn: Text.optional(),
    appliesWhen: Condition,
    /** The committee decided the incident is not reportable to IMY: the clock stops and is shown as not required. */
    stopsWhen: z.enum(['notReportableToImy']).optional(),
    from: z.enum(DEADLINE_STARTS),
    hours: z.number().positive().optional(),
    months: z.number().int().positive().optional(),
    /** Who answers for the deadline and is reminded. */
    owners: Roles,
    doneField: z.enum(DEADLINE_DONE_FIELDS),
    remindHoursBefore: z.array(z.number().positive()),
    /**
     * Cybersäkerhetslagen's final report: if the incident is still going on when it is due, a progress
     * report is due then instead and the final report one month after the incident is handled.
     */
    whileOngoing: z.object({ progressDoneField: z.enum(DEADLINE_DONE_FIELDS), label: Text, labelEn: Text.optional(), months: z.number().int().positive() }).optional(),
  })
  .refine((d) => (d.hours === undefined) !== (d.months === undefined), { message: 'ange antingen hours eller months' });

/**
 * What the reporter is told to do at once, shown on the receipt: a few short steps in Swedish and in
 * English. Here, not in the texts, because the advice is the municipality's own (whom to call, which
 * reserve routine) and the security officer must be able to change it without a release.
 */
const Steps = z.array(Text).min(1).max(5);
const Advice = z.object({ sv: Steps, en: Steps });

const Authority = z.object({ name: Text, organisation: Text.optional(), eService: z.string().url(), note: Text.optional() });

export const IncidentRulesSchema = z.object({
  notify: z.object({
    always: z.array(RuleRole),
    personalData: z.array(RuleRole),
    /** The reporter's hint that a service for residents is disrupted: the security function looks at it at once. */
    essentialService: z.array(RuleRole),
    /** Categories routed to a role of their own, e.g. malware to the IT security officer. */
    categories: z.partialRecord(z.enum(INCIDENT_CATEGORIES), z.array(RuleRole)).default({}),
  }),
  decisions: z.object({
    /** Who decides for the committee (the controller) whether IMY is told, and records that it was. Not the DPO, who advises. */
    imy: Roles,
    /** Who judges whether an incident is significant under cybersäkerhetslagen: the security function. */
    significance: Roles,
  }),
  authorities: z.object({ imy: Authority, csirt: Authority }),
  deadlines: z.array(Deadline),
  reporterAdvice: z.object({
    /** One for every category the form offers: a category added in code must be given advice here. */
    categories: z.record(z.enum(INCIDENT_CATEGORIES), Advice),
    /** For a weakness, where nothing has happened yet, whatever its category. */
    weakness: Advice,
  }),
  /**
   * The short lesson (a learning module's id) that fits an incident of each category: the triage
   * card offers the security officer to send it to the incident's committee. A category left out
   * offers none. That each module exists is checked at start, against the module library.
   */
  lessons: z.partialRecord(z.enum(INCIDENT_CATEGORIES), Text).default({}),
});
export type IncidentRules = z.infer<typeof IncidentRulesSchema>;
export type DeadlineRule = IncidentRules['deadlines'][number];
export type ReporterAdvice = z.infer<typeof Advice>;

export function loadIncidentRules(file: string): IncidentRules {
  const parsed = IncidentRulesSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
