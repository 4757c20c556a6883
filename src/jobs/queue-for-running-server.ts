import { systemClock, type Clock } from '../clock/clock';
import type { Outbox } from '../ops/operational-store';
import type { OutboundMessage } from '../ops/outbox-types';

/**
 * The outbox as `npm run job` fills it. A run with `--now` decides what is due by the simulated
 * clock, but what it queues is due at the real present: queued at the simulated time, the running
 * server would hold it until that date. A key already in the outbox is left as it is, as always.
 */
export function queueForRunningServer(outbox: Outbox, realClock: Clock = systemClock) {
  let queued = 0;
  return {
    enqueue: async (messages: OutboundMessage[]) => {
      const result = await outbox.enqueue(messages, realClock.now().toISOString());
      queued += result.queued;
      return result;
    },
    /** Messages this run added to the outbox (keys it already held are not counted). */
    queued: () => queued,
  };
}
