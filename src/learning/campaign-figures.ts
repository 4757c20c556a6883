import { isInAudience, type Campaign } from './campaign';
import type { TrainingTallies } from './training-tally';

/** Where a campaign stands on a day (Stockholm date): before its start, between start and due date, or after. */
export type CampaignPhase = 'planned' | 'running' | 'ended';

/**
 * Why people a campaign was for were not reached, by their last message's end: the app could not
 * be installed (policy, no Teams, failed), it was there but no chat came, it was not installed
 * (installation off), the person blocked the bot, Teams did not know them, or the send failed.
 */
export const UNREACHED_REASONS = ['policy', 'noTeams', 'installFailed', 'noChat', 'notInstalled', 'botBlocked', 'recipientNotFound', 'failed'] as const;
export type UnreachedReason = (typeof UNREACHED_REASONS)[number];

/** What the outbox knows of a campaign, one count per person (first card and reminders together). */
export interface CampaignDelivery {
  /** People who got at least one of the campaign's cards. */
  delivered: number;
  /** People none of whose cards has gone out yet, still in the queue. */
  pending: number;
  /** People none of whose cards reached them, by why. */
  notReached: Partial<Record<UnreachedReason, number>>;
}

/** The outbox's count of a campaign's people by how they ended: reached, still queued, or the last message's status with the installation's outcome. */
export interface CampaignPeopleRow {
  state: 'sent' | 'pending' | 'AppNotInstalled' | 'Blocked' | 'RecipientNotFound' | 'Failed';
  /** The person's latest installation outcome, if the app was ever installed for them. */
  install?: string;
  people: number;
}

/** Why a person was not reached, by their last message's status and the installation's outcome. */
export function unreachedReasonOf(row: Pick<CampaignPeopleRow, 'state' | 'install'>): UnreachedReason {
  switch (row.state) {
    case 'Blocked':
      return 'botBlocked';
    case 'RecipientNotFound':
      return 'recipientNotFound';
    case 'Failed':
      return 'failed';
    default:
      if (row.install === 'blocked') return 'policy';
      if (row.install === 'notFound') return 'noTeams';
      if (row.install === 'failed') return 'installFailed';
      return row.install ? 'noChat' : 'notInstalled';
  }
}

/** The rows summed into what the figures show. */
export function deliveryFrom(rows: readonly CampaignPeopleRow[]): CampaignDelivery {
  const delivery: CampaignDelivery = { delivered: 0, pending: 0, notReached: {} };
  for (const row of rows) {
    if (row.state === 'sent') delivery.delivered += row.people;
    else if (row.state === 'pending') delivery.pending += row.people;
    else {
      const reason = unreachedReasonOf(row);
      delivery.notReached[reason] = (delivery.notReached[reason] ?? 0) + row.people;
    }
  }
  return delivery;
}

export interface CampaignFigures {
  campaign: Campaign;
  phase: CampaignPhase;
  /** The people the campaign is for now (active staff and elected officials in its audience). */
  audience: number;
  delivered: number;
  pending: number;
  notReached: number;
  notReachedBy: Partial<Record<UnreachedReason, number>>;
  /** Of the audience, those who have passed the module (in any version, at any time). */
  completed: number;
  /** After the due date: the audience less those who completed. */
  overdue: number;
}

export function phaseOf(campaign: Pick<Campaign, 'startDate' | 'dueDate'>, today: string): CampaignPhase {
  if (today < campaign.startDate) return 'planned';
  return today <= campaign.dueDate ? 'running' : 'ended';
}

/**
 * A campaign's figures from the training tallies (the audience and who has passed, per group,
 * without reading every person) and what the outbox knows of its cards. Pure. A campaign that
 * leaves out only recent passes (skipPassedWithinDays) counts as completed only those: the caller
 * gives how many of its audience passed since (`recentlyPassed`), which the tallies' counts cannot say.
 */
export function campaignFigures(campaign: Campaign, today: string, tallies: TrainingTallies, delivery: CampaignDelivery, recentlyPassed?: number): CampaignFigures {
  const inAudience = (g: { committeeCode: string; electedOfficial: boolean }) => isInAudience(campaign, { personId: '', ...g });
  const audience = tallies.learners.filter(inAudience).reduce((n, g) => n + g.learners, 0);
  const passed = recentlyPassed ?? tallies.passed.filter((p) => p.moduleId === campaign.moduleId && inAudience(p)).reduce((n, p) => n + p.passed, 0);
  const completed = Math.min(passed, audience);
  const phase = phaseOf(campaign, today);
  const notReached = Object.values(delivery.notReached).reduce((n, c) => n + (c ?? 0), 0);
  return {
    campaign,
    phase,
    audience,
    delivered: delivery.delivered,
    pending: delivery.pending,
    notReached,
    notReachedBy: delivery.notReached,
    completed,
    overdue: phase === 'ended' ? audience - completed : 0,
  };
}
