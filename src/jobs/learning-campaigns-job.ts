import { sendCampaignMessages } from '../learning/campaign-messages';
import type { Job } from './job';

/** Campaign cards and gentle reminders; the job itself keeps to weekdays 08–17. */
export const learningCampaignsJob: Job = {
  name: 'utbildning',
  description: 'Skickar utbildningskampanjernas kort och påminnelser till dem som inte är klara (vardagar 08–17).',
  schedule: '5,35 8-16 * * 1-5',
  async run({ learning }) {
    const sent = await sendCampaignMessages(learning);
    return `Utbildningskort köade: ${sent.cards}, påminnelser: ${sent.reminders}`;
  },
};
