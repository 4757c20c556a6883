import { conversationIdOf } from '../support/delivery-harness';
import type { FakeBotConnector, ReceivedActivity } from '../support/fake-bot-connector';

/** Sending time of one run: first to last arrival. */
const span = (arrivals: ReceivedActivity[]) => (arrivals.length > 1 ? (arrivals[arrivals.length - 1]!.at - arrivals[0]!.at) / 1000 : 0);

/**
 * What a broadcast to recipients 0..n-1 came to at the Bot Connector: who never got it, how many
 * got it more than once, and the rate over the sending runs (each from its first to its last
 * arrival, so a restart's or a takeover's gap is left out).
 */
export function broadcastFigures(connector: FakeBotConnector, recipients: number, runs: ReceivedActivity[][]): { missing: number[]; duplicated: number; seconds: number; achievedPerSecond: number } {
  const counts = connector.countsByConversation();
  const missing = Array.from({ length: recipients }, (_, n) => n).filter((n) => !counts.has(conversationIdOf(n)));
  const duplicated = [...counts.values()].reduce((n, c) => n + (c - 1), 0);
  const seconds = runs.reduce((s, r) => s + span(r), 0);
  const delivered = runs.reduce((n, r) => n + Math.max(0, r.length - 1), 0);
  return { missing, duplicated, seconds, achievedPerSecond: delivered / seconds };
}
