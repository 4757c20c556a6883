import { sendAssetReminders } from '../assets/asset-reminders';
import { defineJob } from './job';

/** The systemägare's reminders: classifications and risk analyses due for review, measures past their date. */
export const assetRemindersJob = defineJob({
  name: 'tillgangar',
  description: 'Påminner systemägarna om KLASSA-klassningar och riskanalyser som ska ses över och om åtgärder som passerat sitt datum.',
  // Weekday mornings: a reminder is read at work, and one missed over a weekend is caught up on Monday.
  schedule: '0 8 * * 1-5',
  uses: ({ assets }) => assets,
  async run(assets) {
    return `Påminnelser om informationstillgångar köade: ${await sendAssetReminders(assets)}`;
  },
});
