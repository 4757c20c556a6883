import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config/config';
import { sendAgainIfInDoubt } from '../../src/delivery/in-doubt';
import { AzureOperationalStore } from '../../src/ops/azure/azure-operational-store';
import { copyOperationalState } from '../../src/ops/copy-operational-state';
import type { LedgerEntry } from '../../src/ops/operational-store';
import { IN_DOUBT_NOTE } from '../../src/ops/outbox-types';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { azuriteTablesForSuite } from '../support/azurite';

/**
 * The move from one instance to several: a single instance's operational state in SQLite, copied
 * into Azure Table Storage (Azurite), is there as the app needs it — who can be reached, what was
 * sent and must not go out again, what is still to send — and copying again adds nothing.
 */
const azure = azuriteTablesForSuite();
const cli = path.join(projectRoot(), 'dist', 'src', 'cli', 'ops.js');
const T0 = '2026-03-02T08:00:00.000Z';
const later = '2026-03-02T09:00:00.000Z';
const person = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ledgerEntry = (n: number): LedgerEntry => ({ year: 2026, quarter: 1, kind: 'learning:natfiske', committee: 'SN', person: person(n) });
const card = { type: 'message', text: 'Dags för nanoutbildningen om nätfiske – åäö' };

/** A single instance's state after some weeks of work. */
async function fill(ops: SqliteOperationalStore): Promise<void> {
  for (let n = 0; n < 120; n++) {
    await ops.conversations.remember({
      conversationId: `a:personal-${n}`,
      personId: person(n),
      tenantId: 'tenant-1',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      conversationType: 'personal',
      reference: { conversation: { id: `a:personal-${n}` }, user: { aadObjectId: person(n) }, channelId: 'msteams' },
      updatedAt: T0,
    });
  }
  await ops.conversations.markWelcomed('a:personal-0', T0);
  await ops.ledger.claimMany([ledgerEntry(1), ledgerEntry(2)], T0);
  await ops.ledger.claim(ledgerEntry(3), later);
  // A campaign's messages: one sent, one blocked, one still queued, one left waiting for its turn and
  // one handed to the Bot Connector when the instance stopped (a card: taken as sent, not sent again).
  await ops.outbox.enqueue([1, 2, 3, 4, 5].map((n) => ({ key: `learning:c1:0:${person(n)}`, campaignId: 'learning:c1', personId: person(n), activity: card })), T0);
  const claimed = [await ops.outbox.claimNext(T0), await ops.outbox.claimNext(T0), await ops.outbox.claimNext(T0), await ops.outbox.claimNext(T0)];
  await ops.outbox.finish(claimed[0]!.id, 'Sent', { at: T0, activityId: 'act-1' });
  await ops.outbox.finish(claimed[1]!.id, 'Blocked', { at: T0, error: 'Blocked' });
  await ops.outbox.handOver(claimed[3]!.id, T0);
  await ops.tasks.add({ key: 'notify:INC-2026-0001', kind: 'incident.notify', payload: { reference: 'INC-2026-0001' } }, T0);
  await ops.jobRuns.record({ job: 'learning-reminders', startedAt: T0, finishedAt: T0, summary: 'första' });
  await ops.jobRuns.record({ job: 'learning-reminders', startedAt: later, finishedAt: later, summary: 'senaste' });
  await ops.installations.record({ personId: person(200), outcome: 'blocked', detail: 'blockerad av policy', at: T0 });
  await ops.learningAnswers.answerOnce({ personId: person(1), attempt: 'a1', question: 0, choice: 2 }, T0);
  // Two incident numbers: one stored, one in a report still waiting for SharePoint.
  await ops.counters.next('INC-2026', async () => 0, 'form-1');
  await ops.counters.next('INC-2026', async () => 0, 'form-2');
  await ops.staff.save({
    upsert: [{ personId: person(1), displayName: 'Anna Andersson', email: 'anna@kommun.se', accountEnabled: true, attributeValue: 'Socialförvaltningen', groupIds: [], assignments: [{ role: 'medarbetare', committeeCode: 'SN' }] }],
    remove: [],
    state: { deltaLink: 'https://graph.microsoft.com/v1.0/users/delta?$deltatoken=abc', syncedAt: T0, fullReadAt: T0, attribute: 'department' },
  });
}

describe('moving the operational state from SQLite to Azure Table Storage', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'infosak-copy-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies what the app needs to go on, as it was, and a second copy adds nothing', async () => {
    const source = SqliteOperationalStore.open(dir);
    await fill(source);
    const target = await AzureOperationalStore.open(azure.tablesAt(azure.freshPrefix()));
    try {
      const copied = await copyOperationalState({ ops: source, exported: source.exported() }, target, { sendAgain: sendAgainIfInDoubt });
      expect(copied).toEqual({ counters: 1, conversations: 120, ledgerEntries: 3, outboxMessages: 5, tasks: 1, jobRuns: 1, installations: 1, learningAnswers: 1, staff: 1 });

      // Everyone can still be reached, and the welcome is not said twice.
      expect((await target.conversations.personalChatOf(person(119)))?.reference).toEqual({ conversation: { id: 'a:personal-119' }, user: { aadObjectId: person(119) }, channelId: 'msteams' });
      expect(await target.conversations.markWelcomed('a:personal-0', later)).toBe(false);
      expect(await target.conversations.markWelcomed('a:personal-1', later)).toBe(true);
      // Reminders already sent stay sent, at their own time.
      expect(await target.ledger.claimedAtMany([ledgerEntry(1), ledgerEntry(3), ledgerEntry(4)])).toEqual([T0, later, undefined]);
      expect(await target.ledger.claim(ledgerEntry(2), later)).toBe(false);
      // The campaign's messages keep their status; what was sent is never enqueued again; what waits is sent.
      expect(await target.outbox.campaignSummary('learning:c1')).toMatchObject({ total: 5, Sent: 2, Blocked: 1, Queued: 2 });
      expect(await target.outbox.get(`learning:c1:0:${person(4)}`)).toMatchObject({ status: 'Sent', lastError: IN_DOUBT_NOTE });
      // The next incident number follows the last one handed out, and a form seen before keeps its number.
      expect(await target.counters.next('INC-2026', async () => 0, 'form-3')).toBe(3);
      expect(await target.counters.next('INC-2026', async () => 0, 'form-2')).toBe(2);
      expect(await target.outbox.get(`learning:c1:0:${person(1)}`)).toMatchObject({ status: 'Sent', activityId: 'act-1', activity: card, enqueuedAt: T0 });
      expect(await target.outbox.enqueue([{ key: `learning:c1:0:${person(1)}`, campaignId: 'learning:c1', personId: person(1), activity: card }], later)).toEqual({ queued: 0, alreadyKnown: 1 });
      const due = [await target.outbox.claimNext(later), await target.outbox.claimNext(later), await target.outbox.claimNext(later)];
      expect(due.map((m) => m?.personId).sort()).toEqual([person(3), person(5), undefined].sort());
      // The task, the job's last run, the installation, the first answer and the people with the sync's position.
      expect(await target.tasks.get('notify:INC-2026-0001')).toMatchObject({ kind: 'incident.notify', payload: { reference: 'INC-2026-0001' } });
      expect(await target.jobRuns.latest('learning-reminders')).toMatchObject({ startedAt: later, summary: 'senaste' });
      expect(await target.installations.get(person(200))).toMatchObject({ outcome: 'blocked', detail: 'blockerad av policy', at: T0 });
      expect(await target.learningAnswers.answerOnce({ personId: person(1), attempt: 'a1', question: 0, choice: 0 }, later)).toBe(2);
      expect((await target.staff.all()).map((m) => m.displayName)).toEqual(['Anna Andersson']);
      expect((await target.staff.state())?.deltaLink).toContain('deltatoken=abc');

      // Run again (an interrupted copy is simply run again): nothing is added twice.
      const again = await copyOperationalState({ ops: source, exported: source.exported() }, target, { sendAgain: sendAgainIfInDoubt });
      expect(again).toEqual({ counters: 1, conversations: 0, ledgerEntries: 0, outboxMessages: 0, tasks: 0, jobRuns: 0, installations: 0, learningAnswers: 1, staff: 0 });
      expect(await target.outbox.campaignSummary('learning:c1')).toMatchObject({ total: 5 });
      expect(await target.counters.next('INC-2026', async () => 0, 'form-4')).toBe(4);
    } finally {
      await target.close();
      await source.close();
    }
  });

  it('raises an incident counter an instance started meanwhile past the single instance’s last number', async () => {
    const source = SqliteOperationalStore.open(dir);
    for (const form of ['form-1', 'form-2', 'form-3']) await source.counters.next('INC-2026', async () => 0, form);
    const target = await AzureOperationalStore.open(azure.tablesAt(azure.freshPrefix()));
    try {
      // A report answered by an instance before the copy: its counter started from the records (empty here).
      expect(await target.counters.next('INC-2026', async () => 0, 'live-form')).toBe(1);
      await copyOperationalState({ ops: source, exported: source.exported() }, target, { sendAgain: sendAgainIfInDoubt });
      // No number the single instance had handed out (up to 3) is handed out again.
      expect(await target.counters.next('INC-2026', async () => 0, 'form-4')).toBe(4);
      await copyOperationalState({ ops: source, exported: source.exported() }, target, { sendAgain: sendAgainIfInDoubt });
      expect(await target.counters.next('INC-2026', async () => 0, 'form-5')).toBe(5);
    } finally {
      await target.close();
      await source.close();
    }
  });

  it('is a command that says what it copied, and refuses in Swedish without a source or an Azure target', async () => {
    const source = SqliteOperationalStore.open(dir);
    await fill(source);
    await source.close();
    const prefix = azure.freshPrefix();
    const env = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent', OPS_STORE: 'azure', OPS_STORAGE_CONNECTION_STRING: azure.connectionString(), OPS_TABLE_PREFIX: prefix, CARD_STATE_SECRET: 'a-card-secret-shared-by-every-instance' };
    const run = (args: string[], extra: Record<string, string> = {}) => spawnSync(process.execPath, [cli, ...args], { cwd: dir, env: { ...env, ...extra }, encoding: 'utf8' });

    const copied = run(['copy-to-azure']);
    expect([copied.status, copied.stderr]).toEqual([0, '']);
    expect(copied.stdout).toContain('  konversationer: 120\n');
    expect(copied.stdout).toContain('  utskick: 5\n');
    // Done once: the file is kept under another name, and the command finds nothing to copy next time.
    expect(readdirSync(dir).filter((f) => f.startsWith('ops.db'))).toEqual([expect.stringMatching(/^ops\.db\.flyttad-\d{4}-\d{2}-\d{2}T[\d-]+Z$/)]);
    expect(run(['copy-to-azure']).status).toBe(1);
    const target = await AzureOperationalStore.open(azure.tablesAt(prefix));
    expect(await target.conversations.personalChatOf(person(7))).toBeDefined();
    await target.close();

    const empty = mkdtempSync(path.join(os.tmpdir(), 'infosak-copy-empty-'));
    const noSource = run(['copy-to-azure', '--from', empty]);
    rmSync(empty, { recursive: true, force: true });
    expect([noSource.status, noSource.stderr.trim()]).toEqual([1, `Ingen ops.db i ${empty}: ange katalogen som DATA_DIR pekade på (--from).`]);
    const sqlite = run(['copy-to-azure'], { OPS_STORE: 'sqlite' });
    expect([sqlite.status, sqlite.stderr]).toEqual([1, expect.stringMatching(/^OPS_STORE är inte azure/)]);
    const unknown = run(['flytta']);
    expect([unknown.status, unknown.stderr.split('\n')[0]]).toEqual([2, 'Okänt kommando "flytta".']);
  });
});
