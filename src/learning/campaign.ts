import { z } from 'zod';
import { isCalendarDate } from '../clock/stockholm-time';
import { t } from '../i18n/texts';
import type { Person, RoleAssignment } from '../organisation/organisation';
import { learnerOf } from '../organisation/staff';
import { checkFreeText } from '../text/free-text';

/** Who a campaign is for: everyone, the staff and elected officials of chosen committees, or the elected officials. */
export const AUDIENCES = ['alla', 'namnder', 'fortroendevalda'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** A planned send-out of one module, owned by the security officer. Stored in the campaigns list. */
export interface Campaign {
  campaignId: string;
  moduleId: string;
  audience: Audience;
  /** For audience "namnder": the committee codes. Empty otherwise. */
  committeeCodes: string[];
  /** Dates in Europe/Stockholm, YYYY-MM-DD: the card goes out from startDate, reminders stop after dueDate. */
  startDate: string;
  dueDate: string;
  /** Days between reminders, and how many at most. */
  reminderEveryDays: number;
  maxReminders: number;
  /** Leaves out whoever passed the module in this many days before the start; without it, whoever ever passed it. */
  skipPassedWithinDays?: number;
  /** A short lesson sent after an incident (the triage card's "Skicka en kort utbildning"): which one, and its category. */
  origin?: CampaignOrigin;
  createdBy: string;
  createdAt: string;
}

export interface CampaignOrigin {
  incidentReference: string;
  category: string;
}

const date = (what: string) =>
  z
    .string({ error: `${what} saknas` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${what} ska skrivas ÅÅÅÅ-MM-DD`)
    .refine(isCalendarDate, `${what} är inget giltigt datum`);

/** A name from a file or the command line that is shown back in messages: nothing in it may hide or disguise what it says. */
const shownText = (what: string) =>
  z.string().superRefine((v, ctx) => {
    const problem = checkFreeText(v);
    if (problem) ctx.addIssue({ code: 'custom', message: t('sv', `text.problem.${problem.code}`, { field: what, character: problem.character ?? '' }) });
  });

/** A campaign as written in a file or on the command line, before the id and creation are filled in. */
export const CampaignInputSchema = z
  .object({
    campaignId: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'campaignId får bara innehålla a–z, 0–9 och bindestreck').max(80).optional(),
    moduleId: z.string({ error: 'modul saknas' }).min(1, 'modul saknas').pipe(shownText('modul')),
    audience: z.enum(AUDIENCES, { error: `målgrupp ska vara en av ${AUDIENCES.join(', ')}` }),
    committeeCodes: z.array(z.string().min(1).pipe(shownText('nämnder'))).default([]),
    startDate: date('startdatum'),
    dueDate: date('slutdatum'),
    reminderEveryDays: z.number({ error: 'påminnelseintervall ska vara ett antal dagar' }).int().min(1, 'påminnelseintervallet ska vara minst 1 dag').max(60).default(7),
    maxReminders: z.number({ error: 'antal påminnelser ska vara ett heltal' }).int().min(0).max(10, 'högst 10 påminnelser').default(2),
    skipPassedWithinDays: z.number({ error: 'antal dagar ska vara ett heltal' }).int().min(1, 'minst 1 dag').max(1095, 'högst 1 095 dagar (tre år)').optional(),
  })
  .strict()
  .refine((c) => c.dueDate >= c.startDate, { message: 'slutdatum ligger före startdatum', path: ['dueDate'] })
  .refine((c) => (c.audience === 'namnder') === c.committeeCodes.length > 0, {
    message: 'nämnder anges när, och bara när, målgruppen är "namnder"',
    path: ['committeeCodes'],
  });
export type CampaignInput = z.input<typeof CampaignInputSchema>;

export function campaignIdFor(input: { moduleId: string; audience: Audience; committeeCodes: string[]; startDate: string }): string {
  const who = input.audience === 'namnder' ? input.committeeCodes.map((c) => c.toLowerCase()).sort().join('-') : input.audience;
  return `${input.moduleId}-${who}-${input.startDate}`;
}

/** Someone a campaign reaches, with the committee their completion counts for. */
export interface Learner {
  personId: string;
  committeeCode: string;
  electedOfficial: boolean;
}

/**
 * Everyone the roles list knows as staff (medarbetare) or elected official (förtroendevald), once
 * each, with their home committee (learnerOf's rule). The other roles are held by people who are also staff.
 */
export function learnersFrom(roles: RoleAssignment[]): Learner[] {
  // One person however their id is written: Entra object ids are GUIDs, and the roles list finds them without regard to case.
  const byPerson = new Map<string, { personId: string; assignments: RoleAssignment[] }>();
  for (const r of roles) {
    const key = r.personId.toLowerCase();
    const known = byPerson.get(key);
    if (known) known.assignments.push(r);
    else byPerson.set(key, { personId: r.personId, assignments: [r] });
  }
  return [...byPerson.values()].flatMap((person) => learnerOf(person) ?? []);
}

/** The learner a person is by their assignments (from the roles list or the people sync), or undefined when they count nowhere. */
export function learnerOfPerson(person: Person | undefined): Learner | undefined {
  return person && learnerOf({ personId: person.id, assignments: person.assignments });
}

export function isInAudience(campaign: Pick<Campaign, 'audience' | 'committeeCodes'>, learner: Learner): boolean {
  switch (campaign.audience) {
    case 'alla':
      return true;
    case 'fortroendevalda':
      return learner.electedOfficial;
    case 'namnder':
      return campaign.committeeCodes.includes(learner.committeeCode);
  }
}

export function audienceOf(campaign: Pick<Campaign, 'audience' | 'committeeCodes'>, learners: Learner[]): Learner[] {
  return learners.filter((l) => isInAudience(campaign, l));
}
