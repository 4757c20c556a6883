import Database from 'better-sqlite3';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { REACHABLE_LEARNERS_SQL, REACHABLE_PASSED_SQL } from '../../src/ops/sqlite-status-tallies';

/** "Of those reached": the learners and passes of people with a personal chat, counted in the operational store. */
describe('the tallies of those the bot can reach', () => {
  const chat = (ops: SqliteOperationalStore, personId: string) =>
    ops.conversations.remember({ conversationId: `a:${personId}`, personId, tenantId: 't', serviceUrl: 'https://smba.example/', conversationType: 'personal', reference: {}, updatedAt: '2026-11-24T09:00:00.000Z' });

  it('counts only people with a personal chat, whatever case Teams wrote their id in, and only their passes', async () => {
    const ops = SqliteOperationalStore.inMemory();
    const people = ['aaaa-1', 'aaaa-2', 'aaaa-3', 'bbbb-1'].map((personId, i) => ({ personId, committeeCode: i < 3 ? 'SN' : 'KS', electedOfficial: false }));
    const since = await ops.tallies.beginRecount();
    await ops.tallies.recountTraining(people, [
      { personId: 'aaaa-1', moduleId: 'natfiske', month: '2026-11', lastAt: '2026-11-10T09:00:00.000Z', committeeCode: 'SN', electedOfficial: false },
      { personId: 'aaaa-3', moduleId: 'natfiske', month: '2026-11', lastAt: '2026-11-10T09:00:00.000Z', committeeCode: 'SN', electedOfficial: false },
    ], since);
    await chat(ops, 'AAAA-1');
    await chat(ops, 'aaaa-2');
    await ops.conversations.remember({ conversationId: 'g:1', personId: 'bbbb-1', tenantId: 't', serviceUrl: 'https://smba.example/', conversationType: 'groupChat', reference: {}, updatedAt: '2026-11-24T09:00:00.000Z' });
    const training = (await ops.tallies.training())!;
    expect(training.learners).toEqual(expect.arrayContaining([{ committeeCode: 'SN', electedOfficial: false, learners: 3 }]));
    expect(training.reachable).toEqual({
      learners: [{ committeeCode: 'SN', electedOfficial: false, learners: 2 }],
      passed: [{ committeeCode: 'SN', electedOfficial: false, moduleId: 'natfiske', passed: 1 }],
    });
    // Kept a while (who has a chat changes slowly, and counting it costs): a new chat shows after the next recount.
    await chat(ops, 'aaaa-3');
    expect((await ops.tallies.training())!.reachable!.learners).toEqual([{ committeeCode: 'SN', electedOfficial: false, learners: 2 }]);
    await ops.tallies.recountTraining(people, [], await ops.tallies.beginRecount());
    expect((await ops.tallies.training())!.reachable!.learners).toEqual([{ committeeCode: 'SN', electedOfficial: false, learners: 3 }]);
    await ops.close();
  });

  it('starts from the people with a chat, read off the conversations index, and finds each one by key: no scan of every chat for every person', () => {
    const db = new Database(':memory:');
    new SqliteOperationalStore(db);
    for (const [sql, table] of [
      [REACHABLE_LEARNERS_SQL, 'p'],
      [REACHABLE_PASSED_SQL, 't'],
    ] as const) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
      expect(plan).toMatch(/SEARCH conversations USING COVERING INDEX ix_conversations_person/);
      expect(plan).toContain(`SEARCH ${table} USING PRIMARY KEY (person=?)`);
      expect(plan).not.toMatch(/AUTOMATIC/);
    }
    db.close();
  });
});
