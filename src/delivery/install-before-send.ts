import type { InstallOutcome } from '../directory/app-installation';
import type { AppInstallations, InstallRecord, Outbox } from '../ops/operational-store';
import type { OutboxMessage } from '../ops/outbox-types';
import { retryDelayMs } from './send-failures';

/** Installs the app for one person (src/directory/app-installation.ts through Graph): one request, no retries of its own. */
export type InstallApp = (personId: string) => Promise<InstallOutcome>;

/**
 * Finds the chat of someone who has the app already and remembers it as their personal chat;
 * true when there is one now. Teams sends no installationUpdate for an installation that exists.
 */
export type OpenKnownChat = (personId: string) => Promise<boolean>;

export interface InstallOptions {
  install: InstallApp;
  openKnownChat: OpenKnownChat;
  /** Installations a second at most: Graph allows 30 per app and tenant. */
  perSecond: number;
  /** The first wait for Teams' installationUpdate; each next wait is as long as the wait so far. */
  waitForChatMs: number;
  /** How long after an installation its chat is waited for, before the message is given up on. */
  chatWindowMs: number;
  /** Installation requests for one message that Graph may throttle or fail before the message is given up on. */
  maxInstallAttempts: number;
  /** A refusal (policy, no Teams) is remembered this long before the next campaign tries again: policies change. */
  rememberRefusalMs: number;
  /** Told once when the setup stops every installation (a missing permission, an app not in the catalog). */
  onSetupProblem: (detail: string) => void;
}

export const DEFAULT_INSTALL_OPTIONS = { waitForChatMs: 10_000, chatWindowMs: 5 * 60_000, maxInstallAttempts: 8, rememberRefusalMs: 7 * 24 * 3600_000 };

const REFUSALS: ReadonlySet<string> = new Set(['blocked', 'notFound', 'failed']);

const WHY = {
  blocked: 'Infosäk kunde inte installeras: organisationens appbehörighetsprincip tillåter den inte för mottagaren',
  notFound: 'Infosäk kunde inte installeras: mottagaren finns inte i Teams',
  failed: 'Infosäk kunde inte installeras',
  setup: 'Infosäk installeras inte för någon just nu',
  waited: 'Infosäk finns hos mottagaren, men Teams har inte öppnat någon chatt med den',
};

/**
 * A message whose turn to be installed for is further off than this goes back in the queue until
 * then, instead of holding one of the delivery's sends in flight while it waits: those are for
 * the people who can be written to now.
 */
const LONGEST_HOLD_MS = 1_000;
/** Turns kept for messages sent back to wait are forgotten this long after they were due (the message went another way). */
const FORGET_TURN_MS = 10 * 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * What the delivery does for a message to someone without a personal chat with the bot: install
 * the app for them through Graph (as Company Communicator does), then wait for Teams to send the
 * bot its installationUpdate, which stores the chat and brings the message forward; for someone
 * who had the app already, find the chat through Graph. Installations go evenly at `perSecond`,
 * and a 429 holds every one back for its Retry-After; each outcome is recorded, so a campaign's
 * figures say why someone was not reached. A person refused (policy, no Teams) is not asked for
 * again until `rememberRefusalMs` has passed; a setup that refuses everyone stops the asking.
 */
export class InstallBeforeSend {
  private readonly options: InstallOptions;
  /** When the next installation may be made (ms): one every 1/perSecond s. */
  private nextTurn = 0;
  /** No installation before this (ms): Graph's Retry-After. */
  private pausedUntil = 0;
  /** The turns given to messages sent back to wait for them: each keeps its own when it returns. */
  private readonly turns = new Map<number, number>();
  /** Why installations stopped, once the setup refused one. */
  private stopped: string | undefined;

  constructor(
    private readonly installations: AppInstallations,
    private readonly outbox: Outbox,
    options: Pick<InstallOptions, 'install' | 'openKnownChat' | 'perSecond'> & Partial<InstallOptions>,
  ) {
    this.options = { ...DEFAULT_INSTALL_OPTIONS, onSetupProblem: () => undefined, ...options };
  }

  /** Installation requests since start, those answered 201, and the 429s met: for the operator and the bench. */
  readonly stats = { requests: 0, installed: 0, throttled: 0 };

  /**
   * Handles a message that found no chat: 'chat' when there is one now (send at once), otherwise
   * the message is finished as AppNotInstalled with the reason, or back in the queue to wait.
   */
  async noChat(message: OutboxMessage, now: Date): Promise<'chat' | 'handled'> {
    if (this.stopped) return this.giveUp(message, now, WHY.setup, this.stopped);
    const known = await this.installations.get(message.personId);
    if (known && REFUSALS.has(known.outcome) && now.getTime() - Date.parse(known.at) < this.options.rememberRefusalMs) {
      return this.giveUp(message, now, WHY[known.outcome as keyof typeof WHY], known.detail);
    }
    if (known && !REFUSALS.has(known.outcome)) {
      // Installed for this message, or lately: wait for its chat. Installed long before this message and
      // still no chat (the person may have removed the app): installed again, and Teams answers 409 if it still is.
      const forThisMessage = known.at >= message.enqueuedAt;
      if (forThisMessage || now.getTime() - Date.parse(known.at) < this.options.chatWindowMs) return this.waitForChat(message, now, known);
    }

    const wait = this.turnOf(message.id, Date.now()) - Date.now();
    if (wait > LONGEST_HOLD_MS) {
      this.turns.set(message.id, Date.now() + wait);
      await this.outbox.postpone(message.id, new Date(now.getTime() + wait).toISOString(), 'väntar på sin tur att få appen installerad');
      return 'handled';
    }
    if (wait > 0) await sleep(wait);
    this.stats.requests++;
    const outcome = await this.options.install(message.personId);
    switch (outcome.kind) {
      case 'retry':
        return this.installLater(message, now, outcome);
      case 'setup':
        // Every installation would be refused the same way: stop asking, say so once, and record nothing against the person.
        this.stopped = outcome.detail;
        this.options.onSetupProblem(outcome.detail);
        return this.giveUp(message, now, WHY.setup, outcome.detail);
      case 'installed':
      case 'alreadyInstalled': {
        const record: InstallRecord = { personId: message.personId, outcome: outcome.kind, at: now.toISOString() };
        await this.installations.record(record);
        if (outcome.kind === 'installed') {
          this.stats.installed++;
          // Teams tells the bot of a new installation; the message waits for that.
          return this.waitForChat(message, now, record, false);
        }
        return this.waitForChat(message, now, record);
      }
      default:
        await this.installations.record({ personId: message.personId, outcome: outcome.kind, at: now.toISOString(), detail: outcome.detail });
        return this.giveUp(message, now, WHY[outcome.kind], outcome.detail);
    }
  }

  /** The message's turn: the one it was given before, or the next free one, and never inside a pause Graph asked for. */
  private turnOf(messageId: number, nowMs: number): number {
    for (const [id, turn] of this.turns) if (turn < nowMs - FORGET_TURN_MS) this.turns.delete(id);
    const kept = this.turns.get(messageId);
    this.turns.delete(messageId);
    if (kept !== undefined) return Math.max(kept, this.pausedUntil);
    const turn = Math.max(nowMs, this.nextTurn, this.pausedUntil);
    this.nextTurn = turn + 1000 / this.options.perSecond;
    return turn;
  }

  /** Throttled or no answer: asked again after Retry-After (or a growing backoff), up to maxInstallAttempts. */
  private async installLater(message: OutboxMessage, now: Date, outcome: Extract<InstallOutcome, { kind: 'retry' }>): Promise<'handled'> {
    if (message.attempts >= this.options.maxInstallAttempts) return this.giveUp(message, now, WHY.failed, `${outcome.detail}, ${message.attempts} försök`);
    const failure = { message: outcome.detail, ...(outcome.retryAfterSeconds !== undefined ? { retryAfterSeconds: outcome.retryAfterSeconds } : {}) };
    const pauseMs = retryDelayMs(failure, message.attempts, { baseMs: 1000, maxMs: 60_000 });
    if (outcome.retryAfterSeconds !== undefined) {
      this.stats.throttled++;
      this.pausedUntil = Math.max(this.pausedUntil, Date.now() + pauseMs);
    }
    await this.outbox.retryLater(message.id, new Date(now.getTime() + pauseMs).toISOString(), `installationen försöks igen: ${outcome.detail}`);
    return 'handled';
  }

  /**
   * The app is there: look for its chat (unless Teams is about to tell of a new installation), and
   * otherwise wait for the installationUpdate that brings the message forward — each wait as long
   * as the time waited so far — until chatWindowMs after the installation.
   */
  private async waitForChat(message: OutboxMessage, now: Date, installed: InstallRecord, look = true): Promise<'chat' | 'handled'> {
    if (look && (await this.options.openKnownChat(message.personId))) return 'chat';
    const waited = now.getTime() - Date.parse(installed.at);
    const left = this.options.chatWindowMs - waited;
    if (left <= 0) return this.giveUp(message, now, WHY.waited);
    const wait = Math.min(left, Math.max(this.options.waitForChatMs, waited));
    await this.outbox.retryLater(message.id, new Date(now.getTime() + wait).toISOString(), 'väntar på att Teams öppnar chatten efter installationen', true);
    return 'handled';
  }

  private async giveUp(message: OutboxMessage, now: Date, why: string, detail?: string): Promise<'handled'> {
    await this.outbox.finish(message.id, 'AppNotInstalled', { at: now.toISOString(), error: detail ? `${why} (${detail})` : why });
    return 'handled';
  }
}
