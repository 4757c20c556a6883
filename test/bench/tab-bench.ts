import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadConfig, projectRoot } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { startApp } from '../../src/server/app';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { Store } from '../../src/store/store';
import { launchChromium } from '../support/chromium';
import { startLocalSharePoint } from '../support/graph/sharepoint-fixture';
import { recountTallies } from '../../src/status/status-tallies';
import { percentile, round, timed } from './bench-stats';
import { code, COMMITTEES, fillMunicipality, OFFICER, personOf, scaleFromArgs } from './bench-municipality';

/**
 * `npm run bench:tab [-- --staff 50000]`: the status tab with 60 committees × 40 activities and
 * the municipality of bench-municipality.ts (by default 1,800 staff, 20,000 completions and 5,000
 * incidents; with --staff three years of data for that many). API p50/p95 per view on SQLite; Graph
 * requests and resource units per view on SharePoint (the local Graph server); the nightly recount;
 * the page's ready time in Chromium; the bundle gzipped. Last line: JSON.
 */
const scale = scaleFromArgs(process.argv.slice(2));

const VIEWS: [string, string][] = [
  ['me', 'me'],
  ['overview', 'overview?year=2026'],
  ['committee', `committees/${code(7)}?year=2026`],
  ['export.csv', `committees/${code(7)}/export.csv?year=2026`],
];

async function measureApi(url: string, iterations: number, counters?: () => { requests: number; resourceUnits: number }, views = VIEWS) {
  const results: { view: string; p50Ms: number; p95Ms: number; graphRequests?: number; resourceUnits?: number }[] = [];
  for (const [view, query] of views) {
    const call = async () => {
      const res = await fetch(`${url}/api/tab/${query}`, { headers: { 'X-Infosak-Demo-User': OFFICER } });
      if (res.status !== 200) throw new Error(`${query}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    await call();
    const before = counters?.();
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) times.push(await timed(call));
    const after = counters?.();
    times.sort((a, b) => a - b);
    results.push({
      view,
      p50Ms: round(percentile(times, 50)),
      p95Ms: round(percentile(times, 95)),
      ...(before !== undefined ? { graphRequests: round((after!.requests - before.requests) / iterations), resourceUnits: round((after!.resourceUnits - before.resourceUnits) / iterations) } : {}),
    });
  }
  return results;
}

/** The app on the given store; `cacheSeconds` 0 measures every read from the store (the overview's cold path). */
async function startWith(store: Store, dir: string, cacheSeconds = 0) {
  const config = loadConfig({ PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'silent', PLAYGROUND: '0', SCHEDULER: '0', SEED_DEMO_DATA: '0', STATUS_CACHE_SECONDS: String(cacheSeconds), TAB_API_RATE_LIMIT_PER_MINUTE: '100000' });
  return startApp(config, { store, ops: SqliteOperationalStore.open(dir), logger: createLogger('silent') });
}

async function pageReady(url: string, runs: number): Promise<number[]> {
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    for (let i = 0; i < runs + 1; i++) {
      const page = await browser.newPage();
      await page.addInitScript(`sessionStorage.setItem('infosak-demo-user', '${OFFICER}')`);
      const start = Date.now();
      await page.goto(`${url}/tab/?committee=${code(7)}&year=2026`);
      await page.locator('[data-activity]').first().waitFor({ timeout: 30_000 });
      if (i > 0) times.push(Date.now() - start); // the first run warms the server and the browser's cache
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return times.sort((a, b) => a - b);
}

/** Four in five of the staff have a personal chat with the bot, as a municipality some months in: the "of those reached" figures then have people to find. */
function giveChats(dir: string, staff: number): void {
  const db = new Database(path.join(dir, 'ops.db'));
  const insert = db.prepare(
    `INSERT INTO conversations (conversation_id, person_id, tenant_id, service_url, conversation_type, reference, updated_at) VALUES (?, ?, 't', 'https://smba.example/', 'personal', '{}', '2026-11-01T08:00:00.000Z')`,
  );
  db.transaction(() => {
    for (let n = 0; n < staff; n++) if (n % 5 !== 4) insert.run(`a:${n}`, personOf(n).toLowerCase());
  })();
  db.close();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'infosak-tab-bench-'));
  const sqlite = SqliteStore.open(dir);
  let t = Date.now();
  const data = await fillMunicipality(sqlite, scale);
  console.log(`SQLite fylld på ${Date.now() - t} ms: ${JSON.stringify(data)}`);
  // The nightly recount of the tab's figures (also run when they are missing), timed on its own.
  const ops = SqliteOperationalStore.open(dir);
  t = Date.now();
  await recountTallies(sqlite, ops);
  const recountMs = Date.now() - t;
  await ops.close();
  giveChats(dir, scale.staff);
  const app = await startWith(sqlite, dir);
  const sqliteApi = await measureApi(app.url, 100);
  await app.close();
  // As the server runs by default: the overview's records kept for 30 seconds.
  const cached = await startWith(SqliteStore.open(dir), dir, 30);
  sqliteApi.push(...(await measureApi(cached.url, 100, undefined, [['overview (30 s cache)', 'overview?year=2026']])));
  const ready = await pageReady(cached.url, 5);
  await cached.close();
  rmSync(dir, { recursive: true, force: true });

  const sp = await startLocalSharePoint();
  await sp.provision();
  const store = await sp.connectStore();
  t = Date.now();
  await fillMunicipality(store, scale);
  console.log(`SharePoint (lokal Graph-server) fylld på ${Date.now() - t} ms`);
  const spDir = mkdtempSync(path.join(os.tmpdir(), 'infosak-tab-bench-sp-'));
  const spOps = SqliteOperationalStore.open(spDir);
  const before = { ...sp.graph.stats };
  await recountTallies(store, spOps);
  const recountOnSharePoint = { graphRequests: sp.graph.stats.requests - before.requests, resourceUnits: sp.graph.stats.resourceUnits - before.resourceUnits };
  await spOps.close();
  const spApp = await startWith(store, spDir);
  const sharepointApi = await measureApi(spApp.url, 5, () => ({ ...sp.graph.stats }));
  await spApp.close();
  await sp.stop();
  rmSync(spDir, { recursive: true, force: true });

  const bundle = (file: string) => round(gzipSync(readFileSync(path.join(projectRoot(), 'dist', 'tab', file))).length / 1024);
  const result = {
    data: { committees: COMMITTEES, staff: scale.staff, years: scale.years, ...data },
    sqliteApi,
    sharepointApi,
    recount: { sqliteMs: recountMs, sharepoint: recountOnSharePoint },
    pageReadyMs: { p50: percentile(ready, 50), max: ready.at(-1) },
    bundleGzipKB: { app: bundle('app.js'), config: bundle('config.js') },
  };
  for (const r of sqliteApi) console.log(`  SQLite ${r.view.padEnd(11)} p50 ${r.p50Ms} ms  p95 ${r.p95Ms} ms`);
  for (const r of sharepointApi) console.log(`  SharePoint ${r.view.padEnd(11)} p50 ${r.p50Ms} ms  p95 ${r.p95Ms} ms  Graph-anrop ${r.graphRequests}  resursenheter ${r.resourceUnits}`);
  console.log(`  Omräkning av siffrorna: SQLite ${recountMs} ms; SharePoint ${recountOnSharePoint.graphRequests} Graph-anrop, ${recountOnSharePoint.resourceUnits} resursenheter`);
  console.log(`  Sidan klar: p50 ${result.pageReadyMs.p50} ms; paket ${result.bundleGzipKB.app} KB gzip`);
  console.log(JSON.stringify(result));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
