import AdmZip from 'adm-zip';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageApp } from '../../src/cli/package-app';
import { projectRoot } from '../../src/config/config';
import { fillTemplate, MissingVariablesError } from '../../src/manifest/fill-manifest';
import { manifestSchemaProblems } from '../../src/manifest/manifest-validation';
import { decodePng } from '../support/png';

describe('npm run package', () => {
  let root: string;
  beforeAll(() => {
    // A copy of the parts the packager reads, so the test never writes into the working tree.
    root = mkdtempSync(path.join(os.tmpdir(), 'infosak-package-'));
    for (const dir of ['manifest', 'env']) cpSync(path.join(projectRoot(), dir), path.join(root, dir), { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes an app package whose manifest passes the official v1.22 schema', async () => {
    const { zipPath, manifest } = await packageApp('local', root);
    expect(zipPath).toBe(path.join(root, 'build', 'appPackage.local.zip'));
    const zip = new AdmZip(zipPath);
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packed = JSON.parse(zip.readAsText('manifest.json')) as Record<string, unknown>;
    expect(packed).toEqual(manifest);
    expect(manifestSchemaProblems(packed)).toEqual([]);
    expect(JSON.stringify(packed)).not.toContain('${{');
  });

  it('declares the bot in all three scopes with Swedish commands, both tabs, SSO and the domain', async () => {
    const { manifest } = await packageApp('local', root);
    const m = manifest as {
      bots: { scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
      staticTabs: { entityId: string; contentUrl?: string }[];
      configurableTabs: { configurationUrl: string }[];
      webApplicationInfo: { id: string; resource: string };
      validDomains: string[];
    };
    expect(m.bots[0]!.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(m.bots[0]!.commandLists[0]!.commands.map((c) => c.title)).toEqual(
      expect.arrayContaining(['rapportera', 'utbildning', 'mina aktiviteter', 'hjälp']),
    );
    expect(m.staticTabs.find((t) => t.entityId === 'status')!.contentUrl).toBe('https://localhost:3978/tab/?context=personal');
    expect(m.configurableTabs[0]!.configurationUrl).toBe('https://localhost:3978/tab/config.html');
    expect(m.webApplicationInfo.resource).toBe(`api://localhost:3978/${m.webApplicationInfo.id}`);
    expect(m.validDomains).toEqual(['localhost:3978']);
  });

  it('names the variables an env file leaves empty', async () => {
    writeFileSync(path.join(root, 'env', '.env.broken'), 'APP_VERSION=1.0.0\nTEAMS_APP_ID=\n');
    await expect(packageApp('broken', root)).rejects.toThrow(/Värden saknas för .*BOT_ID.*TEAMS_APP_ID/);
  });

  it('refuses a manifest that breaks the schema', async () => {
    const env = readFileSync(path.join(root, 'env', '.env.local'), 'utf8').replace(/^TEAMS_APP_ID=.*$/m, 'TEAMS_APP_ID=inte-ett-guid');
    writeFileSync(path.join(root, 'env', '.env.badid'), env);
    await expect(packageApp('badid', root)).rejects.toThrow(/följer inte schemat[\s\S]*\/id/);
  });
});

describe('fillTemplate', () => {
  it('escapes values for JSON and lists every missing variable once', () => {
    expect(fillTemplate('{"a":"${{A}}"}', { A: 'Sjö "vik"' })).toBe('{"a":"Sjö \\"vik\\""}');
    expect(() => fillTemplate('${{B}} ${{A}} ${{B}}', {})).toThrow(new MissingVariablesError(['A', 'B']));
  });
});

describe('the icons', () => {
  const icon = (name: string) => decodePng(readFileSync(path.join(projectRoot(), 'manifest', name)));

  it('has a 192×192 colour icon', () => {
    const color = icon('color.png');
    expect([color.width, color.height]).toEqual([192, 192]);
  });

  it('has a 32×32 outline icon that is white on a transparent background', () => {
    const outline = icon('outline.png');
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    let white = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
      if (a === 0) transparent++;
      else {
        expect([r, g, b]).toEqual([255, 255, 255]);
        white++;
      }
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.3);
    expect(white).toBeGreaterThan(32);
  });
});
