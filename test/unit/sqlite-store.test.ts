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
  it('carries the statuses of the 2022 follow-up for every committee', async () => {
    const store = SqliteStore.inMemory();
    await seedDemoData(store);
    const statuses = await store.activityStatuses.query({ field: 'committeeCode', op: 'eq', value: 'SN' });
    const byActivity = Object.fromEntries(statuses.map((s) => [s.value.activityId, s.value.status]));
    expect(byActivity).toEqual({
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
    const registers = (await store.activities.query({ field: 'year', op: 'eq', value: 2022 })).find(
      (a) => a.value.activityId === '2022-registerforteckningar',
    );
    expect(registers!.value.quarters).toEqual([2, 3]);
    await store.close();
  });
});
