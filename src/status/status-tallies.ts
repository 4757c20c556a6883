import type { Incident } from '../incidents/incident';
import { allLearners } from '../learning/learners';
import { passedAmong, passedPairsFrom, type TrainingTallies } from '../learning/training-tally';
import type { OperationalStore, StatusTallies } from '../ops/operational-store';
import type { Store } from '../store/store';
import { summaryOf, type IncidentTallyRow } from './incident-tally';

/**
 * The status figures' counts (training passes and learners, incidents by year) in the operational
 * store: written with every completion and incident write, and recounted from the records by the
 * nightly job and whenever they are missing. The recount corrects what the running counts cannot
 * see: a change of roles (who is staff where), and records written to SharePoint by someone else.
 */
export async function recountTallies(store: Store, ops: OperationalStore): Promise<{ learners: number; passes: number; incidents: number }> {
  // Begun before the records are read: whatever is noted from now on is at least as new as what the recount reads.
  const since = await ops.tallies.beginRecount();
  const [learners, completions, incidents] = await Promise.all([allLearners(store, ops.staff), store.completions.query(), store.incidents.query()]);
  const { people, pairs } = passedPairsFrom(
    learners,
    completions.map((c) => c.value),
  );
  await ops.tallies.recountTraining(people, pairs, since);
  await ops.tallies.recountIncidents(
    incidents.map((i) => ({ itemId: i.id, summary: summaryOf(i.value) })),
    since,
  );
  return { learners: people.length, passes: pairs.length, incidents: incidents.length };
}

// One recount at a time per operational store in this process, shared by the nightly job and the requests that find the counts missing.
const recounting = new WeakMap<StatusTallies, Promise<RecountResult>>();

type RecountResult = { learners: number; passes: number; incidents: number } | 'superseded';

/**
 * Recounts, or joins the recount already running in this process. A newer recount begun by another
 * process (`npm run job -- statussiffror` beside the server) stops this one: 'superseded'.
 */
export function recountOnce(store: Store, ops: OperationalStore): Promise<RecountResult> {
  let running = recounting.get(ops.tallies);
  if (!running) {
    running = recountTallies(store, ops)
      .catch((err: unknown) => {
        if (err instanceof Error && err.name === 'RecountSupersededError') return 'superseded' as const;
        throw err;
      })
      .finally(() => recounting.delete(ops.tallies));
    recounting.set(ops.tallies, running);
  }
  return running;
}

/** The training tallies and the year's incident counts, recounted first if they never were (a new installation, or a new operational store). */
export async function currentTallies(store: Store, ops: OperationalStore, year: number): Promise<{ training: TrainingTallies; incidents: IncidentTallyRow[] }> {
  const read = async () => ({ training: await ops.tallies.training(), incidents: await ops.tallies.incidents(year) });
  let tallies = await read();
  // A recount superseded by another process's may leave them missing still: count again (that one will have moved on).
  for (let attempt = 0; attempt < 3 && (!tallies.training || !tallies.incidents); attempt++) {
    await recountOnce(store, ops);
    tallies = await read();
  }
  if (!tallies.training || !tallies.incidents) throw new Error('statussiffrorna kunde inte räknas');
  return { training: tallies.training, incidents: tallies.incidents };
}

/**
 * Who of these people has passed a module, from the tallies: each pass is noted there as it is
 * stored, and the nightly recount mends a note that failed. Before the first recount there is
 * nothing to read, so the first question counts them.
 */
export function passedFromTallies(store: Store, ops: OperationalStore): (moduleId: string, personIds: readonly string[], since?: string) => Promise<boolean[]> {
  let counted = false;
  return async (moduleId, personIds, since) => {
    if (!counted && !(await ops.tallies.training())) await recountOnce(store, ops);
    counted = true;
    return passedAmong(ops.tallies, moduleId, personIds, since);
  };
}

/**
 * The store with its incidents list noting each write in the tallies, so the overview's incident
 * counts follow every report, triage and removal at once. A failed note is logged and left to the
 * recount: the record itself was written, and that is what the caller must hear.
 */
export function talliedStore(store: Store, tallies: StatusTallies, onError: (err: unknown) => void): Store {
  const incidents = store.incidents;
  const note = async (item: { id: string; value: Incident }) => {
    await tallies.noteIncident(item.id, summaryOf(item.value)).catch(onError);
  };
  const tallied: Store['incidents'] = {
    listName: incidents.listName,
    async create(key, value) {
      const result = await incidents.create(key, value);
      await note(result.item);
      return result;
    },
    async createMany(items) {
      const results = await incidents.createMany(items);
      for (const r of results) await note(r.item);
      return results;
    },
    getById: (id) => incidents.getById(id),
    getByKey: (key) => incidents.getByKey(key),
    query: (filter, options) => incidents.query(filter, options),
    async update(id, etag, patch) {
      const item = await incidents.update(id, etag, patch);
      await note(item);
      return item;
    },
    async delete(id) {
      await incidents.delete(id);
      await tallies.forgetIncident(id).catch(onError);
    },
  };
  // Every other list, the kind and close are the store's own: the wrapper inherits them from it.
  return Object.assign(Object.create(store) as Store, { incidents: tallied });
}
