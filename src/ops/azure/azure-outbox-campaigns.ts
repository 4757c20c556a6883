import { odata, type TableClient } from '@azure/data-tables';
import type { CampaignPeopleRow } from '../../learning/campaign-figures';
import type { AppInstallations } from '../operational-store';
import type { CampaignSummary, DeliveryStatus } from '../outbox-types';
import { inParallel } from './azure-entities';
import { campaignPartition, listAll } from './azure-outbox-entities';

/**
 * A campaign's figures from its partition of the outbox, reading only the properties they need (no
 * cards). Installation outcomes come from the installations part: Table Storage has no join.
 */
type Installations = Pick<AppInstallations, 'get'>;

export async function campaignSummary(messages: TableClient, campaignId: string): Promise<CampaignSummary> {
  const summary: CampaignSummary = { campaignId, total: 0, Queued: 0, Sending: 0, Sent: 0, AppNotInstalled: 0, Blocked: 0, RecipientNotFound: 0, Failed: 0 };
  for (const raw of await listAll(messages, odata`PartitionKey eq ${campaignPartition(campaignId)}`, ['status'])) {
    const status = raw.status as DeliveryStatus;
    summary[status] = (summary[status] ?? 0) + 1;
    summary.total++;
  }
  return summary;
}

export async function unreachedReasons(messages: TableClient, installations: Installations, campaignId: string): Promise<Record<string, number>> {
  const rows = await listAll(messages, odata`PartitionKey eq ${campaignPartition(campaignId)} and status eq 'AppNotInstalled'`, ['personId']);
  const outcomes = await outcomesOf(installations, rows.map((r) => String(r.personId)));
  const reasons: Record<string, number> = {};
  for (const r of rows) {
    const reason = outcomes.get(String(r.personId)) ?? 'notTried';
    reasons[reason] = (reasons[reason] ?? 0) + 1;
  }
  return reasons;
}

export async function campaignPeople(messages: TableClient, installations: Installations, campaignId: string): Promise<CampaignPeopleRow[]> {
  // One row a person: reached if any message was sent, pending if one waits, else by the last message (the highest id).
  const people = new Map<string, { sent: boolean; pending: boolean; lastId: number; last: string }>();
  for (const raw of await listAll(messages, odata`PartitionKey eq ${campaignPartition(campaignId)}`, ['RowKey', 'personId', 'status'])) {
    const person = String(raw.personId);
    const status = String(raw.status);
    const id = Number(raw.rowKey);
    const p = people.get(person) ?? { sent: false, pending: false, lastId: -1, last: status };
    people.set(person, { sent: p.sent || status === 'Sent', pending: p.pending || status === 'Queued' || status === 'Sending', ...(id > p.lastId ? { lastId: id, last: status } : { lastId: p.lastId, last: p.last }) });
  }
  const ended = [...people].filter(([, p]) => !p.sent && !p.pending).map(([person]) => person);
  const outcomes = await outcomesOf(installations, ended);
  const rows = new Map<string, CampaignPeopleRow>();
  for (const [person, p] of people) {
    const state = (p.sent ? 'sent' : p.pending ? 'pending' : p.last) as CampaignPeopleRow['state'];
    const install = p.sent || p.pending ? undefined : outcomes.get(person);
    const row = rows.get(`${state}|${install ?? ''}`) ?? { state, ...(install ? { install } : {}), people: 0 };
    row.people++;
    rows.set(`${state}|${install ?? ''}`, row);
  }
  return [...rows.values()];
}

/** The latest installation outcome of each person (lower-case ids), read from the installations part. */
async function outcomesOf(installations: Installations, personIds: string[]): Promise<Map<string, string>> {
  const outcomes = new Map<string, string>();
  await inParallel([...new Set(personIds)], async (person) => {
    const record = await installations.get(person);
    if (record) outcomes.set(person, record.outcome);
  });
  return outcomes;
}
