import type Database from 'better-sqlite3';

/**
 * Versioned schema migrations for the SQLite store, tracked in PRAGMA user_version.
 * Each list is a table of JSON items with an expression index per indexed column, the same
 * shape as a SharePoint list: queries can only use what is indexed. A migration is never edited
 * once released; add the next one instead.
 */
interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

/**
 * An index on one column of a list's JSON items. Text is indexed without regard to ASCII case
 * (COLLATE NOCASE), because SharePoint compares and orders text that way and the repository's
 * text filters say so: SQLite uses an index only when its collation is the comparison's.
 */
function createColumnIndex(db: Database.Database, table: string, field: string, collation: 'BINARY' | 'NOCASE'): void {
  db.exec(`CREATE INDEX ix_${table}_${field} ON ${table} (json_extract(data, '$.${field}')${collation === 'NOCASE' ? ' COLLATE NOCASE' : ''})`);
}

function createListTable(db: Database.Database, table: string, indexed: string[]): void {
  db.exec(`CREATE TABLE ${table} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_key TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL,
    data TEXT NOT NULL CHECK (json_valid(data))
  )`);
  // Binary indexes, as released in migrations 1 and 2; migration 4 makes the text ones NOCASE.
  for (const field of indexed) createColumnIndex(db, table, field, 'BINARY');
}

/** The text columns migrations 1 and 2 indexed (all but activities.year and activity_statuses.year): a frozen copy of lists.json then. */
const TEXT_INDEXES_OF_MIGRATIONS_1_AND_2: Record<string, string[]> = {
  committees: ['code'],
  roles: ['personId', 'committeeCode', 'role'],
  incidents: ['reference', 'committeeCode', 'reporterId', 'status', 'reportedAt'],
  incident_events: ['reference'],
  completions: ['personId', 'moduleId', 'committeeCode'],
  campaigns: ['moduleId', 'startDate', 'dueDate'],
  activity_statuses: ['activityId', 'committeeCode'],
  audit: ['at', 'recordKey'],
};

/** The year and quarter of a moment in Stockholm, as migration 3 computes it (a frozen copy, like the rest of a released migration). */
function stockholmYearQuarter(date: Date): { year: number; quarter: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', year: 'numeric', month: 'numeric' }).formatToParts(date);
  const year = Number(parts.find((p) => p.type === 'year')?.value);
  const month = Number(parts.find((p) => p.type === 'month')?.value);
  return { year, quarter: Math.ceil(month / 3) };
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'Listor för nämnder, roller, incidenter, utbildning, handlingsplan och granskningslogg',
    up(db) {
      createListTable(db, 'committees', ['code']);
      createListTable(db, 'roles', ['personId', 'committeeCode', 'role']);
      createListTable(db, 'incidents', ['reference', 'committeeCode', 'reporterId', 'status', 'reportedAt']);
      createListTable(db, 'incident_events', ['reference']);
      createListTable(db, 'completions', ['personId', 'moduleId', 'committeeCode']);
      createListTable(db, 'activities', ['year']);
      createListTable(db, 'activity_statuses', ['year', 'activityId', 'committeeCode']);
      createListTable(db, 'audit', ['at', 'recordKey']);
    },
  },
  {
    version: 2,
    description: 'Lista för utbildningskampanjer',
    up(db) {
      createListTable(db, 'campaigns', ['moduleId', 'startDate', 'dueDate']);
    },
  },
  {
    version: 3,
    description: 'Handlingsplanens status per kvartal: befintliga statusar får det kvartal de sattes i',
    up(db) {
      // The rule as it stood when statuses became per quarter (src/actionplan/quarter-status.ts quarterOf),
      // written out here because a released migration must not change when the domain code does.
      const quarters = new Map<string, number[]>();
      for (const row of db.prepare('SELECT data FROM activities').all() as { data: string }[]) {
        const a = JSON.parse(row.data) as { year: number; activityId: string; quarters: number[] };
        quarters.set(`${a.year}:${a.activityId}`, [...a.quarters].sort((x, y) => x - y));
      }
      const update = db.prepare('UPDATE activity_statuses SET data = json_set(data, \'$.quarter\', ?) WHERE id = ?');
      const rows = db.prepare("SELECT id, data FROM activity_statuses WHERE json_extract(data, '$.quarter') IS NULL").all() as { id: number; data: string }[];
      for (const row of rows) {
        const s = JSON.parse(row.data) as { year: number; activityId: string; setAt: string };
        const runs = quarters.get(`${s.year}:${s.activityId}`) ?? [1, 2, 3, 4];
        const set = stockholmYearQuarter(new Date(s.setAt));
        const when = set.year > s.year ? 4 : set.year < s.year ? 1 : set.quarter;
        update.run([...runs].reverse().find((q) => q <= when) ?? runs[0]!, row.id);
      }
    },
  },
  {
    version: 4,
    description: 'Textindex utan skiftlägeskänslighet, så att varje filter använder sitt index',
    up(db) {
      // A binary index cannot serve `= ? COLLATE NOCASE`: every text lookup read the whole table.
      for (const [table, fields] of Object.entries(TEXT_INDEXES_OF_MIGRATIONS_1_AND_2)) {
        for (const field of fields) {
          db.exec(`DROP INDEX IF EXISTS ix_${table}_${field}`);
          createColumnIndex(db, table, field, 'NOCASE');
        }
      }
    },
  },
  {
    version: 5,
    description: 'Nämndens år som egen indexerad nyckel i incidenter och aktivitetsstatus, så att varje fråga håller sig under SharePoints listvytröskel',
    up(db) {
      // The keys as derived-columns.ts writes them when this migration was released (a frozen copy):
      // "2026:KS", an incident's year being the Stockholm year it was reported in.
      const keyOf = {
        incidents: (r: { reportedAt: string; committeeCode: string }) => `${stockholmYearQuarter(new Date(r.reportedAt)).year}:${r.committeeCode.toUpperCase()}`,
        activity_statuses: (r: { year: number; committeeCode: string }) => `${r.year}:${r.committeeCode.toUpperCase()}`,
      };
      for (const [table, key] of Object.entries(keyOf) as [keyof typeof keyOf, (r: never) => string][]) {
        const update = db.prepare(`UPDATE ${table} SET data = json_set(data, '$.yearCommittee', ?) WHERE id = ?`);
        for (const row of db.prepare(`SELECT id, data FROM ${table}`).all() as { id: number; data: string }[]) update.run(key(JSON.parse(row.data) as never), row.id);
        createColumnIndex(db, table, 'yearCommittee', 'NOCASE');
      }
    },
  },
  {
    version: 6,
    description: 'Kolumnerna name och title får egna namn, skilda från SharePoints Name och Title',
    up(db) {
      // Items keep their values under the column's name, as SharePoint does (field-values.ts recordFrom reads them back).
      for (const [table, from, to] of [
        ['committees', 'name', 'committeeName'],
        ['activities', 'title', 'activityTitle'],
      ]) {
        db.exec(`UPDATE ${table} SET data = json_remove(json_set(data, '$.${to}', json_extract(data, '$.${from}')), '$.${from}') WHERE json_type(data, '$.${from}') IS NOT NULL`);
      }
    },
  },
  {
    version: 7,
    description: 'Informationstillgångar med KLASSA-klassning, riskanalyser och deras åtgärder',
    up(db) {
      // Created with case-blind text indexes from the start (migration 4's lesson); a frozen copy of lists.json then.
      for (const [table, fields] of [
        ['assets', ['assetId', 'committeeCode', 'systemOwnerId']],
        ['risk_analyses', ['analysisKey', 'assetId', 'committeeCode']],
        ['asset_measures', ['measureId', 'assetId', 'committeeCode']],
      ] as const) {
        createListTable(db, table, []);
        for (const field of fields) createColumnIndex(db, table, field, 'NOCASE');
      }
    },
  },
  {
    version: 8,
    description: 'Incidenter kan peka ut den informationstillgång de gäller',
    up(db) {
      createColumnIndex(db, 'incidents', 'assetId', 'NOCASE');
    },
  },
];

/** Brings the database up to the newest version, one migration per transaction. Returns the versions applied. */
export function migrate(db: Database.Database): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}
