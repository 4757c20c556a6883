import { sendCampaignMessages } from '../learning/campaign-messages';
import { defineJob } from './job';

/** Campaign cards and gentle reminders; the job itself keeps to weekdays 08–17. */
export const learningCampaignsJob = defineJob({
  name: 'utbildning',
  description: 'Skickar utbildningskampanjernas kort och påminnelser till dem som inte är klara (vardagar 08–17).',
  schedule: '5,35 8-16 * * 1-5',
  uses: ({ learning }) => learning.campaigns,
  async run(campaigns) {
    const sent = await sendCampaignMessages(campaigns);
    return `Utbildningskort köade: ${sent.cards}, påminnelser: ${sent.reminders}`;
  },
});
