import { execFile, execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config/config';
import { LIST_DEFINITIONS, type ListDefinition } from '../../src/store/list-schema';
import { changedAnything, provisionLists } from '../../src/store/sharepoint/provision-lists';
import { connectToSite } from '../../src/store/sharepoint/sharepoint-store';
import { SchemaMismatchError, SharePointStore } from '../../src/store/sharepoint/sharepoint-store';
import { incident } from './store-contract';
import { quarterActivities } from '../../src/actionplan/quarter-activities';
import { saveQuarterStatuses } from '../../src/actionplan/save-quarter-statuses';
import { fixedClock } from '../../src/clock/clock';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { personFrom } from '../../src/organisation/organisation';
import { startLocalSharePoint, TEST_RETRY, type LocalSharePoint } from '../support/graph/sharepoint-fixture';

describe('SharePoint through Graph', () => {
  let sp: LocalSharePoint;
  beforeEach(async () => {
    sp = await startLocalSharePoint();
  });
  afterEach(() => sp.stop());

  describe('provisioning', () => {
    it('creates every list, column and index once; a second run changes nothing', async () => {
      const first = await sp.provision();
      expect(first.listsCreated).toEqual(LIST_DEFINITIONS.map((l) => l.displayName));
      const incidents = [...sp.site.lists.values()].find((l) => l.displayName === 'Infosak Incidenter')!;
      const column = (name: string) => incidents.columns.find((c) => c.name === name)!;
      expect(column('ItemKey')).toMatchObject({ indexed: true, enforceUniqueValues: true, facet: 'text' });
      expect(column('reporterId')).toMatchObject({ indexed: true });
      // Plain text, asked for outright: a rich-text column would wrap the JSON kept there in HTML.
      expect(column('description')).toMatchObject({ indexed: false, facet: 'text', allowMultipleLines: true, textType: 'plain' });
      expect(column('aspects')).toMatchObject({ facet: 'text', allowMultipleLines: true, textType: 'plain' });
      expect(column('reporterId')).toMatchObject({ textType: 'plain' });
      expect(column('status').choices).toEqual(['Ny', 'Under utredning', 'Åtgärdad', 'Stängd']);

      sp.graph.resetStats();
      const second = await sp.provision();
      expect(changedAnything(second)).toBe(false);
      expect(second.needsAttention).toEqual([]);
      expect(sp.graph.log.filter((r) => r.method !== 'GET')).toEqual([]);
    });

    it('repairs what is missing on an existing site and names what it cannot repair', async () => {
      await sp.provision();
      const roles = [...sp.site.lists.values()].find((l) => l.displayName === 'Infosak Roller')!;
      roles.columns = roles.columns.filter((c) => c.name !== 'email');
      roles.columns.find((c) => c.name === 'personId')!.indexed = false;
      roles.columns.find((c) => c.name === 'committeeCode')!.facet = 'number';
      const summary = await sp.provision();
      expect(summary.columnsAdded).toEqual(['Infosak Roller.email']);
      expect(summary.columnsIndexed).toEqual(['Infosak Roller.personId']);
      expect(summary.needsAttention).toEqual([expect.stringContaining('Infosak Roller.committeeCode är av typen number men ska vara text')]);
    });

    it('gives the items of an older site the committee-year key the queries narrow on: the column, its index, and each item', async () => {
      await sp.provision();
      const store = await sp.connectStore();
      await store.incidents.create('k1', incident('INC-2026-0001', { committeeCode: 'SN' }));
      await store.incidents.create('k2', incident('INC-2025-0007', { committeeCode: 'KS', reportedAt: '2025-05-05T09:00:00.000Z' }));
      await store.activityStatuses.create('s1', { year: 2026, activityId: 'a1', committeeCode: 'SN', quarter: 1, status: 'Påbörjad', comment: '', setBy: 'sara', setAt: '2026-02-02T08:00:00.000Z' });
      // As a site provisioned before the key: no column, and items stored without it.
      for (const name of ['Infosak Incidenter', 'Infosak Aktivitetsstatus']) {
        const list = [...sp.site.lists.values()].find((l) => l.displayName === name)!;
        list.columns = list.columns.filter((c) => c.name !== 'yearCommittee');
        for (const item of list.items.values()) delete item.fields.yearCommittee;
      }
      const summary = await sp.provision();
      expect(summary.columnsAdded).toEqual(['Infosak Incidenter.yearCommittee', 'Infosak Aktivitetsstatus.yearCommittee']);
      expect(summary.keysWritten).toEqual(['Infosak Incidenter (2)', 'Infosak Aktivitetsstatus (1)']);
      expect((await store.incidents.query({ field: 'yearCommittee', op: 'eq', value: '2025:KS' })).map((i) => i.value.reference)).toEqual(['INC-2025-0007']);
      expect(await store.activityStatuses.query({ field: 'yearCommittee', op: 'eq', value: '2026:SN' })).toHaveLength(1);
      expect(changedAnything(await sp.provision())).toBe(false);
      await store.close();
    });

    it("moves an older site's name and title columns to columns of their own, copying each item's value", async () => {
      await sp.provision();
      const store = await sp.connectStore();
      await store.committees.create('committee:SN', { code: 'SN', name: 'Socialnämnden', administration: 'Socialförvaltningen' });
      await store.activities.create('activity:2026-a', { year: 2026, activityId: '2026-a', area: 'Nätverk', title: 'Riskanalys', description: '', quarters: [2], committees: ['*'] });
      // As a site provisioned before the renaming: the values in the old columns, no new ones.
      for (const [name, from, to] of [
        ['Infosak Namnder', 'name', 'committeeName'],
        ['Infosak Handlingsplan', 'title', 'activityTitle'],
      ]) {
        const list = [...sp.site.lists.values()].find((l) => l.displayName === name)!;
        list.columns = list.columns.filter((c) => c.name !== to);
        for (const item of list.items.values()) {
          item.fields[from!] = item.fields[to!];
          delete item.fields[to!];
        }
      }
      const summary = await sp.provision();
      expect(summary.columnsAdded).toEqual(['Infosak Namnder.committeeName', 'Infosak Handlingsplan.activityTitle']);
      expect(summary.keysWritten).toEqual(['Infosak Namnder (1)', 'Infosak Handlingsplan (1)']);
      expect((await store.committees.getByKey('committee:SN'))?.value.name).toBe('Socialnämnden');
      expect((await store.activities.getByKey('activity:2026-a'))?.value.title).toBe('Riskanalys');
      expect(changedAnything(await sp.provision())).toBe(false);
      await store.close();
    });

    it.each(['refuse', 'rename'] as const)('stops loudly when SharePoint will not give a column the name asked for (%s), in both ways of creating columns', async (clash) => {
      sp.graph.faults.columnNameClash = clash;
      const provision = async (lists: ListDefinition[]) => provisionLists(await connectToSite(sp.settings, TEST_RETRY, 0), lists);
      const code = { name: 'code', type: 'text' as const };
      const list = (displayName: string, columns: ListDefinition['columns']): ListDefinition => ({ repository: 'committees', displayName, columns });
      const expected = clash === 'refuse' ? /duplicate field name "name"/ : /kolumnen name skapades med det interna namnet name0/;
      // With the list: every column in the request that creates it.
      await expect(provision([list('Infosak Prov', [code, { name: 'name', type: 'text' }])])).rejects.toThrow(expected);
      // One by one: a list made without the column, which is then added to it.
      await provision([list('Infosak Prov 2', [code])]);
      await expect(provision([list('Infosak Prov 2', [code, { name: 'name', type: 'text' }])])).rejects.toThrow(expected);
    });

    it('adds a choice a newer schema brings (a new role) to an existing site, keeping the stored values, so the app starts', async () => {
      await sp.provision();
      const roles = [...sp.site.lists.values()].find((l) => l.displayName === 'Infosak Roller')!;
      const role = roles.columns.find((c) => c.name === 'role')!;
      role.choices = role.choices.filter((c) => c !== 'itsakerhetsansvarig');
      expect(String(await sp.connectStore().catch((e: unknown) => e))).toContain('itsakerhetsansvarig');
      const summary = await sp.provision();
      expect(summary.choicesAdded).toEqual(['Infosak Roller.role (itsakerhetsansvarig)']);
      expect(summary.needsAttention).toEqual([]);
      expect(role.choices).toContain('itsakerhetsansvarig');
      expect(role.choices).toContain('samordnare');
      const store = await sp.connectStore();
      await store.close();
    });
  });

  describe('the assessment at triage, through Graph', () => {
    it('keeps "not decided" apart from "no", stores the category lists, and clears what was emptied', async () => {
      await sp.provision();
      const store = await sp.connectStore();
      try {
        const { item } = await store.incidents.create('k1', incident('INC-2026-0001', { personalData: true }));
        expect(item.value.imyReportable).toBeUndefined();
        expect(item.value.significant).toBeUndefined();
        const decided = await store.incidents.update(item.id, item.etag, {
          imyReportable: false,
          imyMotivation: 'Krypterad',
          significant: false,
          subjectCategories: ['barn-elever', 'skyddad-identitet'],
          imySupplementsAt: ['2026-03-03T09:00:00.000Z'],
          secrecy: 'osl-26',
          caseNumber: 'SN 2026/1',
        });
        const read = (await store.incidents.getById(item.id))!;
        expect(read.value).toMatchObject({ imyReportable: false, significant: false, subjectCategories: ['barn-elever', 'skyddad-identitet'], imySupplementsAt: ['2026-03-03T09:00:00.000Z'], secrecy: 'osl-26' });
        await store.incidents.update(decided.id, decided.etag, { secrecy: undefined, caseNumber: undefined });
        const cleared = (await store.incidents.getById(item.id))!;
        expect(cleared.value.secrecy).toBeUndefined();
        expect(cleared.value.caseNumber).toBeUndefined();
        expect(cleared.value.imyReportable).toBe(false);
      } finally {
        await store.close();
      }
    });
  });

  describe('the action plan per quarter, through Graph', () => {
    it('saves each quarter as its own item, never rewriting an earlier one, and reads an older item by the quarter it was set in', async () => {
      await sp.provision();
      const store = await sp.connectStore();
      const ops = SqliteOperationalStore.inMemory();
      try {
        await store.activities.create('activity:2026-a', { year: 2026, activityId: '2026-a', area: 'Nätverk', title: 'Riskanalys', description: '', quarters: [1, 2, 3], committees: ['*'] });
        // An item from before statuses were kept per quarter: no quarter column value, set in the first quarter
        await store.activityStatuses.create('status:2026-a:SN', { year: 2026, activityId: '2026-a', committeeCode: 'SN', status: 'Påbörjad', comment: 'Från förr', setBy: 'sara', setAt: '2026-02-10T08:00:00.000Z' });
        const sara = { personId: 'sara', person: personFrom([{ personId: 'sara', displayName: 'Sara', email: '', role: 'samordnare', committeeCode: 'SN' }]) };
        const inQ2 = await quarterActivities(store, 2026, 2, 'SN');
        expect(inQ2[0]!.status).toBeUndefined();
        expect(inQ2[0]!.previous?.value.comment).toBe('Från förr');
        const save = (at: string, quarter: 2 | 3, status: string) =>
          saveQuarterStatuses({ store, ops, clock: fixedClock(at) }, sara, { year: 2026, quarter, committeeCode: 'SN' }, [{ activityId: '2026-a', status, comment: `kvartal ${quarter}`, seenVersion: '' }]);
        expect(await save('2026-05-10T08:00:00Z', 2, 'Pågående')).toMatchObject({ saved: ['Riskanalys'] });
        expect(await save('2026-08-10T08:00:00Z', 3, 'Genomförd')).toMatchObject({ saved: ['Riskanalys'] });
        const items = (await store.activityStatuses.query({ field: 'committeeCode', op: 'eq', value: 'SN' })).map((i) => [i.value.quarter ?? null, i.value.status]);
        expect(items.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
          [2, 'Pågående'],
          [3, 'Genomförd'],
          [null, 'Påbörjad'],
        ]);
        const inQ1 = await quarterActivities(store, 2026, 1, 'SN');
        expect(inQ1[0]!.status?.value.status).toBe('Påbörjad');
      } finally {
        await store.close();
        await ops.close();
      }
    });
  });

  describe('the schema check at start-up', () => {
    it('names exactly what is missing or wrong', async () => {
      await sp.provision();
      const lists = [...sp.site.lists.values()];
      const audit = lists.find((l) => l.displayName === 'Infosak Granskningslogg')!;
      audit.displayName = 'Granskningslogg (gammal)';
      const incidents = lists.find((l) => l.displayName === 'Infosak Incidenter')!;
      incidents.columns.find((c) => c.name === 'status')!.indexed = false;
      incidents.columns = incidents.columns.filter((c) => c.name !== 'closingNote');
      // A multi-line column someone made as rich text: what is saved there comes back as HTML.
      incidents.columns.find((c) => c.name === 'aspects')!.textType = 'richText';
      const error = await sp.connectStore().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SchemaMismatchError);
      expect((error as SchemaMismatchError).problems).toEqual([
        'Kolumnen "aspects" i "Infosak Incidenter" är av typen richText, men ska vara note',
        'Kolumnen "status" i "Infosak Incidenter" är inte indexerad',
        'Kolumnen "closingNote" saknas i listan "Infosak Incidenter"',
        'Listan "Infosak Granskningslogg" saknas på webbplatsen',
      ]);
      expect((error as Error).message).toContain('npm run provision');
    });

    it('names the site setting when the site does not exist', async () => {
      const error = await SharePointStore.connect({ ...sp.settings, site: 'sjovik.sharepoint.com:/sites/finns-inte' }, { retry: TEST_RETRY }).catch((e: unknown) => e);
      expect(String(error)).toContain('404');
    });
  });

  describe('faithful behaviour', () => {
    let store: SharePointStore;
    beforeEach(async () => {
      await sp.provision();
      store = await sp.connectStore();
      sp.graph.resetStats();
    });

    it('sends every filter value escaped and URL-encoded', async () => {
      await store.incidents.query({ field: 'reference', op: 'eq', value: "O'Brien & #1 + 100%" });
      const sent = sp.graph.log.at(-1)!.url;
      expect(sent).toContain('$filter=fields%2Freference%20eq%20%27O%27%27Brien%20%26%20%231%20%2B%20100%25%27');
    });

    it('waits out 429 and 503 with Retry-After, then succeeds', async () => {
      sp.graph.failNext('429', '503', '429', '429', '503');
      const { item } = await store.committees.create('k', { code: 'SN', name: 'Socialnämnden', administration: 'Socialförvaltningen' });
      expect(sp.graph.stats.throttled).toBe(5);
      expect(await store.committees.getById(item.id)).toBeDefined();
      expect(sp.site.lists.get([...sp.site.lists.values()].find((l) => l.displayName === 'Infosak Namnder')!.id)!.items.size).toBe(1);
    });

    it('creates once when the answer to a create is lost after the write', async () => {
      sp.graph.failNext('drop');
      const result = await store.committees.create('k', { code: 'SN', name: 'Socialnämnden', administration: 'Socialförvaltningen' });
      expect(result.created).toBe(true);
      expect(sp.graph.stats.dropped).toBe(1);
      expect(await store.committees.query()).toHaveLength(1);
    });

    it('keeps trying, and calls its own write created, when the look-up after a lost answer fails too', async () => {
      sp.graph.failNext('drop');
      const repo = store.committees as unknown as { getByKey(key: string): Promise<unknown> };
      const getByKey = repo.getByKey.bind(repo);
      let lookups = 0;
      repo.getByKey = async (key: string) => {
        if (lookups++ === 0) throw new Error('uppslaget misslyckades');
        return getByKey(key);
      };
      try {
        const result = await store.committees.create('k2', { code: 'KS', name: 'Kommunstyrelsen', administration: 'Kommunledningskontoret' });
        // The next write answered 409: the item was ours, so whoever waits on it (a follow-up) is told it was created.
        expect(result).toMatchObject({ created: true, item: { value: { code: 'KS' } } });
        expect((await store.committees.query()).filter((c) => c.value.code === 'KS')).toHaveLength(1);
      } finally {
        repo.getByKey = getByKey;
      }
    });

    it('does not call a lost-answer update a conflict when it was our own write that landed', async () => {
      const { item } = await store.incidents.create('k', incident('INC-2026-0001'));
      sp.graph.failNext('drop');
      const updated = await store.incidents.update(item.id, item.etag, { status: 'Under utredning' });
      expect(updated.value.status).toBe('Under utredning');
    });

    it('sends If-Match on every update and turns 412 into a conflict the caller can handle', async () => {
      const { item } = await store.incidents.create('k', incident('INC-2026-0001'));
      await store.incidents.update(item.id, item.etag, { status: 'Under utredning' });
      await expect(store.incidents.update(item.id, item.etag, { status: 'Stängd' })).rejects.toMatchObject({ name: 'ConcurrencyConflictError' });
      expect(sp.graph.log.filter((r) => r.method === 'PATCH').map((r) => r.status)).toEqual([200, 412]);
    });

    it('writes many items in $batch requests of at most 20, sending throttled ones again', async () => {
      sp.graph.faults.innerThrottleRate = 0.3;
      sp.graph.seed(7);
      const items = Array.from({ length: 50 }, (_, i) => ({ key: `c${i}`, value: { code: `C${i}`, name: 'N', administration: 'F' } }));
      const results = await store.committees.createMany(items);
      sp.graph.faults.innerThrottleRate = 0;
      expect(results.every((r) => r.created)).toBe(true);
      expect(sp.graph.stats.batches).toBeGreaterThanOrEqual(3);
      expect(sp.graph.stats.throttled).toBeGreaterThan(0);
      expect(await store.committees.query()).toHaveLength(50);
    });

    it('is refused by the server when filtering on a column that is not indexed', async () => {
      const list = [...sp.site.lists.values()].find((l) => l.displayName === 'Infosak Incidenter')!;
      const token = sp.authority.signToken({ aud: 'https://graph.microsoft.com', exp: Math.floor(Date.now() / 1000) + 60 });
      const res = await fetch(`${sp.graph.origin}/v1.0/sites/${sp.site.id}/lists/${list.id}/items?$expand=fields&$filter=fields/description eq 'x'`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string; innerError: Record<string, string> } };
      expect(body.error.code).toBe('invalidRequest');
      expect(body.error.message).toContain("Field 'description' cannot be referenced in filter or orderby as it is not indexed");
      expect(body.error.innerError['request-id']).toBeTruthy();
    });

    it('refuses a token it did not issue', async () => {
      const res = await fetch(`${sp.graph.origin}/v1.0/sites/${sp.site.id}/lists`, { headers: { Authorization: 'Bearer x.y.z' } });
      expect(res.status).toBe(401);
    });
  });

  describe('signing in', () => {
    it('works with a certificate instead of a secret', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'infosak-cert-'));
      try {
        const keyFile = path.join(dir, 'key.pem');
        writeFileSync(keyFile, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
        const certFile = path.join(dir, 'cert.pem');
        execFileSync('openssl', ['req', '-x509', '-key', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=infosak-app']);
        const pem = path.join(dir, 'app.pem');
        writeFileSync(pem, readFileSync(keyFile, 'utf8') + readFileSync(certFile, 'utf8'));
        sp.authority.register({ clientId: 'cert-client', certificatePem: readFileSync(certFile, 'utf8') });
        await sp.provision();
        const store = await SharePointStore.connect({ ...sp.settings, clientId: 'cert-client', clientSecret: undefined, certificatePath: pem }, { retry: TEST_RETRY });
        expect(await store.committees.query()).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('says so when the secret is wrong', async () => {
      const error = await SharePointStore.connect({ ...sp.settings, clientSecret: 'fel' }, { retry: TEST_RETRY }).catch((e: unknown) => e);
      expect(String(error)).toContain('AADSTS7000215');
    });
  });

  describe('npm run provision', () => {
    const cli = path.join(projectRoot(), 'dist', 'src', 'cli', 'provision.js');
    // Asynchronous on purpose: the local Graph server answers from this very process.
    const run = (env: NodeJS.ProcessEnv, cwd?: string) =>
      new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, [cli], { env, cwd, encoding: 'utf8' }, (error, stdout, stderr) =>
          resolve({ status: error ? Number(error.code) : 0, stdout, stderr }),
        );
      });

    it('shows progress and a summary, and says when there is nothing to change', async () => {
      const env = { ...process.env, ...sp.env, LOG_LEVEL: 'silent' };
      const first = await run(env);
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toContain('[3/12] Infosak Incidenter: skapar listan');
      expect(first.stdout).toContain('[10/12] Infosak Informationstillgangar: skapar listan med 14 kolumner');
      expect(first.stdout).toContain('skapade 12 listor');
      const second = await run(env);
      expect(second.status).toBe(0);
      expect(second.stdout).toContain('Inget att ändra: alla 12 listor finns med rätt kolumner och index.');
    });

    it('names the settings it lacks', async () => {
      const result = await run({ PATH: process.env.PATH }, os.tmpdir());
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('STORE=sharepoint kräver SHAREPOINT_SITE, GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET eller GRAPH_CERTIFICATE_PATH');
    });
  });
});
