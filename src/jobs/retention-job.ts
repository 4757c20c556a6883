import { applyRetention } from '../retention/retention';
import { defineJob } from './job';

/** Gallring: closed incidents past their time, and old learning-delivery bookkeeping, each removal in the audit trail. */
export const retentionJob = defineJob({
  name: 'gallring',
  description: 'Gallrar stängda incidenter och gamla utskick av utbildning enligt reglerna i konfigurationen, och loggar det i granskningsloggen.',
  schedule: '30 2 * * *',
  uses: ({ store, ops, clock, retention }) => ({ store, ops, clock, retention }),
  async run({ store, ops, clock, retention }) {
    const done = await applyRetention({ store, ops, clock }, retention);
    return `Gallrat: ${done.incidents.length} incidenter (${done.events} händelser, ${done.auditEntries} loggposter), ${done.deliveries} utskick, ${done.ledgerEntries} påminnelseposter`;
  },
});
