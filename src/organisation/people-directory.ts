import type { Clock } from '../clock/clock';
import { KeptReads } from './kept-reads';
import type { StaffRegister } from '../ops/operational-store';
import type { Store } from '../store/store';
import type { Person, Role, RoleAssignment } from './organisation';
import { personFromSources } from './staff';

/** How long a person's roles, or a role's holders, are kept: a role removed in SharePoint stops working within this time. */
export const PEOPLE_KEEP_MS = 60_000;
/**
 * How long the last read of a role's holders may stand in while the roles list cannot be read: they
 * are whom to tell and whose name to show, never who may act. A person's own roles, which decide
 * what they may do, are never used older than PEOPLE_KEEP_MS: during an outage their actions fail.
 */
export const PEOPLE_STALE_LIMIT_MS = 15 * 60_000;

/**
 * Who a person is and which roles they hold, and who holds a role: the questions every card action
 * asks, answered from the roles list. Roles change a few times a year, so answers are kept for
 * PEOPLE_KEEP_MS (timed by the injected clock) instead of costing a SharePoint round trip per
 * action; the rules are still checked at every action, against roles at most that old. Each
 * answer is one indexed query, as without the directory, so a large roles list is never read whole.
 */
export class PeopleDirectory {
  private readonly people: KeptReads<Person | undefined>;
  private readonly holders: KeptReads<RoleAssignment[]>;

  private readonly staff: StaffRegister | undefined;

  /** With `staff`, where people work comes from the people sync once it has run (see personFromSources). */
  constructor(
    private readonly store: Store,
    clock: Clock,
    options: { keepMs?: number; staleLimitMs?: number; staff?: StaffRegister } = {},
  ) {
    const keepMs = options.keepMs ?? PEOPLE_KEEP_MS;
    // A removed role must stop working within keepMs, outage or not.
    this.people = new KeptReads(clock, keepMs, keepMs);
    this.holders = new KeptReads(clock, keepMs, options.staleLimitMs ?? PEOPLE_STALE_LIMIT_MS);
    this.staff = options.staff;
  }

  person(personId: string): Promise<Person | undefined> {
    return this.people.read(personId, async () => {
      const [rows, synced, state] = await Promise.all([
        this.store.roles.query({ field: 'personId', op: 'eq', value: personId }),
        this.staff?.get(personId),
        this.staff?.state(),
      ]);
      return personFromSources(
        rows.map((r) => r.value),
        synced,
        state !== undefined,
      );
    });
  }

  holdersOf(role: Role): Promise<RoleAssignment[]> {
    return this.holders.read(role, async () => (await this.store.roles.query({ field: 'role', op: 'eq', value: role })).map((r) => r.value));
  }

  /** The app wrote roles: the next question reads them again. */
  forget(): void {
    this.people.forget();
    this.holders.forget();
  }
}

const WRITES = ['create', 'createMany', 'update', 'delete'] as const;

/**
 * Every write through this store's roles (the demo seeding, an import, a test) makes the
 * directory forget, whoever calls it: writers need not know the directory exists. Roles changed
 * outside the app (in SharePoint, by another instance or a CLI run) are seen after PEOPLE_KEEP_MS.
 */
export function forgetOnRoleWrites(store: Store, directory: PeopleDirectory): void {
  const roles = store.roles as unknown as Record<(typeof WRITES)[number], (...args: unknown[]) => Promise<unknown>>;
  for (const name of WRITES) {
    const write = roles[name].bind(store.roles);
    roles[name] = async (...args: unknown[]) => {
      try {
        return await write(...args);
      } finally {
        directory.forget();
      }
    };
  }
}
