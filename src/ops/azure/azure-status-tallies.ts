import type { TableClient } from '@azure/data-tables';
import type { LearnerTally, PassedMonthTally, PassedPair, PassedTally, PersonGroup, TrainingTallies } from '../../learning/training-tally';
import type { IncidentSummary, IncidentTallyRow } from '../../status/incident-tally';
import type { StatusTallies } from '../operational-store';
import { REACHED_KEEP_MS, RecountSupersededError } from '../sqlite-status-tallies';
import { AzureIncidentTallies } from './azure-status-tallies-incidents';
import { countReached } from './azure-status-tallies-reached';
import { applyInBatches, commit, getRow, purgeGone, put, retrying, scan, type Change, type Delta, type Row } from './azure-status-tallies-rows';
import { safeKey, statusOf, type AzureTables } from './azure-tables';

/**
 * The status tallies on Azure Table Storage, in one table "Tallies" with three partitions:
 *
 * - "state": RowKey "recount" holds `begun`, the newest recount's number (raised with an ETag by
 *   beginRecount); "recounted-training-2" and "recounted-incidents" say a first recount finished (training's
 *   marker carries a number: rows written before passes kept their latest retake (`lastAt`) are
 *   recounted once, as a fresh table would be).
 * - "training": every person's group, every pass, and the counts, in one partition so a note writes
 *   its rows and the counts they move in one entity group transaction (counts never drift from rows):
 *     p|<person>                                  the person's group and `noted`
 *     x|<person>|<module>                         a pass: its group, first month, latest retake (`lastAt`) and `noted`
 *     m|<module>|<person>                         the same pass found by module, with `lastAt` (passedAmong over a whole audience)
 *     l|<committee>|<elected>                     learners per group
 *     n|<committee>|<elected>|<module>|<month>    passes per group, module and first month
 *   The overview reads the l| and n| ranges (a few hundred rows); a person's passes are one range.
 * - "incidents": see azure-status-tallies-incidents.ts.
 *
 * Which write is newer: a note is marked with `begun` as it read it (the app writes the record
 * first, then notes it), a recount's rows with its own number. A recount leaves rows marked with
 * its number or later alone; a note leaves a row marked later than its own alone (a recount that
 * began after the note read records at least as new). Every row and count is written with the
 * ETag it was read with, and retried when another instance wrote first (412, or 409 on create).
 */
export const azureStatusTalliesTables: readonly string[] = ['Tallies'];

const STATE = 'state';
const TRAINING = 'training';
const RECOUNT = 'recount';
const RECOUNTED = { training: 'recounted-training-2', incidents: 'recounted-incidents' } as const;
/** Up to this many people, passedAmong reads each pass; beyond it, the module's passes in one range. */
const POINT_READS = 50;

const bit = (b: boolean) => (b ? 1 : 0);
const personKey = (person: string) => `p|${safeKey(person)}`;
const passKey = (person: string, moduleId: string) => `x|${safeKey(person)}|${safeKey(moduleId)}`;
const moduleKey = (moduleId: string, person: string) => `m|${safeKey(moduleId)}|${safeKey(person)}`;
const learnerCount = (committee: string, elected: boolean, by: number): Delta => ({ rowKey: `l|${safeKey(committee)}|${bit(elected)}`, props: { committee, elected }, by });
const passCount = (committee: string, elected: boolean, moduleId: string, month: string, by: number): Delta => ({
  rowKey: `n|${safeKey(committee)}|${bit(elected)}|${safeKey(moduleId)}|${safeKey(month)}`,
  props: { committee, elected, module: moduleId, month },
  by,
});
const passCountOf = (r: Row, by: number) => passCount(r.committee as string, r.elected as boolean, r.module as string, r.month as string, by);
const live = (row: Row | undefined) => (row && !row.gone ? row : undefined);
const inGroup = (r: Row, committee: string, elected: boolean) => r.committee === committee && r.elected === elected;
/** Marked gone, its values kept (a gone pass is still found by module when it is removed for good). */
const goneMark = (r: Row, noted: number): Change['actions'][number] => ['update', { partitionKey: TRAINING, rowKey: r.rowKey, gone: true, noted }, 'Merge', { etag: r.etag }];

export class AzureStatusTallies implements StatusTallies {
  private readonly table: TableClient;
  private readonly incidentTallies: AzureIncidentTallies;
  /** The conversation references' table (azure-conversations.ts): who has a personal chat. */
  private readonly conversations: TableClient;
  private reached: { at: number; tallies: NonNullable<TrainingTallies['reachable']> } | undefined;
  private reaching: Promise<void> | undefined;

  constructor(tables: AzureTables) {
    this.table = tables.table('Tallies');
    this.conversations = tables.table('Conversations');
    this.incidentTallies = new AzureIncidentTallies(this.table, () => this.begun());
  }

  private async begun(): Promise<number> {
    return ((await getRow(this.table, STATE, RECOUNT))?.begun as number | undefined) ?? 0;
  }

  /** A recount's writes go on only while it is the newest: an older one still running stops at its next batch. */
  private async guard(since: number): Promise<void> {
    if ((await this.begun()) !== since) throw new RecountSupersededError();
  }

  private async recounted(kind: 'training' | 'incidents'): Promise<boolean> {
    return (await getRow(this.table, STATE, RECOUNTED[kind])) !== undefined;
  }

  private async markRecounted(kind: 'training' | 'incidents', since: number): Promise<void> {
    await this.guard(since);
    await this.table.upsertEntity({ partitionKey: STATE, rowKey: RECOUNTED[kind], noted: since }, 'Replace');
  }

  /** The group '-' holds people who are not (or no longer) staff: kept as markers, never counted as learners. */
  async training(): Promise<TrainingTallies | undefined> {
    if (!(await this.recounted('training'))) return undefined;
    const [learnerRows, passRows] = await Promise.all([scan(this.table, TRAINING, 'l|'), scan(this.table, TRAINING, 'n|')]);
    const learners = learnerRows
      .filter((r) => (r.n as number) > 0 && r.committee !== '-')
      .map((r): LearnerTally => ({ committeeCode: r.committee as string, electedOfficial: r.elected as boolean, learners: r.n as number }));
    const passed = new Map<string, PassedTally>();
    for (const r of passRows) {
      const key = JSON.stringify([r.committee, r.elected, r.module]);
      const tally = passed.get(key) ?? { committeeCode: r.committee as string, electedOfficial: r.elected as boolean, moduleId: r.module as string, passed: 0 };
      tally.passed += r.n as number;
      passed.set(key, tally);
    }
    return { learners, passed: [...passed.values()].filter((p) => p.passed > 0), reachable: await this.reachableTallies() };
  }

  /**
   * "Of those reached": the people with a personal chat (the conversation references' table,
   * azure-conversations.ts) joined here with their group and passes. Table Storage cannot join, so
   * this reads every person, pass and conversation: kept for REACHED_KEEP_MS, and once it is older
   * the kept one is given while a fresh one is read behind it. A recount reads it anew.
   */
  private async reachableTallies(): Promise<NonNullable<TrainingTallies['reachable']>> {
    const kept = this.reached;
    if (kept && Date.now() - kept.at > REACHED_KEEP_MS && !this.reaching) {
      this.reaching = countReached(this.table, this.conversations)
        .then((tallies) => void (this.reached = { at: Date.now(), tallies }))
        .catch(() => undefined)
        .finally(() => (this.reaching = undefined));
    }
    if (kept) return kept.tallies;
    const tallies = await countReached(this.table, this.conversations);
    this.reached = { at: Date.now(), tallies };
    return tallies;
  }

  async recordPass(pair: PassedPair): Promise<boolean> {
    return retrying(async () => {
      const noted = await this.begun();
      const [personRow, passRows] = await Promise.all([getRow(this.table, TRAINING, personKey(pair.personId)), scan(this.table, TRAINING, `x|${safeKey(pair.personId)}|`)]);
      const was = live(personRow);
      // A recount begun after this note read the roles later: the group it gave stands.
      const newer = was !== undefined && (was.noted as number) > noted;
      const committee = newer ? (was.committee as string) : pair.committeeCode;
      const elected = newer ? (was.elected as boolean) : pair.electedOfficial;
      const changes: Change[] = [];
      // Someone hired since the last recount is expected from now on; someone moved takes their passes along.
      if (!was || !inGroup(was, committee, elected)) {
        changes.push({
          actions: [put({ partitionKey: TRAINING, rowKey: personKey(pair.personId), person: pair.personId, committee, elected, noted }, personRow)],
          deltas: [...(was ? [learnerCount(was.committee as string, was.elected as boolean, -1)] : []), learnerCount(committee, elected, 1)],
        });
      }
      const passRow = passRows.find((r) => r.rowKey === passKey(pair.personId, pair.moduleId));
      const first = live(passRow) === undefined;
      // A retake: counted once already, but the latest pass moves (and is as new as this note, so a recount that read before it leaves it).
      const retake = !first && pair.lastAt > ((passRow!.lastAt as string | undefined) ?? '');
      for (const p of passRows.filter((r) => !r.gone && !inGroup(r, committee, elected))) {
        // One write per row in a transaction: the retake's date rides in the move's.
        const later = retake && p.rowKey === passRow!.rowKey ? { lastAt: pair.lastAt } : {};
        changes.push({
          actions: [['update', { partitionKey: TRAINING, rowKey: p.rowKey, committee, elected, noted: Math.max(noted, p.noted as number), ...later }, 'Merge', { etag: p.etag }]],
          deltas: [passCountOf(p, -1), passCount(committee, elected, p.module as string, p.month as string, 1)],
        });
      }
      const moved = changes.some((c) => c.actions.some((a) => (a[1] as { rowKey?: string }).rowKey === passRow?.rowKey));
      const byModule = { partitionKey: TRAINING, rowKey: moduleKey(pair.moduleId, pair.personId), person: pair.personId, lastAt: pair.lastAt };
      if (first) {
        const pass = { partitionKey: TRAINING, rowKey: passKey(pair.personId, pair.moduleId), person: pair.personId, module: pair.moduleId, committee, elected, month: pair.month, lastAt: pair.lastAt, noted };
        changes.push({ actions: [put(pass, passRow), ['upsert', byModule, 'Replace']], deltas: [passCount(committee, elected, pair.moduleId, pair.month, 1)] });
      } else if (retake) {
        const own: Change['actions'] = moved ? [] : [['update', { partitionKey: TRAINING, rowKey: passRow!.rowKey, lastAt: pair.lastAt, noted: Math.max(noted, passRow!.noted as number) }, 'Merge', { etag: passRow!.etag }]];
        changes.push({ actions: [...own, ['upsert', byModule, 'Replace']], deltas: [] });
      }
      if (changes.length === 0) return false;
      // The person's row is in every write about them (its ETag checked): two notes of one person never interleave.
      if (was && inGroup(was, committee, elected)) changes.push({ actions: [['update', { partitionKey: TRAINING, rowKey: was.rowKey }, 'Merge', { etag: was.etag }]], deltas: [] });
      await commit(this.table, TRAINING, changes);
      return first;
    });
  }

  async passedAmong(moduleId: string, personIds: readonly string[], since = ''): Promise<boolean[]> {
    const recent = (r: Row) => ((r.lastAt as string | undefined) ?? '') >= since;
    if (personIds.length <= POINT_READS) {
      const rows = await Promise.all(personIds.map((p) => getRow(this.table, TRAINING, passKey(p, moduleId))));
      return rows.map((r) => live(r) !== undefined && recent(r!));
    }
    const rows = await scan(this.table, TRAINING, `m|${safeKey(moduleId)}|`, ['person', 'gone', 'lastAt']);
    const passed = new Set(rows.filter((r) => !r.gone && recent(r)).map((r) => r.person as string));
    return personIds.map((p) => passed.has(p));
  }

  async passedByMonth(): Promise<PassedMonthTally[]> {
    const rows = await scan(this.table, TRAINING, 'n|');
    return rows
      .filter((r) => (r.n as number) > 0 && r.committee !== '-')
      .map((r) => ({ committeeCode: r.committee as string, electedOfficial: r.elected as boolean, moduleId: r.module as string, month: r.month as string, passed: r.n as number }));
  }

  /** The newest recount is the one that counts: an older one still running stops at its next batch. */
  async beginRecount(): Promise<number> {
    return retrying(async () => {
      const row = await getRow(this.table, STATE, RECOUNT);
      const begun = ((row?.begun as number | undefined) ?? 0) + 1;
      const entity = { partitionKey: STATE, rowKey: RECOUNT, begun };
      if (row) await this.table.updateEntity(entity, 'Replace', { etag: row.etag });
      else await this.table.createEntity(entity);
      return begun;
    });
  }

  /** Rows the recount did not find and noted before it began are gone from the records (a completion removed, someone no longer staff). */
  async recountTraining(people: PersonGroup[], pairs: PassedPair[], since: number): Promise<void> {
    const guard = () => this.guard(since);
    await guard();
    this.reached = undefined;
    const [personRows, passRows] = await Promise.all([scan(this.table, TRAINING, 'p|'), scan(this.table, TRAINING, 'x|')]);

    const listedPeople = new Map<string, PersonGroup>();
    for (const p of people) if (!listedPeople.has(personKey(p.personId))) listedPeople.set(personKey(p.personId), p);
    const decidePerson = (rowKey: string, row: Row | undefined): Change | undefined => {
      const was = live(row);
      if (was && (was.noted as number) >= since) return undefined; // noted after the recount began: newer than what it read
      const p = listedPeople.get(rowKey);
      const out = was ? [learnerCount(was.committee as string, was.elected as boolean, -1)] : [];
      if (!p) return was ? { actions: [goneMark(was, since)], deltas: out } : undefined;
      if (was && inGroup(was, p.committeeCode, p.electedOfficial)) return undefined;
      return { actions: [put({ partitionKey: TRAINING, rowKey, person: p.personId, committee: p.committeeCode, elected: p.electedOfficial, noted: since }, row)], deltas: [...out, learnerCount(p.committeeCode, p.electedOfficial, 1)] };
    };
    const personKeys = [...listedPeople.keys(), ...personRows.filter((r) => !listedPeople.has(r.rowKey)).map((r) => r.rowKey)];
    await applyInBatches(this.table, TRAINING, personKeys, new Map(personRows.map((r) => [r.rowKey, r])), decidePerson, guard);

    const listedPairs = new Map<string, PassedPair>();
    for (const p of pairs) if (!listedPairs.has(passKey(p.personId, p.moduleId))) listedPairs.set(passKey(p.personId, p.moduleId), p);
    const decidePass = (rowKey: string, row: Row | undefined): Change | undefined => {
      const was = live(row);
      if (was && (was.noted as number) >= since) return undefined;
      const p = listedPairs.get(rowKey);
      const out = was ? [passCountOf(was, -1)] : [];
      if (!p) {
        if (!was) return undefined;
        return { actions: [goneMark(was, since), ['upsert', { partitionKey: TRAINING, rowKey: moduleKey(was.module as string, was.person as string), person: was.person, gone: true }, 'Replace']], deltas: out };
      }
      if (was && inGroup(was, p.committeeCode, p.electedOfficial) && was.month === p.month && was.lastAt === p.lastAt) return undefined;
      const pass = { partitionKey: TRAINING, rowKey, person: p.personId, module: p.moduleId, committee: p.committeeCode, elected: p.electedOfficial, month: p.month, lastAt: p.lastAt, noted: since };
      const byModule: Change['actions'][number] = ['upsert', { partitionKey: TRAINING, rowKey: moduleKey(p.moduleId, p.personId), person: p.personId, lastAt: p.lastAt }, 'Replace'];
      return {
        actions: [put(pass, row), ...(was && was.lastAt === p.lastAt ? [] : [byModule])],
        deltas: [...out, passCount(p.committeeCode, p.electedOfficial, p.moduleId, p.month, 1)],
      };
    };
    const passKeys = [...listedPairs.keys(), ...passRows.filter((r) => !listedPairs.has(r.rowKey)).map((r) => r.rowKey)];
    await applyInBatches(this.table, TRAINING, passKeys, new Map(passRows.map((r) => [r.rowKey, r])), decidePass, guard);

    await this.markRecounted('training', since);
    await this.purge([...personRows, ...passRows].filter((r) => r.gone));
  }

  /** Gone rows found by a recount are removed for good (a pass's row by module too, if it is still gone). */
  private async purge(gone: Row[]): Promise<void> {
    const index = await Promise.all(gone.filter((r) => r.rowKey.startsWith('x|')).map((r) => getRow(this.table, TRAINING, moduleKey(r.module as string, r.person as string)).catch((err: unknown) => (statusOf(err) === 404 ? undefined : Promise.reject(err)))));
    await purgeGone(this.table, [...gone, ...index.filter((r): r is Row => r !== undefined && r.gone === true)]);
  }

  async incidents(year: number): Promise<IncidentTallyRow[] | undefined> {
    if (!(await this.recounted('incidents'))) return undefined;
    return this.incidentTallies.incidents(year);
  }

  noteIncident(itemId: string, summary: IncidentSummary): Promise<void> {
    return this.incidentTallies.noteIncident(itemId, summary);
  }

  forgetIncident(itemId: string): Promise<void> {
    return this.incidentTallies.forgetIncident(itemId);
  }

  async recountIncidents(incidents: { itemId: string; summary: IncidentSummary }[], since: number): Promise<void> {
    await this.incidentTallies.recount(incidents, since, () => this.guard(since));
    await this.markRecounted('incidents', since);
  }
}

export function azureStatusTallies(tables: AzureTables): StatusTallies {
  return new AzureStatusTallies(tables);
}
