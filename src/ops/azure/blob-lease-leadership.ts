import { randomUUID } from 'node:crypto';
import type { BlockBlobClient } from '@azure/storage-blob';
import type { Leadership } from '../../server/leadership';

/**
 * Leadership by a lease on one blob: the instance holding the lease leads, renews it well before it
 * runs out, and hands it back when it stops. The others try now and then; when the leader dies
 * without handing it back, the lease runs out and one of them takes over within `leaseSeconds`.
 * Azure Storage allows leases of 15–60 seconds.
 */
export interface BlobLeaseOptions {
  leaseSeconds: number;
  /** How often a follower tries to take the lease. */
  tryEveryMs: number;
  /** Told when leadership changes hands here, a renewal fails, or a handler fails. */
  log?: (event: 'lead' | 'follow' | 'lost' | 'failed', detail?: string) => void;
}

export function blobLeaseLeadership(blob: BlockBlobClient, options: BlobLeaseOptions): Leadership {
  // Our own lease id: a renewal names it, and nobody else can renew or release our lease.
  const lease = blob.getBlobLeaseClient(randomUUID());
  let leading = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let handlers: { lead: () => Promise<void>; follow: () => Promise<void> } | undefined;
  // A renewal at a third of the lease: two may fail (a slow request, a blip) before it runs out.
  const renewEveryMs = (options.leaseSeconds * 1000) / 3;

  const schedule = (ms: number) => {
    if (!stopped) timer = setTimeout(() => void tick(), ms);
  };
  // The handlers run one after the other, apart from the lease's timer: a leader that takes long to
  // start (carrying over a single instance's state) still renews its lease on time, and a follow
  // never overtakes the lead it ends.
  let turns: Promise<void> = Promise.resolve();
  let standBackUntil = 0;
  const inTurn = (work: () => Promise<void> | undefined) =>
    (turns = turns.then(work).catch((err: unknown) => options.log?.('failed', (err as Error).message)));
  const follow = async (why: 'follow' | 'lost', detail?: string) => {
    if (!leading) return;
    leading = false;
    options.log?.(why, detail);
    await inTurn(() => handlers?.follow());
  };
  const tick = async () => {
    if (leading) {
      try {
        await lease.renewLease();
      } catch (err) {
        // The lease ran out (or was broken): someone else may hold it now, so this instance stops leading at once.
        await follow('lost', (err as Error).message);
      }
      return schedule(leading ? renewEveryMs : options.tryEveryMs);
    }
    if (Date.now() < standBackUntil) return schedule(options.tryEveryMs);
    try {
      // The blob exists once; creating it again is refused (412/409) and is fine.
      await blob.upload('', 0, { conditions: { ifNoneMatch: '*' } }).catch(() => undefined);
      await lease.acquireLease(options.leaseSeconds);
      // Stopped while the lease was being taken: handed straight back.
      if (stopped) return void (await lease.releaseLease().catch(() => undefined));
      leading = true;
      options.log?.('lead');
      void inTurn(async () => {
        try {
          await handlers?.lead();
        } catch (err) {
          options.log?.('failed', (err as Error).message);
          // A leader that cannot start hands the lead on rather than hold it and do nothing, and
          // stands back for a lease's time so that another instance gets it.
          if (!leading) return;
          leading = false;
          standBackUntil = Date.now() + options.leaseSeconds * 1000;
          await handlers?.follow().catch(() => undefined);
          await lease.releaseLease().catch(() => undefined);
        }
      });
    } catch {
      // Held by another instance: try again later.
    }
    schedule(leading ? renewEveryMs : options.tryEveryMs);
  };

  return {
    start(h) {
      handlers = h;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (leading) {
        await follow('follow');
        // Handed back at once: the next instance need not wait for the lease to run out.
        await lease.releaseLease().catch(() => undefined);
      }
      // A follow still under way (the lease was lost just before) finishes before the store closes.
      await turns;
    },
    isLeading: () => leading,
  };
}
