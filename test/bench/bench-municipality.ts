import { ACTIVITY_STATUSES } from '../../src/actionplan/activity';
import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import { INCIDENT_CATEGORIES, type Incident } from '../../src/incidents/incident';
import type { Completion } from '../../src/learning/completion';
import type { RoleAssignment } from '../../src/organisation/organisation';
import type { Store } from '../../src/store/store';

/**
 * A municipality for the benches: 60 committees × 40 activities of 2026 with a status each, five
 * campaigns in 2026 for everyone, and `staff` people spread over the committees. At the default
 * size (1,800 staff) there are 20,000 completions and 5,000 incidents, all in 2026; with `years`
 * 3 every person has passed most modules once in 2024–2026 (a fifth retake one in 2026) and each
 * year has 5,000 incidents — the size of a large Swedish municipality with three years of data.
 */
export const COMMITTEES = 60;
export const ACTIVITIES = 40;
/** The demo security officer: the tab's demo picker accepts only demo people, and the bench signs in that way. */
export const OFFICER = demoPersonByPersona('sakerhetsansvarig')!.id;
export const MODULES = ['natfiske', 'losenord-och-tvafaktor', 'informationsklassning', 'personuppgiftsincident', 'sekretess-och-epost'];
export const code = (c: number) => `N${String(c).padStart(2, '0')}`;
export const personOf = (n: number) => `p-${n % COMMITTEES}-${Math.floor(n / COMMITTEES)}`;
const INCIDENTS_PER_YEAR = 5_000;
/** Rows per createMany call, so that filling 200,000 rows does not hold every promise at once. */
const CHUNK = 5_000;

export interface Scale {
  staff: number;
  years: 1 | 3;
}

export const DEFAULT_SCALE: Scale = { staff: 1_800, years: 1 };

async function inChunks<T>(items: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) await write(items.slice(i, i + CHUNK));
}

function incident(n: number, year: number): Incident {
  return {
    reference: `INC-${year}-${String(n).padStart(5, '0')}`,
    kind: n % 5 ? 'incident' : 'weakness',
    category: INCIDENT_CATEGORIES[n % INCIDENT_CATEGORIES.length]!,
    description: 'Beskrivning av händelsen.',
    discoveredAt: new Date(Date.UTC(year, n % 12, 1 + (n % 27), 8)).toISOString(),
    committeeCode: code(n % COMMITTEES),
    affectedSystem: 'E-post',
    personalData: n % 3 === 0,
    aspects: ['konfidentialitet'],
    ongoing: false,
    essentialService: false,
    reporterId: personOf(n),
    reportedAt: new Date(Date.UTC(year, n % 12, 1 + (n % 27), 9)).toISOString(),
    status: n % 4 ? 'Stängd' : 'Ny',
  };
}

/** The completions of a scale: 20,000 in 2026 at the default; at three years each pair once, most of them, with retakes. */
function completions(scale: Scale): Completion[] {
  const out: Completion[] = [];
  const completion = (n: number, moduleId: string, year: number): Completion => ({
    personId: personOf(n),
    moduleId,
    moduleVersion: 1,
    committeeCode: code(n % COMMITTEES),
    completedAt: `${year}-03-01T09:00:00.000Z`,
    score: 1,
  });
  if (scale.years === 1) {
    for (let n = 0; n < 20_000; n++) out.push(completion(n % scale.staff, MODULES[Math.floor(n / scale.staff) % MODULES.length]!, 2026));
    return out;
  }
  for (let n = 0; n < scale.staff; n++) {
    MODULES.forEach((moduleId, m) => {
      if ((n + m) % 5 === 4) return; // a fifth of the pairs not (yet) passed
      out.push(completion(n, moduleId, 2024 + ((n + m) % 3)));
      if ((n + m) % 5 === 0) out.push(completion(n, moduleId, 2026)); // and a retake
    });
  }
  return out;
}

export async function fillMunicipality(store: Store, scale: Scale = DEFAULT_SCALE): Promise<{ roles: number; completions: number; incidents: number }> {
  await store.committees.createMany(Array.from({ length: COMMITTEES }, (_, c) => ({ key: `c:${c}`, value: { code: code(c), name: `Nämnd ${c}`, administration: `Förvaltning ${c}` } })));
  const roles: { key: string; value: RoleAssignment }[] = [{ key: 'officer', value: { personId: OFFICER, displayName: 'Säkerhetsansvarig', email: 'sak@sjovik.example', role: 'sakerhetsansvarig', committeeCode: '*' } }];
  for (let c = 0; c < COMMITTEES; c++) roles.push({ key: `chef:${c}`, value: { personId: `chef-${c}`, displayName: `Chef ${c}`, email: '', role: 'chef', committeeCode: code(c) } });
  for (let n = 0; n < scale.staff; n++) {
    // One in fifty is an elected official rather than staff.
    roles.push({ key: `p:${n}`, value: { personId: personOf(n), displayName: `Person ${n}`, email: '', role: n % 50 === 0 ? 'fortroendevald' : 'medarbetare', committeeCode: code(n % COMMITTEES) } });
  }
  await inChunks(roles, (chunk) => store.roles.createMany(chunk));
  await store.activities.createMany(
    Array.from({ length: ACTIVITIES }, (_, a) => ({
      key: `a:${a}`,
      value: { year: 2026, activityId: `2026-a${a}`, area: ['Nätverk', 'Ledning och samordning', 'IT-säkerhet'][a % 3]!, title: `Aktivitet ${a}`, description: 'Beskrivning '.repeat(10), quarters: [((a % 4) + 1) as 1], committees: ['*'] },
    })),
  );
  const statuses = [];
  for (let c = 0; c < COMMITTEES; c++) {
    for (let a = 0; a < ACTIVITIES; a++) {
      statuses.push({ key: `s:${c}:${a}`, value: { year: 2026, activityId: `2026-a${a}`, committeeCode: code(c), quarter: ((a % 4) + 1) as 1, status: ACTIVITY_STATUSES[(a + c) % 7]!, comment: 'Kommentar om läget.', setBy: `chef-${c}`, setAt: '2026-05-01T08:00:00.000Z' } });
    }
  }
  await inChunks(statuses, (chunk) => store.activityStatuses.createMany(chunk));
  await store.campaigns.createMany(
    MODULES.map((m) => ({ key: m, value: { campaignId: m, moduleId: m, audience: 'alla' as const, committeeCodes: [], startDate: '2026-02-02', dueDate: '2026-03-31', reminderEveryDays: 7, maxReminders: 2, createdBy: OFFICER, createdAt: '2026-01-15T08:00:00.000Z' } })),
  );
  const passed = completions(scale);
  await inChunks(
    passed.map((value, n) => ({ key: `comp:${n}`, value })),
    (chunk) => store.completions.createMany(chunk),
  );
  const incidents: { key: string; value: Incident }[] = [];
  for (let y = 0; y < scale.years; y++) {
    const year = 2026 - y;
    for (let n = 0; n < INCIDENTS_PER_YEAR; n++) incidents.push({ key: `inc:${year}:${n}`, value: incident(n, year) });
  }
  await inChunks(incidents, (chunk) => store.incidents.createMany(chunk));
  return { roles: roles.length, completions: passed.length, incidents: incidents.length };
}

/** `--staff N` on the command line: three years of data for N staff; without it the default size. */
export function scaleFromArgs(args: string[]): Scale {
  const i = args.indexOf('--staff');
  if (i < 0) return DEFAULT_SCALE;
  const staff = Number(args[i + 1]);
  if (!Number.isInteger(staff) || staff < COMMITTEES) throw new Error(`--staff behöver ett antal anställda, minst ${COMMITTEES} (fick "${args[i + 1] ?? ''}")`);
  return { staff, years: 3 };
}
