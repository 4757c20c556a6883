import { createHash } from 'node:crypto';
import type { Clock } from '../clock/clock';
import { stockholmDate } from '../clock/stockholm-time';
import { ALL_COMMITTEES } from '../organisation/organisation';
import { findPerson, holdersOf } from '../organisation/people';
import type { LedgerEntry, OperationalStore } from '../ops/operational-store';
import type { Store } from '../store/store';
import { analysisCurrent, classificationCurrent, isLate, latestAnalysis, reviewDue } from './asset-coverage';
import { closeMeasuresDoneInPlan } from './asset-plan-link';
import { ofCommittees, valuesOf } from './asset-store';
import { isCritical, type AssetMeasure, type InformationAsset, type RiskAnalysis } from './information-asset';

/**
 * The systemägare's reminders: a critical asset whose KLASSA classification or risk analysis is
 * older than its review allows (or was never made), and a measure past its due date. Each is sent
 * once per (asset, kind, period) through the ledger: the period is the day it fell due, so a new
 * classification, analysis or due date makes the next reminder a new one. A measure past its date
 * is told to its own owner too. An asset with no systemägare the municipality knows (in the roles
 * list, so they can open the tab) is told to its nämnd's coordinators instead, and where the nämnd
 * has none, to its information security officer: someone must answer for it. A measure made an
 * activity of the plan is followed up there, in the quarter card, and not reminded of here.
 */
export type AssetReminderKind = 'classification' | 'analysis' | 'measure';

export interface AssetReminderItem {
  assetId: string;
  assetName: string;
  committeeCode: string;
  kind: AssetReminderKind;
  /** The day it fell due; '' when it was never made. */
  due: string;
  /** For a measure: what it is, and who answers for it when not the systemägare. */
  what?: string;
  ownerId?: string;
}

/** Sends one message per person with all their new reminders; implemented in bot/ through the delivery service. */
export interface AssetNotifier {
  reminders(recipients: { key: string; personId: string; items: AssetReminderItem[] }[]): Promise<void>;
}

export interface AssetReminderDeps {
  store: Store;
  ops: OperationalStore;
  clock: Clock;
  notifier: AssetNotifier;
  reviewMonths: number;
}

/** What is due today, item by item with the period it belongs to. Pure: the records and today are given. */
export function dueAssetItems(
  input: { assets: readonly InformationAsset[]; analyses: readonly RiskAnalysis[]; measures: readonly AssetMeasure[] },
  today: string,
  reviewMonths: number,
): { item: AssetReminderItem; period: string }[] {
  const due: { item: AssetReminderItem; period: string }[] = [];
  const byId = new Map(input.assets.map((a) => [a.assetId, a]));
  for (const a of input.assets.filter(isCritical)) {
    const base = { assetId: a.assetId, assetName: a.assetName, committeeCode: a.committeeCode };
    if (!classificationCurrent(a, today, reviewMonths)) {
      const day = a.classifiedOn ? reviewDue(a.classifiedOn, a.classificationReviewOn, reviewMonths) : '';
      due.push({ item: { ...base, kind: 'classification', due: day }, period: day || 'saknas' });
    }
    const analysis = latestAnalysis(input.analyses, a.assetId);
    if (!analysisCurrent(analysis, today, reviewMonths)) {
      const day = analysis ? reviewDue(analysis.analysedOn, analysis.reviewOn, reviewMonths) : '';
      due.push({ item: { ...base, kind: 'analysis', due: day }, period: day || 'saknas' });
    }
  }
  for (const m of input.measures.filter((x) => isLate(x, today) && !x.activityId)) {
    const a = byId.get(m.assetId);
    if (!a) continue;
    due.push({ item: { assetId: a.assetId, assetName: a.assetName, committeeCode: a.committeeCode, kind: 'measure', due: m.dueDate, what: m.what, ...(m.ownerId ? { ownerId: m.ownerId } : {}) }, period: `${m.measureId}:${m.dueDate}` });
  }
  return due;
}

const entryOf = (item: AssetReminderItem, period: string, person: string): LedgerEntry => ({ year: 0, quarter: 0, kind: `asset:${item.assetId}:${item.kind}:${period}`, committee: item.committeeCode, person });

/**
 * Checks the ledger, puts each person's new reminders in one message in the outbox (its key made
 * from the entries, so a run repeated after a stop half-way queues the same message, which the
 * outbox keeps once), then claims the entries. Returns how many reminders were sent.
 */
export async function sendAssetReminders(deps: AssetReminderDeps): Promise<number> {
  const now = deps.clock.now();
  const committees = (await deps.store.committees.query()).map((c) => c.value.code);
  const [assets, analyses, measureItems] = await Promise.all([valuesOf(ofCommittees(deps.store.assets, committees)), valuesOf(ofCommittees(deps.store.riskAnalyses, committees)), ofCommittees(deps.store.assetMeasures, committees)]);
  // A measure whose plan activity was set Genomförd, where the save's own follow-up was cut off, is closed here. What it
  // was read as stands for the reminders below: a measure in the plan is never reminded of (dueAssetItems).
  await closeMeasuresDoneInPlan(deps, measureItems, 'system');
  const measures = measureItems.map((m) => m.value);
  const due = dueAssetItems({ assets, analyses, measures }, stockholmDate(now), deps.reviewMonths);
  if (due.length === 0) return 0;
  const owners = new Map(assets.map((a) => [a.assetId, a.systemOwnerId]));
  const [coordinators, officers] = await Promise.all([holdersOf(deps.store, 'samordnare'), holdersOf(deps.store, 'sakerhetsansvarig')]);
  // Only someone the municipality knows can open the tab the reminder points to; each is looked up once.
  const known = new Map<string, Promise<boolean>>();
  const isKnown = (id: string) => {
    if (!known.has(id)) known.set(id, findPerson(deps.store, id).then(Boolean));
    return known.get(id)!;
  };
  const holdersFor = (list: typeof coordinators, committee: string) => list.filter((c) => c.committeeCode === committee || c.committeeCode === ALL_COMMITTEES).map((c) => c.personId);
  const recipientsOf = async (item: AssetReminderItem) => {
    const people: string[] = [];
    const owner = owners.get(item.assetId);
    if (owner && (await isKnown(owner))) people.push(owner);
    else {
      const ofCommittee = coordinators.filter((c) => c.committeeCode === item.committeeCode).map((c) => c.personId);
      people.push(...(ofCommittee.length > 0 ? ofCommittee : holdersFor(officers, item.committeeCode)));
    }
    if (item.ownerId && (await isKnown(item.ownerId))) people.push(item.ownerId);
    return [...new Set(people)];
  };
  const wanted: { item: AssetReminderItem; entry: LedgerEntry }[] = [];
  for (const { item, period } of due) for (const person of await recipientsOf(item)) wanted.push({ item, entry: entryOf(item, period, person) });
  const had = await deps.ops.ledger.hasMany(wanted.map((w) => w.entry));
  const unsent = wanted.filter((_, i) => !had[i]);
  if (unsent.length === 0) return 0;
  const byPerson = new Map<string, typeof unsent>();
  for (const u of unsent) byPerson.set(u.entry.person, [...(byPerson.get(u.entry.person) ?? []), u]);
  const recipients = [...byPerson].map(([personId, list]) => ({
    key: `assets:${personId}:${createHash('sha256').update(list.map((u) => u.entry.kind).sort().join('\n')).digest('hex').slice(0, 24)}`,
    personId,
    items: list.map((u) => u.item),
  }));
  await deps.notifier.reminders(recipients);
  return (await deps.ops.ledger.claimMany(unsent.map((u) => u.entry), now.toISOString())).filter(Boolean).length;
}
