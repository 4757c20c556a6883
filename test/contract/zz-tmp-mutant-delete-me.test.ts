import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import type { OperationalStore } from '../../src/ops/operational-store';
import { operationalStoreContract } from './ops-store-contract';

operationalStoreContract('mutant', async () => {
  const real = SqliteOperationalStore.inMemory();
  let cached: Promise<unknown> | undefined;
  const ops = {
    ...Object.fromEntries(['staff','installations','tallies','counters','tasks','learningAnswers','conversations','jobRuns'].map((k) => [k, (real as never)[k]])),
    ledger: Object.assign(Object.create(real.ledger), { claim: async () => true }),
    outbox: Object.assign(Object.create(real.outbox), {
      // two claimers in the same tick get the same message
      claimNext: (now: string) => { if (!cached) { cached = real.outbox.claimNext(now); setImmediate(() => (cached = undefined)); } return cached; },
      bringForward: (p: string, now: string) => real.outbox.bringForward(p.toLowerCase() === p ? p : 'x', now),
    }),
    close: () => real.close(),
  } as unknown as OperationalStore;
  return { ops, close: () => real.close() };
});

test('counter gap', async () => {
  const ops = SqliteOperationalStore.inMemory();
  await Promise.all(Array.from({ length: 10 }, () => ops.counters.next('X', async () => 0, 'a')));
  console.log('next after 10 concurrent same-allocation first uses:', await ops.counters.next('X', async () => 0));
  await Promise.all(Array.from({ length: 10 }, () => ops.counters.next('X', async () => 0, 'b')));
  console.log('next after 10 concurrent same-allocation later:', await ops.counters.next('X', async () => 0));
});
