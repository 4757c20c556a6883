import type { DirectoryRead, UserChange } from '../directory/entra-users';
import type { StaffRegister } from '../ops/operational-store';
import { mapEntraUser, mappingLookup, type EntraMapping } from './entra-mapping';
import { learnerOf, type StaffMember } from './staff';

/** Entra ID as the sync reads it; src/directory/entra-users.ts reads it through Graph. */
export interface DirectoryReader {
  /** Whole or nothing: every page up to the deltaLink, or a thrown error. `attribute` is the one the mapping reads. */
  readUsers(attribute: string, deltaLink?: string): Promise<DirectoryRead>;
  groupMembers(groupId: string): Promise<string[]>;
}

/** What one sync changed, for the operator and the job's log. */
export interface SyncReport {
  /** Everyone was read (the first sync, or Graph had forgotten the deltaLink). */
  full: boolean;
  /** Users in this read (changed users only, on a delta read). */
  read: number;
  /** Active people with a committee after the sync: the learners. */
  people: number;
  added: number;
  moved: number;
  left: number;
  /** Active people the mapping gives no committee, by the value that did not map (undefined: none), most first. */
  unmapped: { value: string | undefined; count: number }[];
}

const key = (id: string) => id.toLowerCase();

/** A user change laid over what was known: a property Graph left out of a delta is unchanged. */
function merged(change: UserChange, known: StaffMember | undefined): Omit<StaffMember, 'groupIds' | 'assignments'> {
  const attributeValue = change.attributeValue === undefined ? known?.attributeValue : (change.attributeValue ?? undefined);
  return {
    personId: change.id,
    displayName: change.displayName ?? known?.displayName ?? '',
    email: change.mail === undefined ? (known?.email ?? '') : (change.mail ?? ''),
    accountEnabled: change.accountEnabled ?? known?.accountEnabled ?? true,
    ...(attributeValue !== undefined ? { attributeValue } : {}),
  };
}

const sameMember = (a: StaffMember, b: StaffMember) => JSON.stringify(a) === JSON.stringify(b);

function movedBetween(before: StaffMember, after: StaffMember): boolean {
  const [was, is] = [learnerOf(before), learnerOf(after)];
  return Boolean(was && is && (was.committeeCode !== is.committeeCode || was.electedOfficial !== is.electedOfficial));
}

/**
 * Reads Entra ID (all of it the first time, then what changed since the stored deltaLink) and the
 * mapped groups, maps every person anew (the mapping file may have changed since) and stores the
 * outcome in one write with the new deltaLink. Nothing is stored unless every read succeeded: a
 * sync stopped half-way leaves the last complete one, and the next run reads from its deltaLink.
 */
export async function syncPeople(deps: { reader: DirectoryReader; staff: StaffRegister; mapping: EntraMapping; at: Date }): Promise<SyncReport> {
  const { reader, staff, mapping } = deps;
  const state = await staff.state();
  // A deltaLink only brings the attributes its first read selected: another attribute needs everyone read again.
  const read = await reader.readUsers(mapping.attribute, state?.attribute === mapping.attribute ? state.deltaLink : undefined);
  const groups = await Promise.all(mapping.groups.map(async (g) => ({ groupId: g.groupId, members: new Set((await reader.groupMembers(g.groupId)).map(key)) })));
  const current = new Map((await staff.all()).map((m) => [key(m.personId), m]));
  if (read.full && read.users.length === 0 && current.size > 0) {
    // An empty directory is far likelier a permission or filter gone wrong than a municipality without staff.
    throw new Error('Entra ID svarade utan en enda användare; personregistret lämnas som det var');
  }

  // The people as they now are in Entra ID, before mapping: a full read is everyone, a delta is laid over the last sync.
  const people = new Map<string, Omit<StaffMember, 'groupIds' | 'assignments'>>(read.full ? [] : [...current].map(([k, m]) => [k, m]));
  for (const id of read.removed) people.delete(key(id));
  for (const change of read.users) people.set(key(change.id), merged(change, current.get(key(change.id))));

  const lookup = mappingLookup(mapping);
  const report: SyncReport = { full: read.full, read: read.users.length, people: 0, added: 0, moved: 0, left: 0, unmapped: [] };
  const unmapped = new Map<string | undefined, number>();
  const upsert: StaffMember[] = [];
  for (const [k, person] of people) {
    const groupIds = groups.filter((g) => g.members.has(k)).map((g) => g.groupId);
    const mapped = mapEntraUser({ id: person.personId, displayName: person.displayName, mail: person.email, accountEnabled: person.accountEnabled, attributeValue: person.attributeValue, groupIds }, mapping, lookup);
    const member: StaffMember = { ...person, groupIds, assignments: mapped.kind === 'mapped' ? mapped.assignments.map(({ role, committeeCode }) => ({ role, committeeCode })) : [] };
    if (mapped.kind === 'unmapped') unmapped.set(mapped.value, (unmapped.get(mapped.value) ?? 0) + 1);
    const before = current.get(k);
    const [was, is] = [before && learnerOf(before), learnerOf(member)];
    if (is) report.people++;
    if (!was && is) report.added++;
    else if (was && !is) report.left++;
    else if (before && movedBetween(before, member)) report.moved++;
    if (!before || !sameMember(before, member)) upsert.push(member);
  }
  const remove = [...current.keys()].filter((k) => !people.has(k));
  report.left += remove.filter((k) => learnerOf(current.get(k)!)).length;
  report.unmapped = [...unmapped].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);

  await staff.save({ upsert, remove, state: { deltaLink: read.deltaLink, syncedAt: deps.at.toISOString(), attribute: mapping.attribute } });
  return report;
}

/** The report in one line of Swedish, for `npm run job` and the job's log. */
export function describeSync(report: SyncReport): string {
  const unmapped = report.unmapped.reduce((n, u) => n + u.count, 0);
  const values = report.unmapped.map((u) => `${u.value === undefined ? '(inget värde)' : `"${u.value}"`} ${u.count}`).join(', ');
  return [
    `Personsynk (${report.full ? 'hela katalogen' : 'ändringar'}): ${report.read} lästa`,
    `${report.people} medarbetare och förtroendevalda`,
    `${report.added} nya, ${report.moved} flyttade, ${report.left} slutat`,
    unmapped === 0 ? 'alla med nämnd' : `${unmapped} utan nämnd: ${values}`,
  ].join('; ');
}
