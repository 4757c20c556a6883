import { recountOnce } from '../status/status-tallies';
import { defineJob } from './job';

/**
 * Recounts the status tab's figures from the records each night: the running counts follow every
 * completion and incident the app writes, and this corrects what they cannot see (people who moved
 * or left, records changed in SharePoint by hand).
 */
export const statusTalliesJob = defineJob({
  name: 'statussiffror',
  description: 'Räknar om statusflikens siffror (utbildning per nämnd och modul, incidenter per år) från registren (varje natt).',
  schedule: '45 3 * * *',
  uses: ({ store, ops }) => ({ store, ops }),
  async run({ store, ops }) {
    const counted = await recountOnce(store, ops);
    if (counted === 'superseded') return 'En nyare omräkning började under tiden och gör klart arbetet';
    return `Omräknat: ${counted.learners} medarbetare och förtroendevalda, ${counted.passes} genomförda moduler, ${counted.incidents} incidenter`;
  },
});
