/**
 * Users and groups as Entra ID keeps them behind Graph, for the people sync: `/users/delta` (a full
 * read in pages ending with an @odata.deltaLink, then only what changed since, a removed user as
 * `@removed`, an unknown or expired token answered 410 as Graph does) and a group's transitive
 * members. Every change is numbered; a delta token is the number it was issued at.
 */
export interface DirectoryUser {
  id: string;
  displayName: string;
  mail: string;
  accountEnabled: boolean;
  department?: string;
}

interface Change {
  seq: number;
  id: string;
  removed: boolean;
  /** The properties this change set; 'all' for a user new to the directory. */
  fields: readonly string[] | 'all';
}

export interface DirectoryAnswer {
  status: number;
  body: unknown;
}

const PAGE = 100;
const token = (kind: 'delta' | 'skip', n: number, seq: number) => Buffer.from(`${kind}:${n}:${seq}`).toString('base64url');

export class UsersDirectory {
  readonly users = new Map<string, DirectoryUser>();
  readonly groups = new Map<string, Set<string>>();
  private readonly changes: Change[] = [];
  private seq = 0;
  /** Delta tokens issued before this number are answered 410 (Graph forgets delta state after a while). */
  forgottenBefore = 0;

  put(user: DirectoryUser): void {
    const before = this.users.get(user.id) as Record<string, unknown> | undefined;
    const after = { ...user } as Record<string, unknown>;
    const fields = before ? [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => before[f] !== after[f]) : 'all';
    this.users.set(user.id, { ...user });
    this.changes.push({ seq: ++this.seq, id: user.id, removed: false, fields });
  }

  remove(id: string): void {
    this.users.delete(id);
    for (const members of this.groups.values()) members.delete(id);
    this.changes.push({ seq: ++this.seq, id, removed: true, fields: 'all' });
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

  /** GET /users/delta, with `$skiptoken` (a page of the full read) or `$deltatoken` (changes since). */
  delta(origin: string, query: URLSearchParams): DirectoryAnswer {
    const select = (query.get('$select') ?? 'id,displayName,mail,accountEnabled').split(',').map((s) => s.trim());
    // Graph answers every selected property, null when the user has no value.
    const shape = (u: DirectoryUser) => Object.fromEntries(select.map((f) => [f, (u as unknown as Record<string, unknown>)[f] ?? null]));
    const link = (kind: 'delta' | 'skip', n: number, seq: number) =>
      `${origin}/v1.0/users/delta?${kind === 'delta' ? '$deltatoken' : '$skiptoken'}=${token(kind, n, seq)}&$select=${select.join(',')}`;
    const given = query.get('$deltatoken') ?? query.get('$skiptoken');
    if (given) {
      const [kind, n, seq] = Buffer.from(given, 'base64url').toString().split(':');
      const issued = Number(seq);
      if (!Number.isFinite(issued) || (kind === 'delta' && issued < this.forgottenBefore) || (kind !== 'delta' && kind !== 'skip')) {
        return { status: 410, body: { error: { code: 'syncStateNotFound', message: 'The sync state generation is not found. Resync required.' } } };
      }
      if (kind === 'delta') {
        // Each user changed since, once: removed; new since (every property); or changed, as Graph
        // does it, "with at least the properties that have been updated" (here exactly those).
        const since = this.changes.filter((c) => c.seq > issued);
        const fields = new Map<string, Set<string> | 'all'>();
        for (const c of since) {
          const known = fields.get(c.id);
          if (c.fields === 'all' || known === 'all') fields.set(c.id, 'all');
          else fields.set(c.id, new Set([...(known ?? []), ...c.fields]));
        }
        const value = [...fields.entries()].map(([id, changed]) => {
          const user = this.users.get(id);
          if (!user) return { id, '@removed': { reason: 'deleted' } };
          const all = shape(user);
          return changed === 'all' ? all : Object.fromEntries(Object.entries(all).filter(([f]) => f === 'id' || changed.has(f)));
        });
        return { status: 200, body: { value, '@odata.deltaLink': link('delta', 0, this.seq) } };
      }
      return this.page(Number(n), issued, shape, link);
    }
    return this.page(0, this.seq, shape, link);
  }

  /** A page of the full read, as the directory stood when it began. */
  private page(start: number, at: number, shape: (u: DirectoryUser) => Record<string, unknown>, link: (kind: 'delta' | 'skip', n: number, seq: number) => string): DirectoryAnswer {
    const all = [...this.users.values()].sort((a, b) => a.id.localeCompare(b.id));
    const value = all.slice(start, start + PAGE).map(shape);
    const more = start + PAGE < all.length;
    return { status: 200, body: { value, ...(more ? { '@odata.nextLink': link('skip', start + PAGE, at) } : { '@odata.deltaLink': link('delta', 0, at) }) } };
  }

  /** GET /groups/{id}/transitiveMembers: the members' ids, in pages. */
  members(origin: string, groupId: string, query: URLSearchParams): DirectoryAnswer {
    const members = this.groups.get(groupId);
    if (!members) return { status: 404, body: { error: { code: 'Request_ResourceNotFound', message: `Resource '${groupId}' does not exist or one of its queried reference-property objects are not present.` } } };
    const start = Number(query.get('$skiptoken') ?? 0);
    const ids = [...members].sort();
    const value = ids.slice(start, start + PAGE).map((id) => ({ '@odata.type': '#microsoft.graph.user', id }));
    const next = start + PAGE < ids.length ? { '@odata.nextLink': `${origin}/v1.0/groups/${groupId}/transitiveMembers?$select=id&$skiptoken=${start + PAGE}` } : {};
    return { status: 200, body: { value, ...next } };
  }
}
