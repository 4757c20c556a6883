import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDemoData } from '../../src/demo/seed-demo-data';
import type { Incident } from '../../src/incidents/incident';
import { loadCommitteeStatusData, loadOverviewStatusData } from '../../src/status/status-data';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { Store } from '../../src/store/store';
import { startLocalSharePoint } from '../support/graph/sharepoint-fixture';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { recountTallies } from '../../src/status/status-tallies';
import { percentile, round, timed } from './bench-stats';
import { code, fillMunicipality, personOf, scaleFromArgs } from './bench-municipality';

/**
 * `npm run bench:store [-- --staff 50000]`: per operation, on SQLite (a file on disk) and on SharePoint through the
 * local Graph server with 100 ms added to every Graph request: Graph requests made, estimated
 * SharePoint resource units, and p50/p95 wall time. With --staff, SQLite only, with three years of
 * data for that many staff (bench-municipality.ts). The last line is one JSON object.
 */
const LATENCY_MS = Number(process.env.BENCH_GRAPH_LATENCY_MS ?? 100);
const ITERATIONS = { sqlite: 200, sharepoint: 15 };

const incidentValue = (n: number, committeeCode: string): Incident => ({
  reference: `INC-2026-${String(n).padStart(4, '0')}`,
  kind: 'incident',
  category: 'natfiske',
  description: 'Ett mejl som låtsades komma från IT-avdelningen och bad om inloggningsuppgifter.',
  discoveredAt: '2026-03-02T08:00:00.000Z',
  committeeCode,
  affectedSystem: 'E-post',
  personalData: n % 3 === 0,
  aspects: ['konfidentialitet'],
  ongoing: false,
  essentialService: false,
  reporterId: `p${n % 40}`,
  reportedAt: new Date(Date.UTC(2026, n % 12, 1 + (n % 27), 9)).toISOString(),
  status: 'Ny',
});

/** Demo data plus a year's worth of reports and completions, so the views read more than one page. */
async function fill(store: Store): Promise<void> {
  await seedDemoData(store);
  const committees = ['KS', 'SN', 'BUN', 'KFN', 'SBN'];
  await store.incidents.createMany(Array.from({ length: 300 }, (_, n) => ({ key: `bench-inc-${n}`, value: incidentValue(n, committees[n % 5]!) })));
  await store.completions.createMany(
    Array.from({ length: 1200 }, (_, n) => ({
      key: `bench-comp-${n}`,
      value: { personId: `p${n}`, moduleId: `modul-${n % 10}`, moduleVersion: 1, committeeCode: committees[n % 5]!, completedAt: '2026-02-01T09:00:00.000Z', score: 1 },
    })),
  );
}

interface OperationResult {
  operation: string;
  p50Ms: number;
  p95Ms: number;
  graphRequests?: number;
  resourceUnits?: number;
}

/** Where the views are measured: the demo's 2022 plan and Socialnämnden, or the bench municipality's 2026. */
interface Target {
  year: number;
  committee: string;
  person: string;
}

async function measure(
  store: Store,
  target: Target,
  iterations: number,
  counters?: () => { requests: number; resourceUnits: number },
): Promise<OperationResult[]> {
  let next = 10_000;
  const ops = SqliteOperationalStore.inMemory();
  const statuses = await store.activityStatuses.query({ field: 'committeeCode', op: 'eq', value: target.committee });
  const operations: [string, () => Promise<unknown>][] = [
    ['create an incident', () => store.incidents.create(`bench-new-${next}`, incidentValue(next++, 'SN'))],
    [
      'update a status',
      async () => {
        // The card carries the item id and eTag it was rendered from: one write.
        const target = statuses[next++ % statuses.length]!;
        const updated = await store.activityStatuses.update(target.id, target.etag, { status: next % 2 ? 'Pågående' : 'Genomförd' });
        statuses[statuses.indexOf(target)] = updated;
      },
    ],
    // Who is behind a card action or a tab request: one indexed lookup in the roles list.
    ['find a person', () => store.roles.query({ field: 'personId', op: 'eq', value: target.person })],
    ['load one committee’s dashboard data', () => loadCommitteeStatusData(store, ops, target.year, target.committee)],
    ['load the overview', () => loadOverviewStatusData(store, ops, target.year)],
  ];
  const results: OperationResult[] = [];
  // The tab's counts, as the nightly job (or the first request) leaves them.
  await recountTallies(store, ops);
  for (const [operation, run] of operations) {
    await run(); // warm-up: caches, prepared statements, token
    const before = counters?.();
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) times.push(await timed(run));
    const after = counters?.();
    times.sort((a, b) => a - b);
    results.push({
      operation,
      p50Ms: round(percentile(times, 50)),
      p95Ms: round(percentile(times, 95)),
      ...(before && after
        ? { graphRequests: round((after.requests - before.requests) / iterations), resourceUnits: round((after.resourceUnits - before.resourceUnits) / iterations) }
        : {}),
    });
  }
  await ops.close();
  return results;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const scale = args.includes('--staff') ? scaleFromArgs(args) : undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'infosak-bench-'));
  const sqlite = SqliteStore.open(dir);
  if (scale) {
    // A large municipality on SQLite: what grows with the staff, and what must not.
    const data = await fillMunicipality(sqlite, scale);
    const sqliteResults = await measure(sqlite, { year: 2026, committee: code(7), person: personOf(scale.staff - 1) }, ITERATIONS.sqlite);
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
    sqliteResults.forEach((r) => console.log(`  ${r.operation.padEnd(38)} p50 ${String(r.p50Ms).padStart(7)} ms  p95 ${String(r.p95Ms).padStart(7)} ms`));
    console.log(JSON.stringify({ staff: scale.staff, years: scale.years, data, sqlite: sqliteResults }));
    return;
  }
  await fill(sqlite);
  const demo: Target = { year: 2022, committee: 'SN', person: 'a1a1a1a1-0000-4000-8000-000000000003' };
  const sqliteResults = await measure(sqlite, demo, ITERATIONS.sqlite);
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });

  const sp = await startLocalSharePoint();
  await sp.provision();
  const store = await sp.connectStore();
  await fill(store);
  sp.graph.faults.latencyMs = LATENCY_MS;
  const sharePointResults = await measure(store, demo, ITERATIONS.sharepoint, () => ({ ...sp.graph.stats }));
  await sp.stop();

  const line = (r: OperationResult) =>
    `  ${r.operation.padEnd(38)} p50 ${String(r.p50Ms).padStart(7)} ms  p95 ${String(r.p95Ms).padStart(7)} ms` +
    (r.graphRequests !== undefined ? `  Graph-anrop ${r.graphRequests}  resursenheter ${r.resourceUnits}` : '');
  console.log(`SQLite (fil på disk), ${ITERATIONS.sqlite} varv per operation:`);
  sqliteResults.forEach((r) => console.log(line(r)));
  console.log(`SharePoint via lokal Graph-server, ${LATENCY_MS} ms fördröjning per anrop, ${ITERATIONS.sharepoint} varv per operation:`);
  sharePointResults.forEach((r) => console.log(line(r)));
  console.log(JSON.stringify({ graphLatencyMs: LATENCY_MS, sqlite: sqliteResults, sharepoint: sharePointResults }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
