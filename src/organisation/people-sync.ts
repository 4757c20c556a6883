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
  /** Everyone was read (the first sync, a week since the last full read, another attribute, or Graph had forgotten the deltaLink). */
  full: boolean;
  /** Members (not guests) in this read, once each (changed ones only, on a delta read). */
  read: number;
  /** Active people with a committee after the sync: the learners. */
  people: number;
  added: number;
  moved: number;
  /** Learners no longer: gone from Entra ID, a guest now, disabled, or no longer given a committee by the mapping. */
  left: number;
  /** Active people the mapping gives no committee, by the value that did not map (undefined: none), most first. */
  unmapped: { value: string | undefined; count: number }[];
}

/** A delta brings only what Graph reports: a read of everyone this often corrects whatever drifted. */
export const FULL_READ_EVERY_MS = 7 * 24 * 60 * 60 * 1000;

const key = (id: string) => id.toLowerCase();
const count = (n: number) => n.toLocaleString('sv-SE');

type Known = Omit<StaffMember, 'groupIds' | 'assignments'>;

/** A user change laid over what was known: a property Graph left out of a delta is unchanged. */
function merged(change: UserChange, known: Known | undefined): Known {
  const attributeValue = change.attributeValue === undefined ? known?.attributeValue : (change.attributeValue ?? undefined);
  return {
    personId: change.id,
    displayName: change.displayName ?? known?.displayName ?? '',
    email: change.mail === undefined ? (known?.email ?? '') : (change.mail ?? ''),
    accountEnabled: change.accountEnabled ?? known?.accountEnabled ?? true,
    ...(attributeValue !== undefined ? { attributeValue } : {}),
  };
}

/**
 * The people as they now are in Entra ID, before mapping: a full read is everyone, a delta is laid
 * over the last sync. The events are applied in Graph's order, each change over the latest state of
 * its user (an earlier entry of this read, else the stored one), so that two partial entries for one
 * user add up and a change followed by a removal leaves the user removed.
 */
function peopleAfter(read: DirectoryRead, current: Map<string, StaffMember>): { people: Map<string, Known>; read: number } {
  const people = new Map<string, Known>(read.full ? [] : current);
  const members = new Set<string>();
  for (const event of read.events) {
    const k = key(event.id);
    if ('removed' in event || event.guest) {
      people.delete(k);
      members.delete(k);
      continue;
    }
    const known = people.get(k) ?? current.get(k);
    // Graph sends a new user (a guest made a member, too) whole, userType with it: a partial change for
    // someone not known is a guest's, whose userType did not change. The weekly full read settles any doubt.
    if (!known && event.guest === undefined) continue;
    people.set(k, merged(event, known));
    members.add(k);
  }
  return { people, read: members.size };
}

const sameMember = (a: StaffMember, b: StaffMember) => JSON.stringify(a) === JSON.stringify(b);

function movedBetween(before: StaffMember, after: StaffMember): boolean {
  const [was, is] = [learnerOf(before), learnerOf(after)];
  return Boolean(was && is && (was.committeeCode !== is.committeeCode || was.electedOfficial !== is.electedOfficial));
}

/**
 * Reads Entra ID (all of it the first time and once a week, then what changed since the stored
 * deltaLink) and the mapped groups, maps every person anew (the mapping file may have changed
 * since) and stores the outcome in one write with the new deltaLink. Nothing is stored unless every
 * read succeeded: a sync stopped half-way leaves the last complete one, and the next run reads
 * from its deltaLink.
 */
export async function syncPeople(deps: { reader: DirectoryReader; staff: StaffRegister; mapping: EntraMapping; at: Date }): Promise<SyncReport> {
  const { reader, staff, mapping, at } = deps;
  const state = await staff.state();
  // A deltaLink only brings the attributes its first read selected: another attribute needs everyone read again.
  // Written so that an unreadable fullReadAt also reads everyone.
  const deltaLink = state && state.attribute === mapping.attribute && at.getTime() - Date.parse(state.fullReadAt) < FULL_READ_EVERY_MS ? state.deltaLink : undefined;
  const read = await reader.readUsers(mapping.attribute, deltaLink);
  const groups = await Promise.all(mapping.groups.map(async (g) => ({ groupId: g.groupId, members: new Set((await reader.groupMembers(g.groupId)).map(key)) })));
  const current = new Map((await staff.all()).map((m) => [key(m.personId), m]));
  const { people, read: membersRead } = peopleAfter(read, current);

  if (read.full) {
    // Half the municipality gone in one read is far likelier a permission or filter gone wrong than people leaving.
    const active = [...current].filter(([, m]) => m.accountEnabled);
    const staying = active.filter(([k]) => people.get(k)?.accountEnabled).length;
    if (active.length > 0 && (active.length - staying) * 2 > active.length) {
      throw new Error(`Entra ID gav bara ${count(staying)} av ${count(active.length)} kända personer; personregistret lämnas som det var (kontrollera behörigheten User.Read.All och filtren)`);
    }
  }

  const lookup = mappingLookup(mapping);
  const report: SyncReport = { full: read.full, read: membersRead, people: 0, added: 0, moved: 0, left: 0, unmapped: [] };
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

  const fullReadAt = read.full || !state ? at.toISOString() : state.fullReadAt;
  await staff.save({ upsert, remove, state: { deltaLink: read.deltaLink, syncedAt: at.toISOString(), fullReadAt, attribute: mapping.attribute } });
  return report;
}

/** The report in one line of Swedish, for `npm run job` and the job's log. */
export function describeSync(report: SyncReport): string {
  const unmapped = report.unmapped.reduce((n, u) => n + u.count, 0);
  const values = report.unmapped.map((u) => `${u.value === undefined ? '(inget värde)' : `"${u.value}"`} ${count(u.count)}`).join(', ');
  return [
    `Personsynk (${report.full ? 'hela katalogen' : 'ändringar'}): ${count(report.read)} lästa`,
    `${count(report.people)} medarbetare och förtroendevalda`,
    // "lämnat" rather than "slutat": someone disabled, turned guest or left without a committee leaves the learners too.
    `${count(report.added)} nya, ${count(report.moved)} flyttade, ${count(report.left)} lämnat`,
    unmapped === 0 ? 'alla med nämnd' : `${count(unmapped)} utan nämnd: ${values}`,
  ].join('; ');
}
