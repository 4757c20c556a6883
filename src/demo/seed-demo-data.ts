import { readFileSync } from 'node:fs';
import path from 'node:path';
import { activityAppliesTo } from '../actionplan/activity';
import { activitiesOf, PlanFileSchema } from '../actionplan/plan-file';
import { projectRoot } from '../config/config';
import type { Store } from '../store/store';
import { DEMO_COMMITTEES, DEMO_PEOPLE } from './demo-organisation';

export const DEMO_PLAN_FILE = path.join(projectRoot(), 'content', 'action-plans', 'handlingsplan-2022.json');

export interface SeedSummary {
  committees: number;
  roles: number;
  activities: number;
  statuses: number;
}

/**
 * Seeds the demo municipality, its people and the 2022 action plan with its follow-up.
 * Every item has a fixed key, so seeding again (or after a crash half-way) adds nothing twice.
 */
export async function seedDemoData(store: Store): Promise<SeedSummary> {
  const committees = await store.committees.createMany(DEMO_COMMITTEES.map((c) => ({ key: `committee:${c.code}`, value: c })));
  const roles = await store.roles.createMany(
    DEMO_PEOPLE.flatMap((p) =>
      p.roles.map((r) => ({
        key: `role:${p.id}:${r.role}:${r.committeeCode}`,
        value: { personId: p.id, displayName: p.displayName, email: p.email, role: r.role, committeeCode: r.committeeCode },
      })),
    ),
  );
  const plan = PlanFileSchema.parse(JSON.parse(readFileSync(DEMO_PLAN_FILE, 'utf8')));
  const activities = await store.activities.createMany(
    activitiesOf(plan).map((a) => ({ key: `activity:${a.activityId}`, value: a })),
  );
  const followUp = plan.followUp;
  const statuses = await store.activityStatuses.createMany(
    plan.activities.flatMap(({ followUp: result, ...activity }) =>
      followUp && result
        ? DEMO_COMMITTEES.filter((c) => activityAppliesTo({ ...activity, year: plan.year }, c.code)).map((c) => ({
            key: `status:${activity.activityId}:${c.code}`,
            value: {
              year: plan.year,
              activityId: activity.activityId,
              committeeCode: c.code,
              status: result.status,
              comment: result.comment,
              setBy: followUp.setBy,
              setAt: followUp.setAt,
            },
          }))
        : [],
    ),
  );
  const count = (results: { created: boolean }[]) => results.filter((r) => r.created).length;
  return { committees: count(committees), roles: count(roles), activities: count(activities), statuses: count(statuses) };
}
