import type { OperationalStore } from './operational-store';
import type { SqliteOperationalExport } from './sqlite-operational-export';

/** How much of each part was copied (written anew; what the target had already is not counted). */
export interface CopiedCounts {
  conversations: number;
  ledgerEntries: number;
  outboxMessages: number;
  tasks: number;
  jobRuns: number;
  installations: number;
  learningAnswers: number;
  staff: number;
}

const CHUNK = 100;

async function inChunks<T>(items: Iterable<T>, work: (chunk: T[]) => Promise<void>): Promise<void> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === CHUNK) {
      await work(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) await work(chunk);
}

/**
 * Copies the operational state of a single instance (SQLite) into another store (Azure Table
 * Storage), for the move to several instances. Copied: the conversation references (without them
 * the bot reaches nobody until they write to it), the reminder ledger and every outbox message with
 * its status (so nothing already sent goes out again, and nothing queued is lost), the durable
 * tasks, each job's last run, the installation outcomes, the quiz answers kept, and the people read
 * from Entra ID with the sync's position. Not copied: the status tallies (counted anew from the
 * records on the first status request) and the counters (the incident number continues from the
 * highest reference in the records).
 *
 * Every write is idempotent, so an interrupted copy is simply run again; what the target already
 * holds, or holds newer, is left as it is.
 */
export async function copyOperationalState(
  source: { ops: OperationalStore; exported: SqliteOperationalExport },
  target: OperationalStore,
  progress: (part: keyof CopiedCounts, copied: number) => void = () => undefined,
): Promise<CopiedCounts> {
  const copied: CopiedCounts = { conversations: 0, ledgerEntries: 0, outboxMessages: 0, tasks: 0, jobRuns: 0, installations: 0, learningAnswers: 0, staff: 0 };
  const count = (part: keyof CopiedCounts, n: number) => progress(part, (copied[part] += n));

  await inChunks(source.exported.conversations(), async (chunk) => {
    const written = await Promise.all(
      chunk.map(async ({ welcomedAt, ...record }) => {
        const there = await target.conversations.get(record.conversationId);
        // A reference the app has renewed since is newer than ours.
        if (there && there.updatedAt >= record.updatedAt) return 0;
        await target.conversations.remember(record);
        if (welcomedAt) await target.conversations.markWelcomed(record.conversationId, welcomedAt);
        return 1;
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

  // Every task, however far off its next attempt: it is due at once in the target (its work is idempotent).
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
