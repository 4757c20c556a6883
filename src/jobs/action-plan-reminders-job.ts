import { sendPlanReminders } from '../actionplan/plan-reminders';
import type { Job } from './job';

/** The quarter's cards to coordinators, the reminder before quarter end, and the overdue summary. */
export const actionPlanRemindersJob: Job = {
  name: 'handlingsplan',
  description: 'Skickar kvartalets aktiviteter till samordnarna, påminnelsen före kvartalets slut och sammanställningen av det som är försenat.',
  schedule: '*/30 * * * *',
  async run({ actionPlan }) {
    return `Påminnelser om handlingsplanen köade: ${await sendPlanReminders(actionPlan)}`;
  },
};
