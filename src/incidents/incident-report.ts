import { z } from 'zod';
import { fromStockholmWallTime } from '../clock/stockholm-time';
import { checkFreeText } from '../text/free-text';
import { INCIDENT_CATEGORIES, SECURITY_ASPECTS, type Incident } from './incident';

/**
 * The incident form as it comes back from the card, checked with one schema. Every error is a
 * reason code for a field (the bot words it with the field's label). Nothing is stored until the
 * whole report is valid.
 */
export const FORM_FIELDS = [
  'kind', 'category', 'description', 'occurredDate', 'occurredTime', 'discoveredDate', 'discoveredTime', 'committeeCode',
  'affectedSystem', 'assetId', 'personalData', 'approxPeopleAffected', 'sensitiveData', 'personalIdentityNumbers', 'aspects', 'ongoing', 'essentialService',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export const FORM_ERROR_CODES = [
  'required', 'notText', 'tooLong', 'badCharacters', 'onlyInvisible', 'badDate', 'badTime', 'chooseKind', 'chooseOption', 'describe', 'chooseCommittee',
  'notInteger', 'negative', 'tooLarge', 'noSuchDate', 'inFuture', 'dateForTime', 'beforeOccurred', 'unknownCommittee', 'unknownAspect', 'unknownAsset', 'formLost',
] as const;
export type FormErrorCode = (typeof FORM_ERROR_CODES)[number];
export interface FormError {
  code: FormErrorCode;
  /** For tooLong: the most characters allowed. */
  max?: number;
}
export type FormErrors = Partial<Record<FormField, FormError>>;

export const DESCRIPTION_MAX = 4000;

/** Card inputs arrive as strings (toggles as "true"/"false", multi-selects comma-separated); anything else is refused. */
const text = (max: number) =>
  z
    .string({ message: 'notText' })
    .transform((v) => v.trim())
    .pipe(
      z
        .string()
        .max(max, { message: `tooLong:${max}` })
        // Control characters, text-direction overrides and broken surrogates have no place in a
        // report (they break exports and SharePoint, or make the text read as something else), and
        // a text of only invisible characters says nothing: src/text/free-text.ts has the rule.
        .superRefine((v, ctx) => {
          const problem = checkFreeText(v);
          if (problem) ctx.addIssue({ code: 'custom', message: problem.code });
        }),
    );
const toggle = z
  .union([z.literal('true'), z.literal('false'), z.boolean()])
  .optional()
  .transform((v) => v === true || v === 'true');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'badDate' });
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, { message: 'badTime' });
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

const FormSchema = z.object({
  kind: z.enum(['incident', 'weakness'], { message: 'chooseKind' }),
  category: z.enum(INCIDENT_CATEGORIES, { message: 'chooseOption' }),
  description: text(DESCRIPTION_MAX).pipe(z.string().min(1, { message: 'describe' })),
  occurredDate: optional(date),
  occurredTime: optional(time),
  discoveredDate: date,
  discoveredTime: time,
  committeeCode: z.string().min(1, { message: 'chooseCommittee' }).max(20, { message: 'tooLong:20' }),
  affectedSystem: optional(text(255)),
  assetId: optional(z.string().max(100, { message: 'unknownAsset' })),
  personalData: toggle,
  approxPeopleAffected: optional(
    z
      .union([z.string().regex(/^\s*-?\d+\s*$/, { message: 'notInteger' }), z.number()])
      .transform(Number)
      .pipe(z.number().int({ message: 'notInteger' }).min(0, { message: 'negative' }).max(100_000_000, { message: 'tooLarge' })),
  ),
  sensitiveData: toggle,
  personalIdentityNumbers: toggle,
  aspects: optional(z.string().max(200, { message: 'tooLong:200' })),
  ongoing: toggle,
  essentialService: toggle,
});

export interface ValidReport {
  report: Omit<Incident, 'reference' | 'reporterId' | 'reportedAt' | 'status'>;
}

/** Discovery and occurrence as instants, checked against now and each other; problems go into `errors`. */
function checkTimes(
  t: { kind?: string; discoveredDate?: string; discoveredTime?: string; occurredDate?: string; occurredTime?: string },
  now: Date,
  errors: FormErrors,
): { discovered?: Date; occurred?: Date } {
  const dateOk = (v?: string) => v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v);
  const timeOk = (v?: string) => v !== undefined && /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(v);
  let discovered: Date | undefined;
  if (dateOk(t.discoveredDate) && timeOk(t.discoveredTime) && !errors.discoveredDate) {
    discovered = instant(t.discoveredDate!, t.discoveredTime!);
    if (!discovered) errors.discoveredDate = { code: 'noSuchDate' };
    else if (discovered.getTime() > now.getTime()) errors.discoveredDate = { code: 'inFuture' };
  }
  let occurred: Date | undefined;
  const hasOccurred = Boolean(t.occurredDate || t.occurredTime);
  if (t.kind === 'incident' && hasOccurred && !errors.occurredDate && !errors.occurredTime) {
    if (!dateOk(t.occurredDate)) errors.occurredDate = { code: 'dateForTime' };
    else {
      occurred = instant(t.occurredDate!, timeOk(t.occurredTime) ? t.occurredTime! : '00:00');
      if (!occurred) errors.occurredDate = { code: 'noSuchDate' };
      else if (occurred.getTime() > now.getTime()) errors.occurredDate = { code: 'inFuture' };
      else if (discovered && occurred.getTime() > discovered.getTime() && !errors.discoveredDate) {
        errors.discoveredDate = { code: 'beforeOccurred' };
      }
    }
  }
  return { ...(discovered ? { discovered } : {}), ...(occurred ? { occurred } : {}) };
}

function instant(dateText: string, timeText: string): Date | undefined {
  const [y, m, d] = dateText.split('-').map(Number) as [number, number, number];
  const [hh, mm] = timeText.split(':').map(Number) as [number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return undefined;
  return fromStockholmWallTime({ year: y, month: m, day: d, hour: hh, minute: mm, second: 0 });
}

/** The schema's messages are codes ("tooLong:4000" carries its limit); anything else the schema says is a wrong choice. */
function formErrorFrom(message: string): FormError {
  const [code, max] = message.split(':');
  if (!(FORM_ERROR_CODES as readonly string[]).includes(code!)) return { code: 'chooseOption' };
  return max ? { code: code as FormErrorCode, max: Number(max) } : { code: code as FormErrorCode };
}

/**
 * Checks a submitted form against the rules: required fields, lengths, known choices, dates not in
 * the future (Stockholm time) and discovery not before occurrence. Returns the report or the errors.
 */
export function validateIncidentForm(
  input: unknown,
  now: Date,
  committees: string[],
  /** The register the form offered (id and name); an id not in it is refused. */
  assets: readonly { assetId: string; assetName: string }[] = [],
): ValidReport | { errors: FormErrors } {
  const errors: FormErrors = {};
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { errors: { description: { code: 'formLost' } } };
  const parsed = FormSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as FormField;
      if ((FORM_FIELDS as readonly string[]).includes(field) && !errors[field]) {
        const given = (input as Record<string, unknown>)[field];
        errors[field] = given === undefined || given === null || given === '' ? { code: 'required' } : formErrorFrom(issue.message);
      }
    }
  }
  // The checks across fields run also when another field is wrong, so every problem is named at once.
  const raw = input as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const committeeCode = str(raw.committeeCode);
  if (committeeCode && !errors.committeeCode && !committees.includes(committeeCode)) errors.committeeCode = { code: 'unknownCommittee' };
  const assetId = str(raw.assetId);
  const asset = assetId ? assets.find((a) => a.assetId === assetId) : undefined;
  if (assetId && !errors.assetId && !asset) errors.assetId = { code: 'unknownAsset' };
  const { discovered, occurred } = checkTimes(
    { kind: str(raw.kind), discoveredDate: str(raw.discoveredDate), discoveredTime: str(raw.discoveredTime), occurredDate: str(raw.occurredDate), occurredTime: str(raw.occurredTime) },
    now,
    errors,
  );
  if (!parsed.success || Object.keys(errors).length > 0) return { errors };
  const f = parsed.data;

  const aspects = (f.aspects ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  const unknown = aspects.filter((a) => !(SECURITY_ASPECTS as readonly string[]).includes(a));
  if (unknown.length > 0) errors.aspects = { code: 'unknownAspect' };
  if (Object.keys(errors).length > 0) return { errors };

  return {
    report: {
      kind: f.kind,
      category: f.category,
      description: f.description,
      ...(occurred ? { occurredAt: occurred.toISOString() } : {}),
      discoveredAt: discovered!.toISOString(),
      committeeCode: f.committeeCode,
      // A system chosen from the register is named by it when the reporter wrote nothing of their own.
      affectedSystem: f.affectedSystem ?? asset?.assetName ?? '',
      ...(asset ? { assetId: asset.assetId } : {}),
      personalData: f.personalData,
      ...(f.personalData && f.approxPeopleAffected !== undefined ? { approxPeopleAffected: f.approxPeopleAffected } : {}),
      ...(f.personalData ? { sensitiveData: f.sensitiveData, personalIdentityNumbers: f.personalIdentityNumbers } : {}),
      aspects: [...new Set(aspects)] as Incident['aspects'],
      ongoing: f.kind === 'incident' && f.ongoing,
      essentialService: f.essentialService,
    },
  };
}
