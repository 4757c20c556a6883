import { loadEntraMapping } from '../organisation/entra-mapping';
import { describeSync, syncPeople } from '../organisation/people-sync';
import { recountOnce } from '../status/status-tallies';
import { defineJob } from './job';

/**
 * Reads people and their home committees from Entra ID (all of them the first time, then what
 * changed) and, when anything changed, recounts the figures' denominators at once rather than at
 * night. Runs before the nightly recount and the morning's campaign round.
 */
export const peopleSyncJob = defineJob({
  name: 'personsynk',
  description: 'Läser personer och hemnämnder från Entra ID (första gången alla, sedan ändringarna) och rapporterar nya, flyttade, de som lämnat och de utan nämnd.',
  schedule: '15 3 * * *',
  uses: ({ store, ops, clock, peopleSync }) => ({ store, ops, clock, peopleSync }),
  async run({ store, ops, clock, peopleSync }) {
    if (!peopleSync) return 'Personsynk är avstängd (PEOPLE_SYNC): rollistan anger vilka som är medarbetare och förtroendevalda';
    // The mapping is read at every run, so the municipality's edits apply without a restart; a mistake stops the run with the file and line.
    const committees = (await store.committees.query()).map((c) => c.value.code);
    const mapping = loadEntraMapping(peopleSync.mappingFile, committees);
    const report = await syncPeople({ reader: peopleSync.reader, staff: ops.staff, mapping, at: clock.now() });
    if (report.full || report.added + report.moved + report.left > 0) await recountOnce(store, ops);
    return describeSync(report);
  },
});
