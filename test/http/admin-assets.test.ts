import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import type { AdminAssetsResponse, AssetImportResponse } from '../../src/api/tab-api-types';
import { ASSET_CSV_HEADER, assetRow } from '../../src/assets/asset-import';
import { startTestApp } from '../support/app-harness';

const person = (persona: string) => demoPersonByPersona(persona)!.id;
const HEADER = ASSET_CSV_HEADER.join(';');

/**
 * The register of information assets in the Administration part: the file with a dry run first, and
 * the form for one asset, checked by the same row rules as `npm run assets -- import`; the security
 * officer changes it, the data protection officer reads it, and nobody else gets it.
 */
describe('the register of information assets in the Administration part', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp({}, { clock: { now: () => new Date('2026-11-24T09:00:00Z') } });
  });
  afterAll(() => app.stop());
  const call = async <T>(method: 'GET' | 'POST', path: string, persona: string, body?: object) => {
    const res = await fetch(`${app.url}/api/tab/admin/${path}`, {
      method,
      headers: { 'X-Infosak-Demo-User': person(persona), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T & { reason?: string } };
  };
  const fieldsOf = (values: Partial<Record<string, string>>) => Object.fromEntries(ASSET_CSV_HEADER.map((h) => [h, values[h] ?? '']));
  const stored = async (assetId: string) => (await app.store.assets.query({ field: 'assetId', op: 'eq', value: assetId }))[0]?.value;

  it('reads a file with a dry run first, then imports it; the data protection officer may try, not import', async () => {
    const file = [HEADER, 'ks-lonesystem;Lönesystemet;Löner och ersättningar;KS;;;verksamhetskritisk;3;3;2;;2026-10-01;', 'ks-intranat;Intranätet;;KS;;;ovrig;;;;;;'].join('\n');
    const dry = await call<AssetImportResponse>('POST', 'assets/preview', 'dataskyddsombud', { content: file });
    expect(dry.status).toBe(200);
    expect(dry.body.text).toBe('Provkörning, inget sparat: Informationstillgångar: 2 nya, 0 ändrade, 0 oförändrade.');
    expect(await stored('ks-lonesystem')).toBeUndefined();
    expect((await call('POST', 'assets/import', 'dataskyddsombud', { content: file })).status).toBe(403);
    const done = await call<AssetImportResponse>('POST', 'assets/import', 'sakerhetsansvarig', { content: file });
    expect(done.body.summary.assets.map((a) => [a.assetId, a.change])).toEqual([['ks-lonesystem', 'created'], ['ks-intranat', 'created']]);
    expect(await stored('ks-lonesystem')).toMatchObject({ assetName: 'Lönesystemet', confidentiality: 3, classifiedOn: '2026-10-01' });
    // A bad file: every row named, nothing stored.
    const bad = await call('POST', 'assets/preview', 'sakerhetsansvarig', { content: [HEADER, 'x-ny;Ny;;XX;;;kritisk;;;;;;'].join('\n') });
    expect(bad.status).toBe(400);
    expect(bad.body.reason).toContain('rad 2: nämnd: "XX" är okänd');
    expect(bad.body.reason).toContain('rad 2: kritikalitet: "kritisk" är okänd');
  });

  it('adds an asset from the form, refuses a bad one in the file’s words, and changes one over the version it was opened with', async () => {
    const bad = await call('POST', 'assets', 'sakerhetsansvarig', { fields: fieldsOf({ id: 'BUN Skolskjuts', namn: '', nämnd: 'BUN', kritikalitet: 'verksamhetskritisk', konfidentialitet: '5', systemägare: 'anna@exempel.se' }) });
    expect(bad.status).toBe(400);
    expect(bad.body.reason).toBe(
      [
        'id: "BUN Skolskjuts" ska vara små bokstäver a–z, siffror och bindestreck (högst 100)',
        'namn: måste fyllas i',
        'systemägare: "anna@exempel.se" ska vara personens objekt-id i Entra ID (GUID), eller tomt',
        'konfidentialitet: "5" ska vara en KLASSA-nivå 0–4',
        'riktighet: en nivå 0–4 behövs när tillgången är klassad',
        'tillgänglighet: en nivå 0–4 behövs när tillgången är klassad',
        'klassad: datumet då klassningen gjordes behövs med nivåerna',
      ].join('\n'),
    );
    const fields = fieldsOf({ id: 'bun-skolskjuts', namn: 'Skolskjutsplanering', nämnd: 'BUN', kritikalitet: 'verksamhetskritisk', systemägare: person('medarbetare') });
    expect((await call<{ change: string }>('POST', 'assets', 'sakerhetsansvarig', { fields })).status).toBe(201);
    // The same form sent again is not a second asset: the id is taken.
    const twice = await call('POST', 'assets', 'sakerhetsansvarig', { fields });
    expect(twice.status).toBe(409);
    expect(twice.body.reason).toContain('"bun-skolskjuts" finns redan i registret');

    const listed = await call<AdminAssetsResponse>('GET', 'assets', 'dataskyddsombud');
    const row = listed.body.assets.find((a) => a.fields.id === 'bun-skolskjuts')!;
    expect(row.owners.systemOwner).toBe('Anna Andersson');
    const asStored = assetRow((await stored('bun-skolskjuts'))!);
    expect(row.fields).toEqual(Object.fromEntries(ASSET_CSV_HEADER.map((h, i) => [h, asStored[i]])));
    const classified = { ...row.fields, konfidentialitet: '2', riktighet: '2', tillgänglighet: '3', klassad: '2026-11-20' };
    const changed = await call<{ change: string }>('POST', 'assets', 'sakerhetsansvarig', { fields: classified, etag: row.etag });
    expect(changed.body.change).toBe('updated');
    expect(await stored('bun-skolskjuts')).toMatchObject({ availability: 3, classifiedOn: '2026-11-20' });
    // Someone holding the version read before that change saves nothing over it.
    const stale = await call('POST', 'assets', 'sakerhetsansvarig', { fields: { ...row.fields, namn: 'Annat namn' }, etag: row.etag });
    expect(stale.status).toBe(409);
    expect((await stored('bun-skolskjuts'))!.assetName).toBe('Skolskjutsplanering');
    // The change is in the audit trail.
    const audit = (await app.store.audit.query({ field: 'recordKey', op: 'eq', value: 'bun-skolskjuts' })).map((a) => a.value.action);
    expect(audit.sort()).toEqual(['skapad', 'ändrad']);
  });

  it('is the security officer’s to change, the data protection officer’s to read, and no one else’s', async () => {
    const fields = fieldsOf({ id: 'kfn-ny', namn: 'Nytt', nämnd: 'KFN', kritikalitet: 'ovrig' });
    expect((await call('POST', 'assets', 'dataskyddsombud', { fields })).status).toBe(403);
    for (const persona of ['samordnare', 'chef', 'medarbetare', 'itsakerhetsansvarig']) {
      expect([persona, (await call('GET', 'assets', persona)).status]).toEqual([persona, 403]);
      expect([persona, (await call('POST', 'assets', persona, { fields })).status]).toEqual([persona, 403]);
    }
    expect(await stored('kfn-ny')).toBeUndefined();
  });
});
