import { sendPlanReminders } from '../actionplan/plan-reminders';
import { defineJob } from './job';

/** The quarter's cards to coordinators, the reminder before quarter end, and the overdue summary. */
export const actionPlanRemindersJob = defineJob({
  name: 'handlingsplan',
  description: 'Skickar kvartalets aktiviteter till samordnarna, påminnelsen före kvartalets slut och sammanställningen av det som är försenat.',
  schedule: '*/30 * * * *',
  uses: ({ actionPlan }) => actionPlan,
  async run(actionPlan) {
    return `Påminnelser om handlingsplanen köade: ${await sendPlanReminders(actionPlan)}`;
  },
});
