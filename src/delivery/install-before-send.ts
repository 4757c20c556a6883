import type { InstallOutcome } from '../directory/app-installation';
import type { AppInstallations, Outbox } from '../ops/operational-store';
import type { OutboxMessage } from '../ops/outbox-types';
import { TokenBucket } from './token-bucket';

/** Installs the app for one person (src/directory/app-installation.ts through Graph): one request, no retries of its own. */
export type InstallApp = (personId: string) => Promise<InstallOutcome>;

export interface InstallOptions {
  install: InstallApp;
  /** Installations a second at most: Graph allows 30 per app and tenant. */
  perSecond: number;
  /** How long to wait for Teams' installationUpdate before looking again; doubled each time. */
  waitForChatMs: number;
  /** How many looks before giving up on a chat that never came. */
  maxWaits: number;
  /** A refusal (policy, no Teams) is remembered this long before the next campaign tries again: policies change. */
  rememberRefusalMs: number;
}

export const DEFAULT_INSTALL_OPTIONS: Omit<InstallOptions, 'install'> = { perSecond: 20, waitForChatMs: 10_000, maxWaits: 5, rememberRefusalMs: 7 * 24 * 3600_000 };

const REFUSALS = new Set(['blocked', 'notFound', 'failed']);

const WHY: Record<string, string> = {
  blocked: 'Infosäk kunde inte installeras: organisationens appolicy tillåter den inte för mottagaren',
  notFound: 'Infosäk kunde inte installeras: mottagaren finns inte i Teams',
  failed: 'Infosäk kunde inte installeras',
  waited: 'Infosäk installerades, men Teams öppnade ingen chatt med mottagaren',
};

/**
 * What the delivery does for a message to someone without a personal chat with the bot: install
 * the app for them through Graph (as Company Communicator does), then wait for Teams to send the
 * bot its installationUpdate, which stores the chat and brings the message forward. Installations
 * are paced below Graph's limit and a 429 pauses them for its Retry-After; every outcome is
 * recorded, so a campaign's figures say why someone was not reached. A person refused (policy, no
 * Teams) is not asked for again until `rememberRefusalMs` has passed.
 */
export class InstallBeforeSend {
  private readonly bucket: TokenBucket;
  private readonly options: InstallOptions;

  constructor(
    private readonly installations: AppInstallations,
    private readonly outbox: Outbox,
    options: Pick<InstallOptions, 'install'> & Partial<InstallOptions>,
  ) {
    this.options = { ...DEFAULT_INSTALL_OPTIONS, ...options };
    // Capacity 1: installations go evenly, never as a burst after a quiet spell.
    this.bucket = new TokenBucket(this.options.perSecond, 1, Date.now());
  }

  /** Installations made since start, and 429s met: for the operator and the bench. */
  readonly stats = { requests: 0, installed: 0, throttled: 0 };

  /** Handles a message that found no chat: finished as AppNotInstalled with the reason, or put back to wait for the chat. */
  async noChat(message: OutboxMessage, now: Date): Promise<void> {
    const known = await this.installations.get(message.personId);
    const fresh = known && now.getTime() - Date.parse(known.at) < this.options.rememberRefusalMs;
    if (known && REFUSALS.has(known.outcome) && fresh) return this.giveUp(message, now, WHY[known.outcome]!, known.detail);
    if (known && !REFUSALS.has(known.outcome)) return this.waitForChat(message, now);

    for (let wait = this.bucket.tryTake(Date.now()); wait > 0; wait = this.bucket.tryTake(Date.now())) await new Promise((r) => setTimeout(r, wait));
    this.stats.requests++;
    const outcome = await this.options.install(message.personId);
    if (outcome.kind === 'retry') {
      const pauseMs = (outcome.retryAfterSeconds ?? 1) * 1000;
      if (outcome.retryAfterSeconds !== undefined) {
        this.stats.throttled++;
        this.bucket.holdUntil(Date.now() + pauseMs);
      }
      // Back in the queue for when Graph allows; the installation is asked again then.
      await this.outbox.retryLater(message.id, new Date(now.getTime() + pauseMs).toISOString(), `installationen försöks igen: ${outcome.detail}`);
      return;
    }
    const detail = 'detail' in outcome ? outcome.detail : undefined;
    await this.installations.record({ personId: message.personId, outcome: outcome.kind, at: now.toISOString(), ...(detail ? { detail } : {}) });
    if (outcome.kind === 'installed') this.stats.installed++;
    if (REFUSALS.has(outcome.kind)) return this.giveUp(message, now, WHY[outcome.kind]!, detail);
    return this.waitForChat(message, now);
  }

  /** The app is there: the installationUpdate brings the message forward; until it comes, look again later, less often each time. */
  private async waitForChat(message: OutboxMessage, now: Date): Promise<void> {
    if (message.attempts > this.options.maxWaits) return this.giveUp(message, now, WHY.waited!);
    const wait = this.options.waitForChatMs * 2 ** Math.max(0, message.attempts - 1);
    await this.outbox.retryLater(message.id, new Date(now.getTime() + wait).toISOString(), 'väntar på att Teams öppnar chatten efter installationen', true);
  }

  private async giveUp(message: OutboxMessage, now: Date, why: string, detail?: string): Promise<void> {
    await this.outbox.finish(message.id, 'AppNotInstalled', { at: now.toISOString(), error: detail ? `${why} (${detail})` : why });
  }
}
