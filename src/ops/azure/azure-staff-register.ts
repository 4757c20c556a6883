import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { Learner } from '../../learning/campaign';
import { learnerOf, type StaffMember, type StaffSyncState } from '../../organisation/staff';
import type { StaffRegister } from '../operational-store';
import { safeKey, statusOf, type AzureTables } from './azure-tables';

/**
 * The staff register on Azure Table Storage, in one table "Staff":
 *
 * - PartitionKey "pointer", RowKey "current": the sync's state and which generation readers see.
 *   A save writes its rows as a new generation, then switches `current` to it with the ETag it
 *   reserved the generation with: readers see all of a save or none of it (Table Storage has no
 *   transaction over 50,000 rows, nor over more than one partition).
 * - PartitionKey "s00".."s15" (a hash of the id in lower case): one row per person and generation,
 *   RowKey "<id made safe>|<generation, 10 digits>", a person removed written as a `removed` row.
 *   A person is the newest row of a generation readers see (above `floor`, at most `current`, not
 *   abandoned). get reads one person's rows (one RowKey range); all, learners and unmapped read the
 *   16 partitions side by side, kept in memory while the pointer stays the same. A save writes
 *   transactions of 100 rows per partition, several partitions at a time.
 *
 * Rows no reader can need any more (older than the newest a reader of the previous pointer sees,
 * below the floor, or abandoned) are removed after each save; clear moves the floor up at once and
 * removes the rows below the floor before it. One save at a time: another that begins while a
 * reservation is fresh is refused; a reservation older than RESERVATION_MS is abandoned.
 */
export const azureStaffRegisterTables: readonly string[] = ['Staff'];

const POINTER = { partitionKey: 'pointer', rowKey: 'current' };
const SHARDS = 16;
const RESERVATION_MS = 10 * 60_000;
const PARALLEL = 8;

interface Pointer {
  current: number;
  floor: number;
  reserved: number;
  reservedAt?: string;
  /** JSON list of generations whose save never switched the pointer. */
  abandoned: string;
  hasState: boolean;
  deltaLink?: string;
  syncedAt?: string;
  fullReadAt?: string;
  attribute?: string;
  etag?: string;
}

type StaffRow = Record<string, unknown> & {
  rowKey: string;
  gen: number;
  removed: boolean;
  personId?: string;
  displayName?: string;
  email?: string;
  enabled?: boolean;
  attributeValue?: string;
  groupIds?: string;
  assignments?: string;
  committee?: string;
  elected?: boolean;
};

interface Reservation {
  /** The pointer as it was: what readers saw until the save is published. */
  before: Pointer;
  reserved: Pointer;
  gen: number;
}

/** The pointer's row as written: its known fields, none undefined. */
const pointerEntity = (p: Pointer) => {
  const fields = { current: p.current, floor: p.floor, reserved: p.reserved, reservedAt: p.reservedAt, abandoned: p.abandoned, hasState: p.hasState, deltaLink: p.deltaLink, syncedAt: p.syncedAt, fullReadAt: p.fullReadAt, attribute: p.attribute };
  return { ...POINTER, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
};

const EMPTY: Pointer = { current: 0, floor: 0, reserved: 0, abandoned: '[]', hasState: false };

const shardOf = (person: string) => {
  let h = 0;
  for (let i = 0; i < person.length; i++) h = (h * 31 + person.charCodeAt(i)) >>> 0;
  return `s${String(h % SHARDS).padStart(2, '0')}`;
};
const rowKey = (person: string, gen: number) => `${safeKey(person)}|${String(gen).padStart(10, '0')}`;
const personOf = (row: StaffRow) => row.rowKey.slice(0, row.rowKey.lastIndexOf('|'));

const memberOf = (r: StaffRow): StaffMember => ({
  personId: r.personId as string,
  displayName: r.displayName as string,
  email: r.email as string,
  accountEnabled: r.enabled === true,
  ...(r.attributeValue !== undefined && r.attributeValue !== null ? { attributeValue: r.attributeValue } : {}),
  groupIds: JSON.parse(r.groupIds as string) as string[],
  assignments: JSON.parse(r.assignments as string) as StaffMember['assignments'],
});

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

export class AzureStaffRegister implements StaffRegister {
  private readonly table: TableClient;
  private kept: { seen: string; rows: StaffRow[] } | undefined;

  constructor(tables: AzureTables) {
    this.table = tables.table('Staff');
  }

  private async pointer(): Promise<Pointer> {
    try {
      return { ...EMPTY, ...(await this.table.getEntity<Pointer>(POINTER.partitionKey, POINTER.rowKey)) };
    } catch (err) {
      if (statusOf(err) === 404) return { ...EMPTY };
      throw err;
    }
  }

  /** Whether readers of this pointer see a row of generation `gen`. */
  private static seen(p: Pointer): (gen: number) => boolean {
    const abandoned = new Set(JSON.parse(p.abandoned) as number[]);
    return (gen) => gen > p.floor && gen <= p.current && !abandoned.has(gen);
  }

  /** Each person's newest row readers of the pointer see, removed people left out. */
  private static visible(rows: readonly StaffRow[], p: Pointer): StaffRow[] {
    const seen = AzureStaffRegister.seen(p);
    const newest = new Map<string, StaffRow>();
    for (const r of rows) {
      if (!seen(r.gen)) continue;
      const person = personOf(r);
      if ((newest.get(person)?.gen ?? -1) < r.gen) newest.set(person, r);
    }
    return [...newest.values()].filter((r) => !r.removed);
  }

  private async rowsIn(filter: string): Promise<StaffRow[]> {
    const rows: StaffRow[] = [];
    for await (const r of this.table.listEntities<StaffRow>({ queryOptions: { filter } })) rows.push(r as StaffRow);
    return rows;
  }

  private async everyRow(): Promise<StaffRow[]> {
    const shards = await Promise.all(Array.from({ length: SHARDS }, (_, i) => this.rowsIn(odata`PartitionKey eq ${`s${String(i).padStart(2, '0')}`}`)));
    return shards.flat();
  }

  private rowsOf(person: string): Promise<StaffRow[]> {
    const prefix = `${safeKey(person)}|`;
    return this.rowsIn(odata`PartitionKey eq ${shardOf(person)} and RowKey ge ${prefix} and RowKey lt ${`${safeKey(person)}}`}`);
  }

  /** Every person readers see now; read again only when the pointer has moved. */
  private async current(): Promise<StaffRow[]> {
    const p = await this.pointer();
    const seen = JSON.stringify([p.current, p.floor, p.abandoned]);
    if (this.kept?.seen !== seen) this.kept = { seen, rows: AzureStaffRegister.visible(await this.everyRow(), p) };
    return this.kept.rows;
  }

  async state(): Promise<StaffSyncState | undefined> {
    const p = await this.pointer();
    return p.hasState ? { deltaLink: p.deltaLink as string, syncedAt: p.syncedAt as string, fullReadAt: p.fullReadAt as string, attribute: p.attribute as string } : undefined;
  }

  async all(): Promise<StaffMember[]> {
    return (await this.current()).map(memberOf);
  }

  async get(personId: string): Promise<StaffMember | undefined> {
    const person = personId.toLowerCase();
    const [p, rows] = await Promise.all([this.pointer(), this.rowsOf(person)]);
    const row = AzureStaffRegister.visible(rows, p)[0];
    return row && memberOf(row);
  }

  async learners(): Promise<Learner[]> {
    return (await this.current()).filter((r) => typeof r.committee === 'string').map((r) => ({ personId: r.personId as string, committeeCode: r.committee as string, electedOfficial: r.elected === true }));
  }

  async unmapped(): Promise<{ value: string | undefined; count: number }[]> {
    const counts = new Map<string | undefined, number>();
    for (const r of await this.current()) {
      if (r.enabled !== true || typeof r.committee === 'string') continue;
      const value = typeof r.attributeValue === 'string' ? r.attributeValue : undefined;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
  }

  /** Reserves the next generation for one save: refused while another save's reservation is fresh, taken over when it is stale. */
  private async reserve(): Promise<Reservation> {
    for (let attempt = 0; ; attempt++) {
      const before = await this.pointer();
      const abandoned = JSON.parse(before.abandoned) as number[];
      if (before.reserved > before.current) {
        if (before.reservedAt && Date.now() - Date.parse(before.reservedAt) < RESERVATION_MS) throw new Error('personalregistret sparas redan av en annan körning');
        abandoned.push(before.reserved);
      }
      const gen = Math.max(before.reserved, before.current) + 1;
      const reserved: Pointer = { ...before, reserved: gen, reservedAt: new Date().toISOString(), abandoned: JSON.stringify(abandoned) };
      try {
        const written = before.etag ? await this.table.updateEntity(pointerEntity(reserved), 'Replace', { etag: before.etag }) : await this.table.createEntity(pointerEntity(reserved));
        return { before, reserved: { ...reserved, etag: written.etag } as Pointer, gen };
      } catch (err) {
        if ((statusOf(err) !== 409 && statusOf(err) !== 412) || attempt >= 20) throw err;
      }
    }
  }

  /** Makes the reserved generation the one readers see; refused if the reservation was taken over meanwhile. */
  private async publish(r: Reservation, changes: Partial<Pointer>): Promise<void> {
    const next: Pointer = { ...r.reserved, ...changes, current: r.gen, reserved: r.gen };
    delete next.reservedAt;
    try {
      await this.table.updateEntity(pointerEntity(next), 'Replace', { etag: r.reserved.etag as string });
    } catch (err) {
      if (statusOf(err) === 412) throw new Error('personalregistrets sparning togs över av en annan körning');
      throw err;
    }
    this.kept = undefined;
  }

  async clear(): Promise<void> {
    const r = await this.reserve();
    await this.publish(r, { floor: r.gen, hasState: false, deltaLink: undefined, syncedAt: undefined, fullReadAt: undefined, attribute: undefined });
    await this.prune(await this.everyRow(), r.before);
  }

  async save(change: { upsert: StaffMember[]; remove: string[]; state: StaffSyncState }): Promise<void> {
    const reserved = await this.reserve();
    const { gen } = reserved;
    const rows = new Map<string, Record<string, unknown> & { partitionKey: string; rowKey: string }>();
    for (const m of change.upsert) {
      const person = m.personId.toLowerCase();
      const learner = learnerOf(m);
      rows.set(person, {
        partitionKey: shardOf(person),
        rowKey: rowKey(person, gen),
        gen,
        removed: false,
        personId: m.personId,
        displayName: m.displayName,
        email: m.email,
        enabled: m.accountEnabled,
        ...(m.attributeValue !== undefined ? { attributeValue: m.attributeValue } : {}),
        groupIds: JSON.stringify(m.groupIds),
        assignments: JSON.stringify(m.assignments),
        ...(learner ? { committee: learner.committeeCode, elected: learner.electedOfficial } : { elected: false }),
      });
    }
    for (const id of change.remove) {
      const person = id.toLowerCase();
      rows.set(person, { partitionKey: shardOf(person), rowKey: rowKey(person, gen), gen, removed: true });
    }
    const batches: TransactionAction[][] = [];
    const byShard = new Map<string, TransactionAction[]>();
    for (const row of rows.values()) byShard.set(row.partitionKey, [...(byShard.get(row.partitionKey) ?? []), ['upsert', row, 'Replace']]);
    for (const actions of byShard.values()) for (let i = 0; i < actions.length; i += 100) batches.push(actions.slice(i, i + 100));
    await inParallel(batches, async (batch) => void (await this.table.submitTransaction(batch)));
    await this.publish(reserved, { ...change.state, hasState: true });
    // Old rows of the people saved: read one by one for a small save, all at once for a large one.
    const people = [...rows.keys()];
    const touched = people.length > 500 ? await this.everyRow() : (await Promise.all(people.map((person) => this.rowsOf(person)))).flat();
    await this.prune(touched, reserved.before).catch(() => undefined);
  }

  /**
   * Removes rows no reader can need: below the floor of the pointer before, of an abandoned
   * generation, or older than a person's newest row a reader of the pointer before still sees.
   */
  private async prune(rows: StaffRow[], before: Pointer): Promise<void> {
    const abandoned = new Set(JSON.parse(before.abandoned) as number[]);
    const seenBefore = AzureStaffRegister.seen(before);
    const newestBefore = new Map<string, number>();
    for (const r of rows) if (seenBefore(r.gen)) newestBefore.set(personOf(r), Math.max(newestBefore.get(personOf(r)) ?? -1, r.gen));
    const old = rows.filter((r) => r.gen <= before.floor || abandoned.has(r.gen) || r.gen < (newestBefore.get(personOf(r)) ?? -1));
    const byShard = new Map<string, TransactionAction[]>();
    for (const r of old) byShard.set(r.partitionKey as string, [...(byShard.get(r.partitionKey as string) ?? []), ['delete', { partitionKey: r.partitionKey as string, rowKey: r.rowKey }]]);
    const batches: TransactionAction[][] = [];
    for (const actions of byShard.values()) for (let i = 0; i < actions.length; i += 100) batches.push(actions.slice(i, i + 100));
    await inParallel(batches, async (batch) => void (await this.table.submitTransaction(batch)));
  }
}

export function azureStaffRegister(tables: AzureTables): StaffRegister {
  return new AzureStaffRegister(tables);
}
