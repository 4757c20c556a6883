import type { AdminActions } from './AdminView';
import { FileImport } from './FileImport';
import type { T } from './texts';

/** The largest plan file the page sends. */
const PLAN_MAX_KB = 200;

/** The yearly plan from a file: a dry run first, showing each activity's fate or every bad row; the import only after it. */
export function PlanUpload({ t, manage, plan }: { t: T; manage: boolean; plan: AdminActions['plan'] }) {
  return (
    <FileImport
      name="plan"
      t={t}
      manage={manage}
      texts={{ heading: t('adminPlan'), intro: t('adminPlanIntro'), file: t('adminPlanFile'), rowHeader: t('adminPlanActivity'), tooLarge: (size, max) => t('adminPlanTooLarge', { size, max }) }}
      accept=".csv,.json,text/csv,application/json"
      maxKb={PLAN_MAX_KB}
      run={async (content, action) => {
        const answer = await plan(content, action);
        return { dryRun: answer.dryRun, text: answer.text, rows: answer.summary.activities.map((a) => ({ key: a.activityId, title: a.title, change: a.change })) };
      }}
    />
  );
}
