import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config/config';
import { DEMO_COMMITTEES } from '../../src/demo/demo-organisation';
import { loadEntraMapping, mapEntraUser, type EntraUser } from '../../src/organisation/entra-mapping';

const MAPPING_FILE = path.join(projectRoot(), 'content', 'organisation', 'entra-mapping.json');
const ELECTED_SN = '3f6d2b1e-7c44-4f0e-9a51-0c2d5e8b9a11';

const user = (overrides: Partial<EntraUser> = {}): EntraUser => ({
  id: 'u1',
  displayName: 'Lisa Berg',
  mail: 'lisa.berg@sjovik.example',
  accountEnabled: true,
  attributeValue: 'Socialförvaltningen',
  groupIds: [],
  ...overrides,
});

describe('a person from Entra ID to their home committee', () => {
  const mapping = loadEntraMapping(MAPPING_FILE, DEMO_COMMITTEES.map((c) => c.code));

  it('takes the committee from the attribute, whatever its case and spaces, and the role from each mapped group', () => {
    expect(mapEntraUser(user(), mapping)).toEqual({ kind: 'mapped', assignments: [{ personId: 'u1', displayName: 'Lisa Berg', email: 'lisa.berg@sjovik.example', role: 'medarbetare', committeeCode: 'SN' }] });
    expect(mapEntraUser(user({ attributeValue: '  socialFÖRVALTNINGEN ' }), mapping)).toMatchObject({ kind: 'mapped', assignments: [{ committeeCode: 'SN' }] });
    // An elected official who is not staff: the group alone gives the committee.
    expect(mapEntraUser(user({ attributeValue: undefined, groupIds: [ELECTED_SN] }), mapping)).toMatchObject({ kind: 'mapped', assignments: [{ role: 'fortroendevald', committeeCode: 'SN' }] });
    // Staff of one förvaltning and elected in a nämnd: both.
    const both = mapEntraUser(user({ attributeValue: 'Kommunledningskontoret', groupIds: [ELECTED_SN, 'ffffffff-0000-4000-8000-000000000000'] }), mapping);
    expect(both).toMatchObject({ kind: 'mapped', assignments: [{ role: 'medarbetare', committeeCode: 'KS' }, { role: 'fortroendevald', committeeCode: 'SN' }] });
  });

  it('reports a value it does not know with the value, and a disabled account as gone', () => {
    expect(mapEntraUser(user({ attributeValue: 'Miljöförvaltningen' }), mapping)).toEqual({ kind: 'unmapped', value: 'Miljöförvaltningen' });
    expect(mapEntraUser(user({ attributeValue: undefined }), mapping)).toEqual({ kind: 'unmapped', value: undefined });
    expect(mapEntraUser(user({ accountEnabled: false }), mapping)).toEqual({ kind: 'inactive' });
  });

  it('refuses a mapping file with a mistake, saying where, in Swedish', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'infosak-mapping-'));
    const file = (name: string, content: unknown) => {
      const p = path.join(dir, name);
      writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
      return p;
    };
    expect(() => loadEntraMapping(file('broken.json', '{ "attribute": '))).toThrow(/kan inte läsas som JSON/);
    expect(() => loadEntraMapping(file('attr.json', { attribute: 'favouriteColour', values: {} }))).toThrow(/attribute/);
    expect(() => loadEntraMapping(file('group.json', { attribute: 'department', values: {}, groups: [{ groupId: 'not-a-guid', role: 'fortroendevald', committeeCode: 'SN' }] }))).toThrow(/GUID/);
    expect(() => loadEntraMapping(file('code.json', { attribute: 'department', values: { Miljöförvaltningen: 'MN' } }), ['KS', 'SN'])).toThrow(/okända nämndkoder MN/);
  });
});
