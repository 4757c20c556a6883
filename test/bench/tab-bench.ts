import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ACTIVITY_STATUSES } from '../../src/actionplan/activity';
import { loadConfig, projectRoot } from '../../src/config/config';
import { INCIDENT_CATEGORIES, type Incident } from '../../src/incidents/incident';
import { createLogger } from '../../src/logging/logger';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { startApp } from '../../src/server/app';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { Store } from '../../src/store/store';
import { launchChromium } from '../support/chromium';
import { startLocalSharePoint } from '../support/graph/sharepoint-fixture';
import { percentile, round, timed } from './bench-stats';

/**
 * `npm run bench:tab`: the status tab with 60 committees × 40 activities, 20,000 completions and
 * 5,000 incidents. API p50/p95 per view on SQLite; Graph requests per view on SharePoint (the
 * local Graph server); the page's ready time in Chromium; the bundle gzipped. Last line: JSON.
 */
const COMMITTEES = 60;
const ACTIVITIES = 40;
const COMPLETIONS = 20_000;
const INCIDENTS = 5_000;
const STAFF_PER_COMMITTEE = 30;
const OFFICER = 'officer-0000';
const MODULES = ['natfiske', 'losenord-och-tvafaktor', 'informationsklassning', 'personuppgiftsincident', 'sekretess-och-epost'];
const code = (c: number) => `N${String(c).padStart(2, '0')}`;

async function fill(store: Store): Promise<void> {
  await store.committees.createMany(Array.from({ length: COMMITTEES }, (_, c) => ({ key: `c:${c}`, value: { code: code(c), name: `Nämnd ${c}`, administration: `Förvaltning ${c}` } })));
  const roles = [{ key: 'officer', value: { personId: OFFICER, displayName: 'Säkerhetsansvarig', email: 'sak@sjovik.example', role: 'sakerhetsansvarig' as const, committeeCode: '*' } }];
  for (let c = 0; c < COMMITTEES; c++) {
    roles.push({ key: `chef:${c}`, value: { personId: `chef-${c}`, displayName: `Chef ${c}`, email: '', role: 'chef' as never, committeeCode: code(c) } });
    for (let p = 0; p < STAFF_PER_COMMITTEE; p++) {
      roles.push({ key: `p:${c}:${p}`, value: { personId: `p-${c}-${p}`, displayName: `Person ${c}-${p}`, email: '', role: 'medarbetare' as never, committeeCode: code(c) } });
    }
  }
  await store.roles.createMany(roles);
  await store.activities.createMany(
    Array.from({ length: ACTIVITIES }, (_, a) => ({
      key: `a:${a}`,
      value: { year: 2026, activityId: `2026-a${a}`, area: ['Nätverk', 'Ledning och samordning', 'IT-säkerhet'][a % 3]!, title: `Aktivitet ${a}`, description: 'Beskrivning '.repeat(10), quarters: [((a % 4) + 1) as 1], committees: ['*'] },
    })),
  );
  const statuses = [];
  for (let c = 0; c < COMMITTEES; c++) {
    for (let a = 0; a < ACTIVITIES; a++) {
      statuses.push({ key: `s:${c}:${a}`, value: { year: 2026, activityId: `2026-a${a}`, committeeCode: code(c), status: ACTIVITY_STATUSES[(a + c) % 7]!, comment: 'Kommentar om läget.', setBy: `chef-${c}`, setAt: '2026-05-01T08:00:00.000Z' } });
    }
  }
  await store.activityStatuses.createMany(statuses);
  await store.campaigns.createMany(
    MODULES.map((m) => ({ key: m, value: { campaignId: m, moduleId: m, audience: 'alla' as const, committeeCodes: [], startDate: '2026-02-02', dueDate: '2026-03-31', reminderEveryDays: 7, maxReminders: 2, createdBy: OFFICER, createdAt: '2026-01-15T08:00:00.000Z' } })),
  );
  await store.completions.createMany(
    Array.from({ length: COMPLETIONS }, (_, n) => {
      const c = n % COMMITTEES;
      const p = Math.floor(n / COMMITTEES) % STAFF_PER_COMMITTEE;
      return { key: `comp:${n}`, value: { personId: `p-${c}-${p}`, moduleId: MODULES[Math.floor(n / (COMMITTEES * STAFF_PER_COMMITTEE)) % MODULES.length]!, moduleVersion: 1, committeeCode: code(c), completedAt: '2026-03-01T09:00:00.000Z', score: 1 } };
    }),
  );
  await store.incidents.createMany(
    Array.from({ length: INCIDENTS }, (_, n): { key: string; value: Incident } => ({
      key: `inc:${n}`,
      value: {
        reference: `INC-2026-${String(n).padStart(5, '0')}`,
        kind: n % 5 ? 'incident' : 'weakness',
        category: INCIDENT_CATEGORIES[n % INCIDENT_CATEGORIES.length]!,
        description: 'Beskrivning av händelsen.',
        discoveredAt: new Date(Date.UTC(2026, n % 12, 1 + (n % 27), 8)).toISOString(),
        committeeCode: code(n % COMMITTEES),
        affectedSystem: 'E-post',
        personalData: n % 3 === 0,
        aspects: ['konfidentialitet'],
        ongoing: false,
        essentialService: false,
        reporterId: `p-${n % COMMITTEES}-0`,
        reportedAt: new Date(Date.UTC(2026, n % 12, 1 + (n % 27), 9)).toISOString(),
        status: n % 4 ? 'Stängd' : 'Ny',
      },
    })),
  );
}

const VIEWS: [string, string][] = [
  ['me', 'me'],
  ['overview', 'overview?year=2026'],
  ['committee', `committees/${code(7)}?year=2026`],
  ['export.csv', `committees/${code(7)}/export.csv?year=2026`],
];

async function measureApi(url: string, iterations: number, counters?: () => number, views = VIEWS) {
  const results: { view: string; p50Ms: number; p95Ms: number; graphRequests?: number }[] = [];
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
    results.push({ view, p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), ...(before !== undefined ? { graphRequests: round((after! - before) / iterations) } : {}) });
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

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'infosak-tab-bench-'));
  const sqlite = SqliteStore.open(dir);
  let t = Date.now();
  await fill(sqlite);
  console.log(`SQLite fylld på ${Date.now() - t} ms`);
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
  await fill(store);
  console.log(`SharePoint (lokal Graph-server) fylld på ${Date.now() - t} ms`);
  const spDir = mkdtempSync(path.join(os.tmpdir(), 'infosak-tab-bench-sp-'));
  const spApp = await startWith(store, spDir);
  const sharepointApi = await measureApi(spApp.url, 5, () => sp.graph.stats.requests);
  await spApp.close();
  await sp.stop();
  rmSync(spDir, { recursive: true, force: true });

  const bundle = (file: string) => round(gzipSync(readFileSync(path.join(projectRoot(), 'dist', 'tab', file))).length / 1024);
  const result = {
    data: { committees: COMMITTEES, activities: COMMITTEES * ACTIVITIES, completions: COMPLETIONS, incidents: INCIDENTS, roles: COMMITTEES * (STAFF_PER_COMMITTEE + 1) + 1 },
    sqliteApi,
    sharepointApi,
    pageReadyMs: { p50: percentile(ready, 50), max: ready.at(-1) },
    bundleGzipKB: { app: bundle('app.js'), config: bundle('config.js') },
  };
  for (const r of sqliteApi) console.log(`  SQLite ${r.view.padEnd(11)} p50 ${r.p50Ms} ms  p95 ${r.p95Ms} ms`);
  for (const r of sharepointApi) console.log(`  SharePoint ${r.view.padEnd(11)} p50 ${r.p50Ms} ms  p95 ${r.p95Ms} ms  Graph-anrop ${r.graphRequests}`);
  console.log(`  Sidan klar: p50 ${result.pageReadyMs.p50} ms; paket ${result.bundleGzipKB.app} KB gzip`);
  console.log(JSON.stringify(result));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
