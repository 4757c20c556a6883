import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ROLES } from '../organisation/organisation';

/**
 * Routing and legal deadlines as configuration (content/rules/incident-rules.json), not as constants
 * in code: who is told of an incident, and which clocks start when it is discovered.
 */
export const DEADLINE_DONE_FIELDS = ['imyNotifiedAt', 'nisEarlyWarningAt', 'nisNotificationAt', 'nisFinalReportAt'] as const;
export type DeadlineDoneField = (typeof DEADLINE_DONE_FIELDS)[number];

const Condition = z.enum(['always', 'personalData', 'essentialService']);

export const IncidentRulesSchema = z.object({
  notify: z.object({
    always: z.array(z.enum(ROLES)),
    personalData: z.array(z.enum(ROLES)),
    essentialService: z.array(z.enum(ROLES)),
  }),
  deadlines: z.array(
    z
      .object({
        id: z.string().min(1),
        label: z.string().min(1),
        /** The label in English; the Swedish one is shown where it is missing. */
        labelEn: z.string().min(1).optional(),
        appliesWhen: Condition,
        from: z.enum(['discoveredAt', 'reportedAt']),
        hours: z.number().positive().optional(),
        months: z.number().int().positive().optional(),
        owner: z.enum(ROLES),
        doneField: z.enum(DEADLINE_DONE_FIELDS),
        remindHoursBefore: z.array(z.number().positive()),
      })
      .refine((d) => (d.hours === undefined) !== (d.months === undefined), { message: 'ange antingen hours eller months' }),
  ),
});
export type IncidentRules = z.infer<typeof IncidentRulesSchema>;
export type DeadlineRule = IncidentRules['deadlines'][number];

export function loadIncidentRules(file: string): IncidentRules {
  const parsed = IncidentRulesSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
