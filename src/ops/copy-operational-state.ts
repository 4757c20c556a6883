import type { OperationalStore } from './operational-store';
import type { SqliteOperationalExport } from './sqlite-operational-export';

/** How much of each part was copied: written anew (what the target had already is not counted), but counters and quiz answers are counted as given. */
export interface CopiedCounts {
  counters: number;
  conversations: number;
  ledgerEntries: number;
  outboxMessages: number;
  tasks: number;
  jobRuns: number;
  installations: number;
  learningAnswers: number;
  staff: number;
}

export interface CopyOptions {
  /** What becomes of a message the single instance left handed over at the Bot Connector (src/delivery/in-doubt.ts). */
  sendAgain: (message: { key: string; campaignId: string }) => boolean;
  /** Asked between chunks: false stops the copy (this instance no longer leads; the next leader copies). */
  goOn?: () => boolean;
  progress?: (part: keyof CopiedCounts, copied: number) => void;
}

/** The copy stopped because this instance no longer leads. */
export class CopyStopped extends Error {}

const CHUNK = 100;

/**
 * Copies the operational state of a single instance (SQLite) into another store (Azure Table
 * Storage), for the move to several instances. Copied: the counters (so no incident number is
 * handed out twice), the conversation references (without them
 * the bot reaches nobody until they write to it), the reminder ledger and every outbox message with
 * its status (so nothing already sent goes out again, and nothing queued is lost), the durable
 * tasks, each job's last run, the installation outcomes, the quiz answers kept, and the people read
 * from Entra ID with the sync's position. Not copied: the status tallies (counted anew from the
 * records on the first status request) and the allocations of earlier numbers to forms (a form
 * sent again after the move keeps its reference, as the records know it, but takes up a number).
 *
 * Every write is idempotent, so an interrupted copy is simply run again; what the target already
 * holds, or holds newer, is left as it is.
 */
export async function copyOperationalState(
  source: { ops: OperationalStore; exported: SqliteOperationalExport },
  target: OperationalStore,
  options: CopyOptions,
): Promise<CopiedCounts> {
  const copied: CopiedCounts = { counters: 0, conversations: 0, ledgerEntries: 0, outboxMessages: 0, tasks: 0, jobRuns: 0, installations: 0, learningAnswers: 0, staff: 0 };
  const count = (part: keyof CopiedCounts, n: number) => {
    copied[part] += n;
    options.progress?.(part, copied[part]);
  };
  const inChunks = async <T>(items: Iterable<T>, work: (chunk: T[]) => Promise<void>) => {
    let chunk: T[] = [];
    const run = async () => {
      if (options.goOn && !options.goOn()) throw new CopyStopped('kopieringen avbröts: instansen leder inte längre');
      await work(chunk);
      chunk = [];
    };
    for (const item of items) {
      chunk.push(item);
      if (chunk.length === CHUNK) await run();
    }
    if (chunk.length > 0) await run();
  };

  // First, so that an incident reported meanwhile cannot take a number a waiting report (a task) already has.
  // The allocation makes it idempotent: copying again finds it instead of taking another number. A
  // counter an instance started meanwhile (from the records' highest reference) is raised past the
  // old one by taking the numbers between, which the single instance had handed out.
  await inChunks(source.exported.counters(), async (chunk) => {
    for (const { name, value, allocation } of chunk) {
      // Each step under an allocation of its own, so a copy run again finds the steps and takes no more.
      for (let n = await target.counters.next(name, async () => value - 1, allocation ?? `flytt:${value}`); n < value; ) {
        n = await target.counters.next(name, async () => value - 1, `flytt:steg:${n + 1}`);
      }
    }
    count('counters', chunk.length);
  });

  // Sends the single instance left under way are settled by the same rule as at any start.
  await source.ops.outbox.recoverInterrupted(options.sendAgain);

  await inChunks(source.exported.conversations(), async (chunk) => {
    const written = await Promise.all(
      chunk.map(async ({ welcomedAt, ...record }) => {
        const there = await target.conversations.get(record.conversationId);
        // A reference the app has renewed since is newer than ours (a small race with an instance
        // renewing it this very moment remains: the next message the person writes renews it again).
        const newer = there !== undefined && there.updatedAt >= record.updatedAt;
        if (!newer) await target.conversations.remember(record);
        // Whatever happened to the reference: the welcome was said (only sets it where it is not set).
        if (welcomedAt) await target.conversations.markWelcomed(record.conversationId, welcomedAt);
        return newer ? 0 : 1;
      }),
    );
    count('conversations', written.reduce((a: number, b) => a + b, 0));
  });

  await inChunks(source.exported.ledger(), async (chunk) => {
    // Claimed at its own time: reminder rules read when an entry was claimed.
    const byTime = new Map<string, typeof chunk>();
    for (const row of chunk) byTime.set(row.at, [...(byTime.get(row.at) ?? []), row]);
    for (const [at, rows] of byTime) {
      const claimed = await target.ledger.claimMany(
        rows.map((r) => r.entry),
        at,
      );
      count('ledgerEntries', claimed.filter(Boolean).length);
    }
  });

  await inChunks(source.exported.outbox(), async (chunk) => count('outboxMessages', await target.outbox.restore(chunk)));

  // Every task, due at its own time (its attempts start again; its work is idempotent).
  const tasks = await source.ops.tasks.due('9999-12-31T23:59:59.999Z', Math.max(1, await source.ops.tasks.count()));
  await inChunks(tasks, async (chunk) => {
    const added = await Promise.all(chunk.map((t) => target.tasks.add({ key: t.key, kind: t.kind, payload: t.payload }, t.nextAttemptAt)));
    count('tasks', added.filter(Boolean).length);
  });

  for (const run of source.exported.latestJobRuns()) {
    const there = await target.jobRuns.latest(run.job);
    if (there && there.startedAt >= run.startedAt) continue;
    await target.jobRuns.record(run);
    count('jobRuns', 1);
  }

  await inChunks(source.exported.installations(), async (chunk) => {
    const written = await Promise.all(
      chunk.map(async (record) => {
        const there = await target.installations.get(record.personId);
        if (there && there.at >= record.at) return 0;
        await target.installations.record(record);
        return 1;
      }),
    );
    count('installations', written.reduce((a: number, b) => a + b, 0));
  });

  await inChunks(source.exported.learningAnswers(), async (chunk) => {
    await Promise.all(chunk.map(({ answeredAt, ...answer }) => target.learningAnswers.answerOnce(answer, answeredAt)));
    count('learningAnswers', chunk.length);
  });

  // The people with the sync's position, in one save, so a delta sync never starts from a position
  // whose people are not all there; a target that has synced already keeps its own.
  const state = await source.ops.staff.state();
  if (state && !(await target.staff.state())) {
    const people = await source.ops.staff.all();
    await target.staff.save({ upsert: people, remove: [], state });
    count('staff', people.length);
  }
  return copied;
}
