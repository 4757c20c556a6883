/**
 * Users and groups as Entra ID keeps them behind Graph, for the people sync: `/users/delta` (a full
 * read in pages ending with an @odata.deltaLink, then only what changed since, also in pages; a
 * removed user as `@removed`, reason 'deleted', or 'changed' when soft-deleted and restorable; an
 * unknown or expired token answered 410 as Graph does) and a group's transitive members. Every
 * change is numbered; a delta token is the number it was issued at.
 */
export interface DirectoryUser {
  id: string;
  displayName: string;
  mail: string;
  accountEnabled: boolean;
  /** 'Member' when not given, as Entra ID makes a user of the tenant; 'Guest' for an invited outsider. */
  userType?: 'Member' | 'Guest';
  department?: string;
}

interface Change {
  seq: number;
  id: string;
  /** 'softDeleted': in the deleted items, restorable (Graph's `@removed` reason 'changed'). */
  kind: 'put' | 'deleted' | 'softDeleted';
  /** The properties this change set; 'all' for a user new to the directory (or restored). */
  fields: readonly string[] | 'all';
  /** The user as this change left them, for a delta that sends every change as its own entry. */
  user?: DirectoryUser;
}

export interface DirectoryAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Shape = (u: DirectoryUser) => Record<string, unknown>;
type TokenKind = 'delta' | 'skip' | 'deltaPage';
const token = (kind: TokenKind, start: number, from: number, to = from) => Buffer.from(`${kind}:${start}:${from}:${to}`).toString('base64url');
const removedEntry = (id: string, kind: Change['kind']) => ({ id, '@removed': { reason: kind === 'softDeleted' ? 'changed' : 'deleted' } });

export class UsersDirectory {
  readonly users = new Map<string, DirectoryUser>();
  readonly groups = new Map<string, Set<string>>();
  private readonly changes: Change[] = [];
  /** Soft-deleted users and the groups they were in, as Entra ID keeps them for 30 days. */
  private readonly deletedItems = new Map<string, { user: DirectoryUser; groupIds: string[] }>();
  private seq = 0;
  private answersBeforeOutage: number | undefined;
  /** Delta tokens issued before this number are answered 410 (Graph forgets delta state after a while). */
  forgottenBefore = 0;
  /** Entries per page, of a full read and of a delta alike. */
  pageSize = 100;
  /**
   * Graph may send one user several times in a delta, each entry with part of what changed, on the
   * same page or on different ones. Off: one entry per user (what changed, merged). On: one entry
   * per change, in the order they were made, so a user changed and then deleted comes twice.
   */
  entryPerChange = false;

  put(user: DirectoryUser): void {
    const before = this.users.get(user.id) as Record<string, unknown> | undefined;
    const stored: DirectoryUser = { ...user, userType: user.userType ?? 'Member' };
    const after = stored as unknown as Record<string, unknown>;
    const fields = before ? [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => before[f] !== after[f]) : 'all';
    // Writing what is already there changes nothing, and Graph's delta does not mention it.
    if (fields !== 'all' && fields.length === 0) return;
    this.users.set(user.id, stored);
    this.deletedItems.delete(user.id);
    this.changes.push({ seq: ++this.seq, id: user.id, kind: 'put', fields, user: { ...stored } });
  }

  /** Deleted for good (or purged from the deleted items). */
  remove(id: string): void {
    this.users.delete(id);
    this.deletedItems.delete(id);
    for (const members of this.groups.values()) members.delete(id);
    this.changes.push({ seq: ++this.seq, id, kind: 'deleted', fields: 'all' });
  }

  /** Deleted into the deleted items, where restore() can bring them back with their groups. */
  softDelete(id: string): void {
    const user = this.users.get(id);
    if (!user) return;
    const groupIds = [...this.groups].filter(([, members]) => members.delete(id)).map(([groupId]) => groupId);
    this.users.delete(id);
    this.deletedItems.set(id, { user, groupIds });
    this.changes.push({ seq: ++this.seq, id, kind: 'softDeleted', fields: 'all' });
  }

  restore(id: string): void {
    const item = this.deletedItems.get(id);
    if (!item) return;
    for (const groupId of item.groupIds) this.addToGroup(groupId, id);
    this.put(item.user);
  }

  /** A group, empty until members are added (a group nobody created is 404, as in Graph). */
  addGroup(groupId: string): void {
    if (!this.groups.has(groupId)) this.groups.set(groupId, new Set());
  }

  addToGroup(groupId: string, userId: string): void {
    let members = this.groups.get(groupId);
    if (!members) this.groups.set(groupId, (members = new Set()));
    members.add(userId);
  }

  /**
   * After `answers` more answers (delta pages or group pages), every request is a 503 until called
   * with undefined: Graph unavailable part-way through a read. Retry-After 0 keeps the suite quick.
   */
  failAfter(answers: number | undefined): void {
    this.answersBeforeOutage = answers;
  }

  private outage(): DirectoryAnswer | undefined {
    if (this.answersBeforeOutage === undefined) return undefined;
    if (this.answersBeforeOutage > 0) {
      this.answersBeforeOutage--;
      return undefined;
    }
    return { status: 503, headers: { 'Retry-After': '0' }, body: { error: { code: 'serviceNotAvailable', message: 'Service unavailable' } } };
  }

  /** GET /users/delta, with `$skiptoken` (a further page, of a full read or of a delta) or `$deltatoken` (changes since). */
  delta(origin: string, query: URLSearchParams): DirectoryAnswer {
    const down = this.outage();
    if (down) return down;
    const select = (query.get('$select') ?? 'id,displayName,mail,accountEnabled').split(',').map((s) => s.trim());
    // Graph answers every selected property, null when the user has no value.
    const shape: Shape = (u) => Object.fromEntries(select.map((f) => [f, (u as unknown as Record<string, unknown>)[f] ?? null]));
    const link = (kind: TokenKind, start: number, from: number, to?: number) =>
      `${origin}/v1.0/users/delta?${kind === 'delta' ? '$deltatoken' : '$skiptoken'}=${token(kind, start, from, to)}&$select=${select.join(',')}`;
    const given = query.get('$deltatoken') ?? query.get('$skiptoken');
    if (!given) return this.fullPage(0, this.seq, shape, link);
    const [kind, start, from, to] = Buffer.from(given, 'base64url').toString().split(':');
    const [n, issued, until] = [Number(start), Number(from), Number(to)];
    const known = kind === 'delta' || kind === 'skip' || kind === 'deltaPage';
    if (!known || ![n, issued, until].every(Number.isFinite) || (kind !== 'skip' && issued < this.forgottenBefore)) {
      return { status: 410, body: { error: { code: 'syncStateNotFound', message: 'The sync state generation is not found. Resync required.' } } };
    }
    if (kind === 'skip') return this.fullPage(n, issued, shape, link);
    // A delta is the changes between its token and the moment its first page was asked for.
    return this.deltaPage(kind === 'delta' ? 0 : n, issued, kind === 'delta' ? this.seq : until, shape, link);
  }

  /** A page of the full read, as the directory stood when it began. */
  private fullPage(start: number, at: number, shape: Shape, link: (kind: TokenKind, start: number, from: number, to?: number) => string): DirectoryAnswer {
    const all = [...this.users.values()].sort((a, b) => a.id.localeCompare(b.id));
    const value = all.slice(start, start + this.pageSize).map(shape);
    const more = start + this.pageSize < all.length;
    return { status: 200, body: { value, ...(more ? { '@odata.nextLink': link('skip', start + this.pageSize, at) } : { '@odata.deltaLink': link('delta', 0, at) }) } };
  }

  /** A page of the changes made after `from` up to `to`. */
  private deltaPage(start: number, from: number, to: number, shape: Shape, link: (kind: TokenKind, start: number, from: number, to?: number) => string): DirectoryAnswer {
    const since = this.changes.filter((c) => c.seq > from && c.seq <= to);
    const entries = this.entryPerChange ? since.map((c) => this.entryOf(c, shape)) : this.mergedEntries(since, shape);
    const value = entries.slice(start, start + this.pageSize);
    const more = start + this.pageSize < entries.length;
    return { status: 200, body: { value, ...(more ? { '@odata.nextLink': link('deltaPage', start + this.pageSize, from, to) } : { '@odata.deltaLink': link('delta', 0, to) }) } };
  }

  /** One change as its own entry: the user as the change left them, with the properties it set. */
  private entryOf(c: Change, shape: Shape): Record<string, unknown> {
    if (c.kind !== 'put' || !c.user) return removedEntry(c.id, c.kind);
    const all = shape(c.user);
    return c.fields === 'all' ? all : Object.fromEntries(Object.entries(all).filter(([f]) => f === 'id' || c.fields.includes(f)));
  }

  /**
   * Each user changed since, once: removed; new since (every property); or changed, as Graph does
   * it, "with at least the properties that have been updated" (here exactly those).
   */
  private mergedEntries(since: Change[], shape: Shape): Record<string, unknown>[] {
    const fields = new Map<string, { fields: Set<string> | 'all'; last: Change }>();
    for (const c of since) {
      const known = fields.get(c.id)?.fields;
      const merged = c.fields === 'all' || known === 'all' ? 'all' : new Set([...(known ?? []), ...c.fields]);
      fields.set(c.id, { fields: merged, last: c });
    }
    return [...fields.entries()].map(([id, { fields: changed, last }]) => {
      const user = this.users.get(id);
      if (!user || last.kind !== 'put') return removedEntry(id, last.kind);
      const all = shape(user);
      return changed === 'all' ? all : Object.fromEntries(Object.entries(all).filter(([f]) => f === 'id' || changed.has(f)));
    });
  }

  /** GET /groups/{id}/transitiveMembers: the members' ids, in pages. */
  members(origin: string, groupId: string, query: URLSearchParams): DirectoryAnswer {
    const down = this.outage();
    if (down) return down;
    const members = this.groups.get(groupId);
    if (!members) return { status: 404, body: { error: { code: 'Request_ResourceNotFound', message: `Resource '${groupId}' does not exist or one of its queried reference-property objects are not present.` } } };
    const start = Number(query.get('$skiptoken') ?? 0);
    const ids = [...members].sort();
    const value = ids.slice(start, start + this.pageSize).map((id) => ({ '@odata.type': '#microsoft.graph.user', id }));
    const next = start + this.pageSize < ids.length ? { '@odata.nextLink': `${origin}/v1.0/groups/${groupId}/transitiveMembers?$select=id&$skiptoken=${start + this.pageSize}` } : {};
    return { status: 200, body: { value, ...next } };
  }
}
