import { remindIncidentDeadlines } from '../incidents/incident-follow-up';
import type { Job } from './job';

/** Reminds the owners of legal deadlines (IMY 72 h, NIS 24 h/72 h/1 month) that draw near with no action recorded. */
export const incidentDeadlinesJob: Job = {
  name: 'incidentfrister',
  description: 'Påminner om lagstadgade tidsfrister för incidenter (IMY, cybersäkerhetslagen) som närmar sig utan åtgärd.',
  schedule: '*/15 * * * *',
  async run({ incidents }) {
    const reminders = await remindIncidentDeadlines(incidents);
    return `Påminnelser köade: ${reminders}`;
  },
};
