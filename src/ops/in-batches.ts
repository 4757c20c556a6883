/**
 * How many people a job handles in one go: one transaction each for the outbox and the ledger, about
 * 4 ms of work on the 2-core development machine (500 doubled the longest stalls, which are WAL checkpoints).
 */
export const PEOPLE_PER_BATCH = 250;

/** Lets timers, requests and the delivery senders run before the next batch. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Works through `items` a batch at a time, giving the event loop a turn before each batch: a job
 * runs inside the server, and a campaign to 50,000 people done in one go would leave the bot, the
 * tab and the health check unanswered for as long as it takes.
 */
export async function inBatches<T>(items: readonly T[], work: (batch: T[]) => Promise<void>, size = PEOPLE_PER_BATCH): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    await nextTurn();
    await work(items.slice(start, start + size));
  }
}
