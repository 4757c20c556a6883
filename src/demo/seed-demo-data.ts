import { readFileSync } from 'node:fs';
import path from 'node:path';
import { knownAreas } from '../actionplan/plan-areas';
import { readPlanFile } from '../actionplan/plan-import';
import { stockholmDate, stockholmQuarter } from '../clock/stockholm-time';
import { importPlan } from '../actionplan/plan-store';
import { projectRoot } from '../config/config';
import type { Campaign } from '../learning/campaign';
import type { Store } from '../store/store';
import { demoAssets } from './demo-assets';
import { DEMO_COMMITTEES, DEMO_PEOPLE } from './demo-organisation';
import { demoPlanStatuses2022 } from './demo-plan-statuses';

export const DEMO_PLAN_FILE = path.join(projectRoot(), 'content', 'action-plans', 'handlingsplan-2022.json');

export { AREAS_FILE, knownAreas } from '../actionplan/plan-areas';

/** The demo people as the tab's demo mode lists them (local mode only). */
export function demoUsers(): { id: string; displayName: string; title: string }[] {
  return DEMO_PEOPLE.map((p) => ({ id: p.id, displayName: p.displayName, title: p.title }));
}

export interface SeedSummary {
  committees: number;
  roles: number;
  activities: number;
  statuses: number;
  campaigns: number;
  assets: number;
}

/**
 * Two running campaigns, so that `utbildning` shows due dates and the campaign job has work:
 * phishing for everyone (started a week ago) and the personal-data incident module for
 * Socialnämnden (starting today).
 */
function demoCampaigns(now: Date): Campaign[] {
  const day = (offset: number) => stockholmDate(new Date(now.getTime() + offset * 86_400_000));
  const base = { reminderEveryDays: 7, maxReminders: 2, createdBy: 'demo', createdAt: now.toISOString() };
  return [
    { ...base, campaignId: `demo-natfiske-alla-${day(-7)}`, moduleId: 'natfiske', audience: 'alla', committeeCodes: [], startDate: day(-7), dueDate: day(21) },
    { ...base, campaignId: `demo-personuppgiftsincident-sn-${day(0)}`, moduleId: 'personuppgiftsincident', audience: 'namnder', committeeCodes: ['SN'], startDate: day(0), dueDate: day(28) },
  ];
}

/**
 * Seeds the demo municipality, its people and the 2022 action plan with its follow-up (for
 * Kommunstyrelsen), through the same import as `npm run plan -- import`, and invented 2022 statuses
 * for the other nämnder (demo-plan-statuses.ts). Every item has a fixed key, so seeding again (or
 * after a crash half-way) adds nothing twice.
 */
export async function seedDemoData(store: Store, now: Date = new Date()): Promise<SeedSummary> {
  const committees = await store.committees.createMany(DEMO_COMMITTEES.map((c) => ({ key: `committee:${c.code}`, value: c })));
  const roles = await store.roles.createMany(
    DEMO_PEOPLE.flatMap((p) =>
      p.roles.map((r) => ({
        key: `role:${p.id}:${r.role}:${r.committeeCode}`,
        value: { personId: p.id, displayName: p.displayName, email: p.email, role: r.role, committeeCode: r.committeeCode },
      })),
    ),
  );
  const bytes = readFileSync(DEMO_PLAN_FILE);
  const codes = DEMO_COMMITTEES.map((c) => c.code);
  const read = readPlanFile(bytes, { areas: knownAreas(), committees: codes });
  if ('problems' in read) throw new Error(`${DEMO_PLAN_FILE}: ${read.problems.map((p) => `${p.where}: ${p.message}`).join('; ')}`);
  // The follow-up describes the municipality as a whole: it is Kommunstyrelsen's, imported as `npm run plan -- import` would.
  const plan = await importPlan(store, read.rows, { committees: ['KS'], setBy: 'import', at: now.toISOString(), dryRun: false });
  const demoStatuses = await store.activityStatuses.createMany(demoPlanStatuses2022());
  // This year's plan, the same activities with nothing reported yet, so a coordinator has a quarter to work with.
  const year = stockholmQuarter(now).year;
  if (year !== 2022) {
    const current = read.rows.map(({ status: _s, comment: _c, ...a }) => ({ ...a, year, activityId: a.activityId.replace(/^2022-/, `${year}-`) }));
    await importPlan(store, current, { committees: codes, setBy: 'demo', at: now.toISOString(), dryRun: false });
  }
  const campaigns = await store.campaigns.createMany(demoCampaigns(now).map((c) => ({ key: c.campaignId, value: c })));
  const assets = await store.assets.createMany(demoAssets(now).map((a) => ({ key: `asset:${a.assetId}`, value: a })));
  const count = (results: { created: boolean }[]) => results.filter((r) => r.created).length;
  return { committees: count(committees), roles: count(roles), activities: plan.created, statuses: plan.statusesCreated + count(demoStatuses), campaigns: count(campaigns), assets: count(assets) };
}

/** Seeds the demo data into an empty store only: a store with committees is someone's real data. */
export async function seedDemoDataIfEmpty(store: Store, now?: Date): Promise<SeedSummary | undefined> {
  if ((await store.committees.query(undefined, { top: 1 })).length > 0) return undefined;
  return seedDemoData(store, now);
}
