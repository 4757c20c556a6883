import type { TableClient } from '@azure/data-tables';
import { keyPartition, COUNTER, type Raw } from './azure-outbox-entities';
import { safeKey, statusOf } from './azure-tables';

/** An index entry or key no write has touched for this long is not waiting for one still under way. */
export const ORPHAN_AFTER_MS = 15 * 60_000;

/**
 * The outbox's idempotency keys (table OutboxKeys, 256 hash partitions) and its ids (a counter in
 * the index table): a key belongs to whoever created it first, on any instance.
 */
export class OutboxKeys {
  constructor(
    readonly table: TableClient,
    private readonly index: TableClient,
    private readonly messageExists: (campaignId: string, id: number) => Promise<boolean>,
  ) {}

  /** Reserves `n` consecutive ids: one update of the counter with its ETag, tried again when another instance got there first. */
  async allocateIds(n: number): Promise<number> {
    for (;;) {
      try {
        const counter = await this.index.getEntity<{ next: string }>(COUNTER, 'id');
        const first = Number(counter.next);
        await this.index.updateEntity({ partitionKey: COUNTER, rowKey: 'id', next: String(first + n) }, 'Replace', { etag: counter.etag });
        return first;
      } catch (err) {
        if (statusOf(err) === 404) {
          try {
            await this.index.createEntity({ partitionKey: COUNTER, rowKey: 'id', next: String(1 + n) });
            return 1;
          } catch (createErr) {
            if (statusOf(createErr) !== 409) throw createErr;
          }
        } else if (statusOf(err) !== 412) throw err;
      }
    }
  }

  /**
   * Creates a key, true when this caller owns it. A key already there whose message does not exist
   * and that nobody wrote for a while was left by an enqueue that stopped before its message (or by
   * a removal that stopped before the key): it is taken over, with its ETag, so only one caller does.
   */
  async claimKey(entity: { partitionKey: string; rowKey: string; campaignId: string; id: string }, orphanAfterMs = ORPHAN_AFTER_MS): Promise<boolean> {
    try {
      await this.table.createEntity(entity);
      return true;
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
    }
    const existing = await this.keyEntity(decodeURIComponent(entity.rowKey));
    if (!existing || (await this.messageExists(String(existing.campaignId), Number(existing.id)))) return false;
    if (Date.now() - Date.parse(existing.timestamp ?? '') < orphanAfterMs) return false;
    try {
      await this.table.updateEntity(entity, 'Replace', { etag: existing.etag });
      return true;
    } catch (err) {
      if (statusOf(err) === 412 || statusOf(err) === 404) return false;
      throw err;
    }
  }

  private async keyEntity(key: string): Promise<Raw | undefined> {
    try {
      return await this.table.getEntity<Record<string, unknown>>(keyPartition(key), safeKey(key));
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async pointer(key: string): Promise<{ campaignId: string; id: number } | undefined> {
    const entity = await this.keyEntity(key);
    return entity && { campaignId: String(entity.campaignId), id: Number(entity.id) };
  }
  /** Frees a key with its message, unless a new message has taken it over already. */
  async release(key: string, id: number): Promise<void> {
    const entity = await this.keyEntity(key);
    if (!entity || Number(entity.id) !== id) return;
    try {
      await this.table.deleteEntity(entity.partitionKey!, entity.rowKey!, { etag: entity.etag });
    } catch (err) {
      if (statusOf(err) !== 404 && statusOf(err) !== 412) throw err;
    }
  }
}
