import { campaignFigures, deliveryFrom, phaseOf } from '../../src/learning/campaign-figures';
import type { Campaign } from '../../src/learning/campaign';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';

const AT = '2026-11-24T09:00:00.000Z';
const campaign: Campaign = { campaignId: 'c', moduleId: 'natfiske', audience: 'namnder', committeeCodes: ['SN'], startDate: '2026-11-01', dueDate: '2026-11-30', reminderEveryDays: 7, maxReminders: 2, createdBy: 'x', createdAt: AT };

describe("a campaign's figures", () => {
  it('count each person once, by how they ended: reached if any card went out, queued, or why not', async () => {
    const ops = SqliteOperationalStore.inMemory();
    const ended: [string, 'Sent' | 'AppNotInstalled' | 'Blocked' | 'RecipientNotFound' | 'Failed' | 'queued'][] = [
      ['sent-after-a-failure', 'Failed'],
      ['sent-after-a-failure', 'Sent'],
      ['queued', 'queued'],
      ['policy', 'AppNotInstalled'],
      ['no-teams', 'AppNotInstalled'],
      ['install-failed', 'AppNotInstalled'],
      ['no-chat', 'AppNotInstalled'],
      ['not-installed', 'AppNotInstalled'],
      ['not-installed-2', 'AppNotInstalled'],
      ['blocked-the-bot', 'Blocked'],
      ['unknown', 'RecipientNotFound'],
      ['failed', 'Failed'],
    ];
    for (const [i, [person, status]] of ended.entries()) {
      await ops.outbox.enqueue([{ key: `m${i}`, campaignId: 'learning:c', personId: person, activity: { text: 'hej' } }], AT);
      if (status === 'queued') continue;
      const m = (await ops.outbox.claimNext(AT))!;
      await ops.outbox.finish(m.id, status, { at: AT });
    }
    for (const [person, outcome] of [
      ['policy', 'blocked'],
      ['no-teams', 'notFound'],
      ['install-failed', 'failed'],
      ['no-chat', 'installed'],
      ['sent-after-a-failure', 'installed'],
    ] as const) {
      await ops.installations.record({ personId: person, outcome, at: AT });
    }
    expect(deliveryFrom(await ops.outbox.campaignPeople('learning:c'))).toEqual({
      delivered: 1,
      pending: 1,
      notReached: { policy: 1, noTeams: 1, installFailed: 1, noChat: 1, notInstalled: 2, botBlocked: 1, recipientNotFound: 1, failed: 1 },
    });
    await ops.close();
  });

  it('take the audience and who has passed from the tallies, and count as overdue only after the due date', () => {
    const tallies = {
      learners: [
        { committeeCode: 'SN', electedOfficial: false, learners: 40 },
        { committeeCode: 'SN', electedOfficial: true, learners: 5 },
        { committeeCode: 'KS', electedOfficial: false, learners: 30 },
      ],
      passed: [
        { committeeCode: 'SN', electedOfficial: false, moduleId: 'natfiske', passed: 12 },
        { committeeCode: 'SN', electedOfficial: false, moduleId: 'losenord', passed: 30 },
        { committeeCode: 'KS', electedOfficial: false, moduleId: 'natfiske', passed: 20 },
      ],
    };
    const delivery = { delivered: 44, pending: 0, notReached: { notInstalled: 1 } };
    expect(campaignFigures(campaign, '2026-11-24', tallies, delivery)).toMatchObject({ phase: 'running', audience: 45, completed: 12, overdue: 0, notReached: 1 });
    expect(campaignFigures(campaign, '2026-12-01', tallies, delivery)).toMatchObject({ phase: 'ended', overdue: 33 });
    expect([phaseOf(campaign, '2026-10-31'), phaseOf(campaign, '2026-11-01'), phaseOf(campaign, '2026-11-30'), phaseOf(campaign, '2026-12-01')]).toEqual(['planned', 'running', 'running', 'ended']);
  });
});
