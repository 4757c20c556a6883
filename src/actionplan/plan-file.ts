import { z } from 'zod';
import { ACTIVITY_STATUSES, type Activity } from './activity';

/**
 * The JSON shape of an action-plan file in content/action-plans/, optionally with a year's follow-up
 * (a status and comment per activity; who set them and when is the import's, not the file's).
 */
export const PlanFileSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  activities: z
    .array(
      z.object({
        activityId: z.string().min(1).max(100),
        area: z.string().min(1).max(100),
        title: z.string().min(1).max(255),
        description: z.string().max(4000),
        quarters: z.array(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)])).min(1),
        committees: z.array(z.string().min(1)).min(1),
        followUp: z.object({ status: z.enum(ACTIVITY_STATUSES), comment: z.string().max(4000) }).optional(),
      }),
    )
    .min(1),
});
export type PlanFile = z.infer<typeof PlanFileSchema>;

export function activitiesOf(plan: PlanFile): Activity[] {
  return plan.activities.map(({ activityId, area, title, description, quarters, committees }) => ({
    year: plan.year,
    activityId,
    area,
    title,
    description,
    quarters,
    committees,
  }));
}
