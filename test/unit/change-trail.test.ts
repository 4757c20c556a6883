import { saveQuarterStatuses } from '../../src/actionplan/save-quarter-statuses';
import { fixedClock } from '../../src/clock/clock';
import { triageIncident } from '../../src/incidents/triage-incident';
import { loadConfig } from '../../src/config/config';
import { loadIncidentRules } from '../../src/incidents/incident-rules';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { personFrom } from '../../src/organisation/organisation';
import { CHANGE_TRAIL_TASK, resumeTrail, type ChangeTrail } from '../../src/store/change-trail';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { incident } from '../contract/store-contract';

const rules = loadIncidentRules(loadConfig({}).incidentRulesFile);

/**
 * A change and its trail are durable together: when the process stops after the record was written
 * but before its audit entry (here: the audit list fails), the task the change left behind writes
 * the audit entry and the history later — and a change that never landed leaves no trail.
 */
describe('the audit trail of a change', () => {
  const coordinator = personFrom([{ personId: 'p1', displayName: 'Sara', email: 's@x', role: 'samordnare', committeeCode: 'SN' }]);

  const setUp = () => {
    const clock = fixedClock('2026-03-03T10:00:00Z');
    const store = SqliteStore.inMemory(clock);
    const ops = SqliteOperationalStore.inMemory();
    const failAudit = () => {
      const create = store.audit.create.bind(store.audit);
      store.audit.create = async () => {
        throw new Error('processen stannade');
      };
      return () => (store.audit.create = create);
    };
    /** What the task runner does a minute later. */
    const runTrailTasks = async () => {
      clock.advance(2 * 60_000);
      for (const task of await ops.tasks.due(clock.now().toISOString(), 50)) if (task.kind === CHANGE_TRAIL_TASK) await resumeTrail(store, ops, task.payload as ChangeTrail);
    };
    return { clock, store, ops, failAudit, runTrailTasks };
  };

  it('writes a triage action’s audit entry and history after a stop between the change and the trail', async () => {
    const { clock, store, ops, failAudit, runTrailTasks } = setUp();
    await store.incidents.create('k1', incident('INC-2026-0001'));
    const restore = failAudit();
    await expect(triageIncident({ store, ops, clock, rules }, { personId: 'p1', person: coordinator }, 'INC-2026-0001', undefined, { type: 'acknowledge' })).rejects.toThrow('processen stannade');
    restore();
    expect((await store.incidents.query())[0]!.value.acknowledgedBy).toBe('p1');
    expect(await store.audit.query({ field: 'recordKey', op: 'eq', value: 'INC-2026-0001' })).toEqual([]);

    await runTrailTasks();
    expect((await store.audit.query({ field: 'recordKey', op: 'eq', value: 'INC-2026-0001' })).map((a) => [a.value.actorId, a.value.action])).toEqual([['p1', 'kvitterad']]);
    expect((await store.incidentEvents.query({ field: 'reference', op: 'eq', value: 'INC-2026-0001' })).map((e) => e.value.action)).toEqual(['kvitterad']);
    expect(await ops.tasks.count()).toBe(0);
  });

  it('writes a saved status’s audit entry after such a stop', async () => {
    const { clock, store, ops, failAudit, runTrailTasks } = setUp();
    clock.set('2026-02-01T10:00:00Z');
    await store.activities.create('activity:2026-a', { year: 2026, activityId: '2026-a', area: 'Nätverk', title: 'Riskanalys', description: '', quarters: [1], committees: ['*'] });
    const restore = failAudit();
    await expect(
      saveQuarterStatuses({ store, ops, clock }, { personId: 'p1', person: coordinator }, { year: 2026, quarter: 1, committeeCode: 'SN' }, [{ activityId: '2026-a', status: 'Påbörjad', comment: 'Igång', seenVersion: '' }]),
    ).rejects.toThrow('processen stannade');
    restore();
    await runTrailTasks();
    expect((await store.audit.query({ field: 'recordKey', op: 'eq', value: '2026-a:SN' })).map((a) => a.value.action)).toEqual(['status kvartal 1 Påbörjad']);
    expect(await ops.tasks.count()).toBe(0);
  });

  it('leaves no trail for a change that never landed', async () => {
    const { clock, store, ops, runTrailTasks } = setUp();
    await store.incidents.create('k1', incident('INC-2026-0001'));
    const update = store.incidents.update.bind(store.incidents);
    store.incidents.update = async () => {
      throw new Error('processen stannade');
    };
    await expect(triageIncident({ store, ops, clock, rules }, { personId: 'p1', person: coordinator }, 'INC-2026-0001', undefined, { type: 'acknowledge' })).rejects.toThrow();
    store.incidents.update = update;
    await runTrailTasks();
    expect(await store.audit.query()).toEqual([]);
    expect(await ops.tasks.count()).toBe(0);
  });
});

describe('a stored value compared with what was written', () => {
  it('treats blank text as no value and date-times to the second, as a SharePoint list keeps them', async () => {
    const { sameStoredValue } = await import('../../src/store/same-value');
    expect(sameStoredValue(undefined, '')).toBe(true);
    expect(sameStoredValue(null, '')).toBe(true);
    expect(sameStoredValue('2026-03-03T10:00:00Z', '2026-03-03T10:00:00.437Z')).toBe(true);
    expect(sameStoredValue('2026-03-03T10:00:01Z', '2026-03-03T10:00:00.437Z')).toBe(false);
    expect(sameStoredValue('Påbörjad', 'Genomförd')).toBe(false);
    expect(sameStoredValue(['a'], ['a'])).toBe(true);
    expect(sameStoredValue('', 'x')).toBe(false);
  });
});
