import type { GraphListsServer } from './graph-lists-server';

export interface GraphRequestCount {
  /** Graph requests answered before the action's own answer came back. */
  beforeAnswer: number;
  /** Of those, the longest chain where each began after the previous was answered: the round trips the answer waited for. */
  sequential: number;
  /** Every Graph request the action caused, including those made after its answer (trail writes). */
  total: number;
}

type Span = { start: number; end: number };

/**
 * The longest chain of requests that did not overlap in time. Requests sent together overlap (the
 * server adds latency to each), so this counts the round trips one after another, not the requests.
 */
export function sequentialDepth(spans: Span[]): number {
  let depth = 0;
  let free = -Infinity;
  // Earliest-ending first gives the largest set of non-overlapping spans.
  for (const s of [...spans].sort((a, b) => a.end - b.end)) {
    if (s.start >= free) {
      depth++;
      free = s.end;
    }
  }
  return depth;
}

/**
 * Runs one card action and counts its Graph requests by the local server's timeline. Background
 * work must be paused (the task runner) so that only the action's requests are seen; requests the
 * action leaves running after its answer are waited for until the server has been quiet `settleMs`.
 */
export async function countGraphRequests(graph: GraphListsServer, action: () => Promise<unknown>, settleMs = 300): Promise<GraphRequestCount> {
  const quiet = async () => {
    let seen = -1;
    while (graph.timeline.length !== seen) {
      seen = graph.timeline.length;
      await new Promise((r) => setTimeout(r, settleMs));
    }
  };
  // What an earlier action left running after its answer is not this action's.
  await quiet();
  const from = graph.timeline.length;
  const began = performance.now();
  await action();
  const answered = performance.now();
  await quiet();
  const spans = graph.timeline.slice(from);
  const before = spans.filter((s) => s.start >= began && s.end <= answered);
  return { beforeAnswer: before.length, sequential: sequentialDepth(before), total: spans.length };
}
