import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../config/config';
import type { RoleAssignment } from './organisation';

/**
 * How a person in Entra ID gets a home committee (content/organisation/entra-mapping.json, edited
 * by the municipality): by the value of one user attribute (department, say) or by membership of a
 * group (each committee's elected officials). The people sync applies it to every user it reads;
 * a value the file does not know is reported with the value, never guessed.
 */
const Guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'ett grupp-id (GUID)');
const Code = z.string().trim().min(1).max(20);

export const EntraMappingSchema = z.object({
  /** The user attribute that says where a person works, as Graph names it. */
  attribute: z.enum(['department', 'officeLocation', 'companyName', 'jobTitle']),
  /** Attribute value → committee code. */
  values: z.record(z.string().trim().min(1), Code),
  /** Group → the role its members hold in a committee (the elected officials of a nämnd). */
  groups: z.array(z.object({ groupId: Guid, role: z.enum(['medarbetare', 'fortroendevald']), committeeCode: Code })).default([]),
});
export type EntraMapping = z.infer<typeof EntraMappingSchema>;

/** What the sync keeps of a user: only what the app needs. */
export interface EntraUser {
  id: string;
  displayName: string;
  mail: string;
  accountEnabled: boolean;
  /** The mapping's attribute, as read. */
  attributeValue: string | undefined;
  /** The mapped groups the person is a member of (transitively). */
  groupIds: string[];
}

export type MappedPerson =
  | { kind: 'mapped'; assignments: RoleAssignment[] }
  /** Disabled: leaves every audience and the figures (their completions are kept, as retention says). */
  | { kind: 'inactive' }
  /** Neither the attribute's value nor a group gives a committee: reported with the value that did not map. */
  | { kind: 'unmapped'; value: string | undefined };

const normalise = (value: string) => value.trim().toLocaleLowerCase('sv-SE');

/** The mapping's values, looked up without regard to case or surrounding spaces. */
export function mappingLookup(mapping: EntraMapping): (value: string | undefined) => string | undefined {
  const byValue = new Map(Object.entries(mapping.values).map(([value, code]) => [normalise(value), code]));
  return (value) => (value === undefined ? undefined : byValue.get(normalise(value)));
}

/** A user as the roles they hold by the mapping: staff of the attribute's committee, and the role of each mapped group. */
export function mapEntraUser(user: EntraUser, mapping: EntraMapping, lookup = mappingLookup(mapping)): MappedPerson {
  if (!user.accountEnabled) return { kind: 'inactive' };
  const base = { personId: user.id, displayName: user.displayName, email: user.mail };
  const assignments: RoleAssignment[] = [];
  const home = lookup(user.attributeValue);
  if (home) assignments.push({ ...base, role: 'medarbetare', committeeCode: home });
  for (const group of mapping.groups) {
    if (!user.groupIds.includes(group.groupId)) continue;
    if (assignments.some((a) => a.role === group.role && a.committeeCode === group.committeeCode)) continue;
    assignments.push({ ...base, role: group.role, committeeCode: group.committeeCode });
  }
  return assignments.length > 0 ? { kind: 'mapped', assignments } : { kind: 'unmapped', value: user.attributeValue };
}

/** Reads and checks the mapping file: a mistake stops the sync with the file and what is wrong, in Swedish. */
export function loadEntraMapping(file: string, knownCommittees?: readonly string[]): EntraMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file}: kan inte läsas som JSON (${(err as Error).message})`);
  }
  const parsed = EntraMappingSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(filen)'}: ${i.message}`).join('; ')}`);
  if (knownCommittees) {
    const codes = [...Object.values(parsed.data.values), ...parsed.data.groups.map((g) => g.committeeCode)];
    const unknown = [...new Set(codes.filter((c) => !knownCommittees.includes(c)))];
    if (unknown.length > 0) throw new ConfigError(`${file}: okända nämndkoder ${unknown.join(', ')} (kända: ${knownCommittees.join(', ')})`);
  }
  return parsed.data;
}
