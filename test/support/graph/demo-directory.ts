import { DEMO_COMMITTEES, DEMO_PEOPLE } from '../../../src/demo/demo-organisation';
import type { UsersDirectory } from './users-directory';

/** The demo municipality's groups of elected officials, as content/organisation/entra-mapping.json names them. */
export const ELECTED_GROUPS = { SN: '3f6d2b1e-7c44-4f0e-9a51-0c2d5e8b9a11', KS: '3f6d2b1e-7c44-4f0e-9a51-0c2d5e8b9a12' } as const;

const FIRST = ['Anders', 'Birgitta', 'Cecilia', 'David', 'Elin', 'Fredrik', 'Gunilla', 'Hassan', 'Ida', 'Jonas', 'Karin', 'Leila', 'Magnus', 'Nora', 'Olof', 'Petra'];
const LAST = ['Åberg', 'Björk', 'Carlsson', 'Dahl', 'Eriksson', 'Forsberg', 'Gustafsson', 'Hedlund', 'Isaksson', 'Jansson', 'Karlsson', 'Lundqvist', 'Mattsson', 'Nyström', 'Olsson', 'Persson'];

/** Staff per administration in the demo: a small municipality's proportions, a few hundred in all. */
const STAFF = { KS: 40, SN: 120, BUN: 90, KFN: 25, SBN: 35 } as const;

export const demoDirectoryId = (n: number) => `d0d0d0d0-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * Fills the local Entra ID with Sjöviks kommun: the demo people under their own ids (so the
 * Playground's personas are the same people), 310 staff over the five administrations, the
 * elected officials in their groups, two whose department the mapping does not know and one
 * disabled account. Deterministic, so tests and benches can name people by number.
 */
export function fillDemoDirectory(directory: UsersDirectory): { staff: number; elected: number } {
  const administration = (code: string) => DEMO_COMMITTEES.find((c) => c.code === code)!.administration;
  for (const p of DEMO_PEOPLE) {
    const home = p.roles.find((r) => r.role === 'medarbetare')?.committeeCode;
    directory.put({ id: p.id, displayName: p.displayName, mail: p.email, accountEnabled: true, ...(home ? { department: administration(home) } : {}) });
  }
  let n = 0;
  for (const [code, count] of Object.entries(STAFF)) {
    for (let i = 0; i < count; i++) {
      n++;
      const name = `${FIRST[n % FIRST.length]} ${LAST[(n * 7) % LAST.length]}`;
      directory.put({ id: demoDirectoryId(n), displayName: name, mail: `person${n}@sjovik.example`, accountEnabled: true, department: administration(code) });
    }
  }
  // Not in the mapping: reported by the sync with the value, never guessed.
  directory.put({ id: demoDirectoryId(901), displayName: 'Vera Överförmyndare', mail: 'vera@sjovik.example', accountEnabled: true, department: 'Överförmyndarkansliet' });
  directory.put({ id: demoDirectoryId(902), displayName: 'Ulf Utan Avdelning', mail: 'ulf@sjovik.example', accountEnabled: true });
  directory.put({ id: demoDirectoryId(903), displayName: 'Greta Slutat', mail: 'greta@sjovik.example', accountEnabled: false, department: 'Socialförvaltningen' });
  // Elected officials: the demo's, and nine more in SN and seven in KS; two of them are also staff.
  const fortroendevald = DEMO_PEOPLE.find((p) => p.persona === 'fortroendevald')!;
  directory.addToGroup(ELECTED_GROUPS.SN, fortroendevald.id);
  for (let i = 0; i < 16; i++) {
    const id = demoDirectoryId(800 + i);
    directory.put({ id, displayName: `${FIRST[i]} ${LAST[15 - i]} (ledamot)`, mail: `ledamot${i}@sjovik.example`, accountEnabled: true });
    directory.addToGroup(i < 9 ? ELECTED_GROUPS.SN : ELECTED_GROUPS.KS, id);
  }
  directory.addToGroup(ELECTED_GROUPS.KS, demoDirectoryId(1));
  directory.addToGroup(ELECTED_GROUPS.SN, demoDirectoryId(50));
  return { staff: n + DEMO_PEOPLE.length - 1, elected: 17 };
}
