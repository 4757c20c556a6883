import { remindIncidentDeadlines } from '../incidents/incident-follow-up';
import { defineJob } from './job';

/** Reminds the owners of legal deadlines (IMY 72 h, NIS 24 h/72 h/1 month) that draw near with no action recorded. */
export const incidentDeadlinesJob = defineJob({
  name: 'incidentfrister',
  description: 'Påminner om lagstadgade tidsfrister för incidenter (IMY, cybersäkerhetslagen) som närmar sig utan åtgärd.',
  schedule: '*/15 * * * *',
  uses: ({ incidents }) => incidents.followUp,
  async run(followUp) {
    const reminders = await remindIncidentDeadlines(followUp);
    return `Påminnelser köade: ${reminders}`;
  },
});
