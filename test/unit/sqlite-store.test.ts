import Database from 'better-sqlite3';
import { seedDemoData } from '../../src/demo/seed-demo-data';
import { indexedColumns, LIST_DEFINITIONS } from '../../src/store/list-schema';
import { migrate, MIGRATIONS } from '../../src/store/sqlite/migrations';
import { SqliteStore, tableFor } from '../../src/store/sqlite/sqlite-store';

// Behaviour shared with SharePoint is in test/contract/store-contract.ts; this file holds what is SQLite's own.
describe('SqliteStore', () => {
  it('keeps an index on exactly the columns the SharePoint list schema indexes', async () => {
    const db = new Database(':memory:');
    migrate(db);
    for (const list of LIST_DEFINITIONS) {
      const table = tableFor(list.repository);
      const indexes = (db.prepare(`PRAGMA index_list(${table})`).all() as { name: string }[])
        .map((i) => i.name)
        .filter((n) => n.startsWith('ix_'))
        .map((n) => n.slice(`ix_${table}_`.length))
        .sort();
      expect({ list: list.repository, indexes }).toEqual({ list: list.repository, indexes: indexedColumns(list).sort() });
    }
    db.close();
  });

  it('migrates a database once and reports nothing to do the second time', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(migrate(db)).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });
});

describe('demo data', () => {
  it('carries the 2022 follow-up for Kommunstyrelsen, imported, and the other nämnder their own demo statuses', async () => {
    const store = SqliteStore.inMemory();
    const now = new Date('2026-11-23T09:00:00Z');
    await seedDemoData(store, now);
    const lastOf = async (committee: string) => {
      const statuses = (await store.activityStatuses.query({ field: 'committeeCode', op: 'eq', value: committee })).map((s) => s.value).filter((s) => s.year === 2022);
      return { statuses, byActivity: Object.fromEntries(statuses.sort((a, b) => a.quarter! - b.quarter!).map((s) => [s.activityId, s.status])) };
    };
    const ks = await lastOf('KS');
    expect(ks.byActivity).toEqual({
      '2022-registerforteckningar': 'Pågående',
      '2022-riskanalys': 'Genomförd',
      '2022-informationsklassning': 'Ej påbörjad',
      '2022-kontinuitetsplanering': 'Genomförd',
      '2022-oversyn-styrdokument': 'Ej påbörjad',
      '2022-incidenthantering': 'Delvis påbörjad',
      '2022-utbildning-ledningsniva': 'Genomförd',
      '2022-utbildning-namnder': 'Genomförd',
      '2022-uppfoljningsmodell': 'Påbörjad',
      '2022-upphandlingsforfarandet': 'Påbörjad',
      '2022-central-dataskyddsorganisation': 'Genomförd',
      '2022-ovningar': 'Påbörjad',
      '2022-utbildning-dataskydd': 'Genomförd',
      '2022-tvafaktorsautentisering': 'Pågående',
      '2022-behorighetshantering': 'Pågående',
      '2022-redundant-infrastruktur': 'Pågående',
    });
    // Imported: no invented author or date.
    expect(new Set(ks.statuses.map((s) => `${s.setBy} ${s.setAt}`))).toEqual(new Set([`import ${now.toISOString()}`]));
    // The central function's activities are Kommunstyrelsen's only; the others' statuses are their own, marked demo.
    const sn = await lastOf('SN');
    expect(sn.byActivity).toEqual({
      '2022-riskanalys': 'Genomförd',
      '2022-kontinuitetsplanering': 'Genomförd',
      '2022-registerforteckningar': 'Delvis genomförd',
      '2022-ovningar': 'Genomförd',
      '2022-informationsklassning': 'Flyttas till nästa år',
    });
    for (const code of ['SN', 'BUN', 'KFN', 'SBN']) {
      const { statuses } = await lastOf(code);
      expect(statuses.length).toBeGreaterThan(3);
      for (const s of statuses) expect(s.comment).toMatch(/^Demo: /);
    }
    const activities = (await store.activities.query({ field: 'year', op: 'eq', value: 2022 })).map((a) => a.value);
    expect(activities.filter((a) => a.committees.includes('*')).map((a) => a.activityId)).toEqual([
      '2022-registerforteckningar',
      '2022-riskanalys',
      '2022-informationsklassning',
      '2022-kontinuitetsplanering',
      '2022-ovningar',
    ]);
    expect(activities.filter((a) => !a.committees.includes('*')).every((a) => a.committees.join() === 'KS')).toBe(true);
    expect(activities.find((a) => a.activityId === '2022-registerforteckningar')!.quarters).toEqual([2, 3]);
    await store.close();
  });
});
