import type { Client } from '@microsoft/microsoft-graph-client';
import type { DirectoryReader } from '../organisation/people-sync';
import { readWithRetries, statusOf } from '../store/sharepoint/graph-calls';

/**
 * Reads people from Entra ID through Graph's delta query: the first time every user, a page at a
 * time, then only those changed since the last read's deltaLink. A read is whole or it is nothing:
 * the function returns only once the last page (the one with the deltaLink) has been read, so a
 * sync never stores part of a read as if it were all. A deltaLink Graph no longer knows (410)
 * starts a full read again, and says so.
 */
export interface DirectoryRead {
  /**
   * What Graph said, in the order it said it (every user, on a full read). Graph may send one user
   * more than once in a read, each entry with part of what changed, and a change before a removal:
   * only applied in this order, each laid over the one before, do they give the user as they are.
   */
  events: DirectoryEvent[];
  /** Where the next read starts. */
  deltaLink: string;
  /** A full read: users not in it have left. */
  full: boolean;
}

export type DirectoryEvent = UserChange | UserRemoved;

/**
 * A user as read: every property on a full read; on a delta read Graph sends a changed user's id
 * "with at least the properties that have been updated": a property left out is unchanged
 * (undefined here), one cleared is null.
 */
export interface UserChange {
  id: string;
  displayName?: string;
  mail?: string | null;
  accountEnabled?: boolean;
  attributeValue?: string | null;
  /** userType 'Guest': an invited outsider, never one of the municipality's people. */
  guest?: boolean;
}

/** Deleted, or soft-deleted (`@removed` reason 'changed', restorable for 30 days): either way no longer there. */
export interface UserRemoved {
  id: string;
  removed: true;
}

interface GraphUser {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  accountEnabled?: boolean | null;
  userType?: string | null;
  '@removed'?: { reason: string };
  [attribute: string]: unknown;
}

interface DeltaPage {
  value: GraphUser[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

export async function readUsers(client: Client, attribute: string, deltaLink?: string): Promise<DirectoryRead> {
  if (deltaLink) {
    try {
      return await readPages(client, attribute, deltaLink, false);
    } catch (err) {
      // Graph has forgotten the delta state: read everyone again.
      if (statusOf(err) !== 410 && (err as { status?: number }).status !== 410) throw err;
    }
  }
  const select = [...new Set(['id', 'displayName', 'mail', 'accountEnabled', 'userType', attribute])].join(',');
  return readPages(client, attribute, `/users/delta?$select=${select}`, true);
}

async function readPages(client: Client, attribute: string, first: string, full: boolean): Promise<DirectoryRead> {
  const events: DirectoryEvent[] = [];
  for (let url: string | undefined = first; url; ) {
    const page: DeltaPage = await readWithRetries(() => client.api(url!).get() as Promise<DeltaPage>);
    for (const u of page.value) events.push(u['@removed'] ? { id: u.id, removed: true } : changeOf(u, attribute, full));
    if (page['@odata.deltaLink']) return { events, deltaLink: page['@odata.deltaLink'], full };
    url = page['@odata.nextLink'];
  }
  throw new Error('Graph avslutade läsningen av användare utan deltaLink: läsningen är ofullständig och sparas inte');
}

function changeOf(u: GraphUser, attribute: string, full: boolean): UserChange {
  // On a full read an absent property is an empty one; on a delta read it is an unchanged one.
  const given = (name: string) => full || name in u;
  const value = u[attribute];
  return {
    id: u.id,
    ...(given('displayName') ? { displayName: u.displayName ?? '' } : {}),
    ...(given('mail') ? { mail: u.mail ?? null } : {}),
    ...(given('accountEnabled') ? { accountEnabled: u.accountEnabled !== false } : {}),
    ...(given(attribute) ? { attributeValue: typeof value === 'string' && value.trim() !== '' ? value : null } : {}),
    ...(given('userType') ? { guest: u.userType === 'Guest' } : {}),
  };
}

/** The ids of a group's members, nested groups included, every page read. */
export async function readGroupMembers(client: Client, groupId: string): Promise<string[]> {
  const ids: string[] = [];
  for (let url: string | undefined = `/groups/${encodeURIComponent(groupId)}/transitiveMembers?$select=id`; url; ) {
    const page = (await readWithRetries(() => client.api(url!).get())) as { value: { id: string }[]; '@odata.nextLink'?: string };
    ids.push(...page.value.map((m) => m.id));
    url = page['@odata.nextLink'];
  }
  return ids;
}

/** Entra ID through Graph, as the people sync reads it. */
export function graphDirectoryReader(client: Client): DirectoryReader {
  return {
    readUsers: (attribute, deltaLink) => readUsers(client, attribute, deltaLink),
    groupMembers: (groupId) => readGroupMembers(client, groupId),
  };
}
