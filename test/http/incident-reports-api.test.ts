import AdmZip from 'adm-zip';
import { parseCsv } from '../../src/actionplan/csv';
import { botChatUrl } from '../../src/api/tab-api';
import { demoPersonByPersona, DEMO_TENANT_ID } from '../../src/demo/demo-organisation';
import type { Incident } from '../../src/incidents/incident';
import { incident } from '../contract/store-contract';
import { postActivity, startTestApp } from '../support/app-harness';
import { cardsIn, FakeBotConnector, textOfCard } from '../support/fake-bot-connector';
import { TokenAuthority } from '../support/graph/token-authority';
import { installationUpdateActivity } from '../support/teams-activities';

const CLIENT_ID = '7c1e5b3a-2d4f-4e6a-9b8c-0d1e2f3a4b5c';
const APP_ID_URI = `api://infosak.sjovik.example/${CLIENT_ID}`;
const id = (persona: string) => demoPersonByPersona(persona)!.id;

/** A breach in SN the committee decided to notify, with a diarienummer and secrecy; reported by Anna (medarbetare). */
const reportable: Incident = incident('INC-2026-0001', {
  committeeCode: 'SN',
  category: 'felskickad-information',
  discoveredAt: '2026-03-02T08:30:00.000Z',
  reportedAt: '2026-03-02T09:00:00.000Z',
  personalData: true,
  assessedAt: '2026-03-02T12:00:00.000Z',
  riskLevel: 'hog',
  riskMotivation: 'Hälsouppgifter om klienter',
  subjectCategories: ['klienter-patienter'],
  dataCategories: ['sarskilda-art9'],
  approxPeopleAffected: 12,
  imyReportable: true,
  imyMotivation: 'Hög risk',
  imyDecidedAt: '2026-03-03T10:00:00.000Z',
  imyDecidedBy: id('samordnare'),
  caseNumber: 'SN 2026/118',
  secrecy: 'osl-18-8',
});
/** A breach in SN decided not reportable, with the reasons: stays in the register. */
const notReportable: Incident = incident('INC-2026-0002', {
  committeeCode: 'SN',
  discoveredAt: '2026-04-02T08:30:00.000Z',
  reportedAt: '2026-04-02T09:00:00.000Z',
  personalData: true,
  assessedAt: '2026-04-02T12:00:00.000Z',
  riskLevel: 'ingen',
  riskMotivation: 'Bara ett namn',
  imyReportable: false,
  imyMotivation: 'Ingen sannolik risk för den registrerade',
  imyDecidedAt: '2026-04-02T13:00:00.000Z',
});
/** A significant outage in KFN, no personal data: a CSIRT draft, not in the register. */
const significant: Incident = incident('INC-2026-0003', {
  committeeCode: 'KFN',
  category: 'avbrott',
  discoveredAt: '2026-05-02T08:30:00.000Z',
  reportedAt: '2026-05-02T09:00:00.000Z',
  significant: true,
  significantMotivation: 'Bokningssystemet nere i två dygn',
  significantDecidedAt: '2026-05-02T10:00:00.000Z',
  significantDecidedBy: id('sakerhetsansvarig'),
  essentialService: true,
});
/** A breach in KS nobody has decided on yet, reported by Per (not Anna). */
const undecided: Incident = incident('INC-2026-0004', {
  committeeCode: 'KS',
  discoveredAt: '2026-06-02T08:30:00.000Z',
  reportedAt: '2026-06-02T09:00:00.000Z',
  personalData: true,
  reporterId: id('fortroendevald'),
});
/** Last year's breach: not in this year's register. */
const lastYear: Incident = incident('INC-2025-0009', { committeeCode: 'SN', discoveredAt: '2025-12-30T08:00:00.000Z', reportedAt: '2025-12-30T09:00:00.000Z', personalData: true });

describe('the tab API on incident records: the register, the authority drafts, "Öppna"', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let authority: TokenAuthority;
  const connector = new FakeBotConnector();
  const now = () => Math.floor(Date.now() / 1000);
  const tokenFor = (persona: string) =>
    authority.signToken({
      aud: APP_ID_URI,
      iss: `https://sts.windows.net/${DEMO_TENANT_ID}/`,
      tid: DEMO_TENANT_ID,
      oid: id(persona),
      scp: 'access_as_user',
      name: demoPersonByPersona(persona)!.displayName,
      iat: now() - 60,
      nbf: now() - 60,
      exp: now() + 3600,
    });
  const call = async (path: string, persona: string, method: 'GET' | 'POST' = 'GET') => {
    const res = await fetch(`${app.url}/api/tab/${path}`, { method, headers: { Authorization: `Bearer ${tokenFor(persona)}` } });
    const type = res.headers.get('content-type') ?? '';
    const raw = Buffer.from(await res.arrayBuffer());
    return {
      status: res.status,
      headers: res.headers,
      raw,
      body: (type.includes('json') ? JSON.parse(raw.toString('utf8')) : raw.toString('utf8')) as Record<string, unknown> & { reason?: string; rows?: { reference: string }[] },
    };
  };
  const refs = (body: { rows?: { reference: string }[] }) => (body.rows ?? []).map((r) => r.reference);

  beforeAll(async () => {
    await connector.start();
    authority = await new TokenAuthority(DEMO_TENANT_ID).start();
    app = await startTestApp(
      { AAD_APP_CLIENT_ID: CLIENT_ID, AAD_APP_TENANT_ID: DEMO_TENANT_ID, AAD_APP_ID_URI: APP_ID_URI, AAD_APP_OAUTH_AUTHORITY_HOST: authority.origin },
      { clock: { now: () => new Date('2026-11-23T09:00:00Z') } },
    );
    for (const [n, i] of [reportable, notReportable, significant, undecided, lastYear].entries()) await app.store.incidents.create(`i${n}`, i);
  });
  afterAll(async () => {
    await app.stop();
    await authority.stop();
    await connector.stop();
  });

  describe('the register of personal data breaches', () => {
    it.each([
      ['medarbetare', 'Statusfliken är för chefer'],
      ['fortroendevald', 'Registret över personuppgiftsincidenter är för'],
      ['chef', 'Registret över personuppgiftsincidenter är för'],
      ['itsakerhetsansvarig', 'Registret över personuppgiftsincidenter är för'],
    ])('is refused to %s with 403 and a reason in Swedish', async (persona, reason) => {
      for (const path of ['register?committee=all&year=2026', 'register?committee=SN&year=2026', 'register.csv?committee=SN&year=2026']) {
        const res = await call(path, persona);
        expect([path, res.status]).toEqual([path, 403]);
        expect(res.body.reason).toContain(reason);
      }
    });

    it('gives the DPO and the security officer every committee’s breaches of the year, the not reportable one with its reasons', async () => {
      for (const persona of ['dataskyddsombud', 'sakerhetsansvarig']) {
        const all = await call('register?committee=all&year=2026', persona);
        expect(all.status).toBe(200);
        expect(refs(all.body)).toEqual(['INC-2026-0004', 'INC-2026-0001', 'INC-2026-0002']);
        expect(all.body.committee).toBe('all');
        expect((await call('register?committee=KS&year=2026', persona)).body).toMatchObject({ committee: 'KS', rows: [{ reference: 'INC-2026-0004', decision: 'ej-beslutad' }] });
      }
      const sn = await call('register?committee=SN&year=2026', 'dataskyddsombud');
      expect(sn.body.rows).toEqual([
        expect.objectContaining({ reference: 'INC-2026-0001', caseNumber: 'SN 2026/118', secrecy: 'osl-18-8', decision: 'anmalningspliktig', riskLevel: 'hög risk' }),
        expect.objectContaining({ reference: 'INC-2026-0002', decision: 'ej-anmalningspliktig', decisionMotivation: 'Ingen sannolik risk för den registrerade' }),
      ]);
      expect(refs((await call('register?committee=SN&year=2025', 'dataskyddsombud')).body)).toEqual(['INC-2025-0009']);
    });

    it('gives a coordinator their own committees only', async () => {
      const all = await call('register?committee=all&year=2026', 'samordnare');
      expect(all.status).toBe(200);
      expect(refs(all.body)).toEqual(['INC-2026-0001', 'INC-2026-0002']);
      expect(all.body.committees).toEqual([
        { code: 'KFN', name: 'Kultur- och fritidsnämnden' },
        { code: 'SN', name: 'Socialnämnden' },
      ]);
      expect((await call('register?committee=KFN&year=2026', 'samordnare')).body).toMatchObject({ rows: [] });
      const ks = await call('register?committee=KS&year=2026', 'samordnare');
      expect(ks).toMatchObject({ status: 403, body: { reason: 'Du har ingen roll som ger dig tillgång till Kommunstyrelsen.' } });
      expect((await call('register.csv?committee=KS&year=2026', 'samordnare')).status).toBe(403);
      expect((await call('register?committee=XYZ&year=2026', 'samordnare')).status).toBe(404);
      expect((await call('register?year=1999', 'samordnare')).status).toBe(400);
    });

    it('exports the register as CSV for Swedish spreadsheets, with the secrecy mark', async () => {
      const res = await call('register.csv?committee=SN&year=2026', 'samordnare');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="personuppgiftsincidenter-SN-2026.csv"');
      const text = res.body as unknown as string;
      expect(text.startsWith('\uFEFFReferens;Diarienummer;Sekretess;Personuppgiftsansvarig nämnd;Upptäckt;')).toBe(true);
      const rows = parseCsv(text.slice(1)).map((r) => r.fields);
      expect(rows).toHaveLength(3);
      expect(rows[1]!.slice(0, 5)).toEqual(['INC-2026-0001', 'SN 2026/118', 'Sekretess enligt OSL 18 kap. 8 §', 'Socialnämnden', '2026-03-02 kl. 09:30']);
      expect(rows[1]![9]).toBe('cirka 12');
      expect(rows[2]!.slice(16, 18)).toEqual(['ej anmälningspliktig', 'Ingen sannolik risk för den registrerade']);
      expect(rows[0]![19]).toBe('Anmäld till IMY');
    });

    it('tells the tab who may open the register and what the authorities are called', async () => {
      const me = await call('me', 'samordnare');
      expect(me.body).toMatchObject({ authorities: { imy: 'IMY', csirt: 'CERT-SE' } });
      expect((me.body.registerCommittees as string[]).sort()).toEqual(['KFN', 'SN']);
      expect(((await call('me', 'dataskyddsombud')).body.registerCommittees as string[]).length).toBe(5);
      expect((await call('me', 'chef')).body).toMatchObject({ registerCommittees: [] });
    });
  });

  describe('the committee view’s incident list', () => {
    it('shows the diarienummer, the secrecy, what is missing and which drafts can be made', async () => {
      const sn = await call('committees/SN?year=2026', 'samordnare');
      const list = sn.body.incidentList as Record<string, unknown>[];
      expect(list.find((i) => i.reference === 'INC-2026-0001')).toMatchObject({ caseNumber: 'SN 2026/118', secrecy: 'osl-18-8', missing: [], drafts: ['imy'] });
      expect(list.find((i) => i.reference === 'INC-2026-0002')).toMatchObject({ caseNumber: '', secrecy: '', missing: [], drafts: [] });
      const ks = await call('committees/KS?year=2026', 'dataskyddsombud');
      expect((ks.body.incidentList as Record<string, unknown>[])[0]).toMatchObject({ reference: 'INC-2026-0004', missing: ['facts', 'imy'], drafts: [] });
      const kfn = await call('committees/KFN?year=2026', 'sakerhetsansvarig');
      expect((kfn.body.incidentList as Record<string, unknown>[])[0]).toMatchObject({ reference: 'INC-2026-0003', missing: ['facts'], drafts: ['csirt'] });
    });
  });

  describe('the authority drafts as Word files', () => {
    const documentText = (raw: Buffer) => {
      const xml = new AdmZip(raw).getEntry('word/document.xml')!.getData().toString('utf8');
      return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    };

    it('gives a triager of the committee the IMY draft once the committee decided to notify', async () => {
      const res = await call('incidents/INC-2026-0001/draft/imy.docx', 'samordnare');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="IMY-underlag-INC-2026-0001.docx"');
      const text = documentText(res.raw);
      expect(text.startsWith('Sekretess enligt OSL 18 kap. 8 §\nUnderlag för anmälan av personuppgiftsincident till Integritetsskyddsmyndigheten (IMY) – INC-2026-0001')).toBe(true);
      expect(text).toContain('Socialnämnden');
      expect(text).toContain('Anmälningspliktig, inte anmäld ännu, beslutat 2026-03-03 11:00 av Sara Lind');
    });

    it('gives the security function the CSIRT draft of a significant incident', async () => {
      const res = await call('incidents/INC-2026-0003/draft/csirt.docx?locale=en', 'sakerhetsansvarig');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="CERT-SE-underlag-INC-2026-0003.docx"');
      const text = documentText(res.raw);
      expect(text).toContain('Draft report of a significant incident to CERT-SE – INC-2026-0003');
      expect(text).toContain('Bokningssystemet nere i två dygn');
      expect(text).not.toContain('Sekretess');
    });

    it('answers 409 with the reason when there is nothing to draft yet', async () => {
      expect(await call('incidents/INC-2026-0002/draft/imy.docx', 'dataskyddsombud')).toMatchObject({
        status: 409,
        body: { error: 'conflict', reason: 'IMY-underlag finns när nämnden har beslutat att incidenten ska anmälas till IMY.' },
      });
      expect(await call('incidents/INC-2026-0001/draft/csirt.docx', 'sakerhetsansvarig')).toMatchObject({
        status: 409,
        body: { reason: 'CERT-SE-underlag finns när incidenten har bedömts som betydande enligt cybersäkerhetslagen.' },
      });
    });

    it('refuses those who may not triage the incident, and unknown incidents or kinds', async () => {
      for (const persona of ['medarbetare', 'fortroendevald', 'chef']) expect([persona, (await call('incidents/INC-2026-0001/draft/imy.docx', persona)).status]).toEqual([persona, 403]);
      // A coordinator of SN and KFN does not triage KS.
      expect(await call('incidents/INC-2026-0004/draft/imy.docx', 'samordnare')).toMatchObject({ status: 403, body: { reason: 'Du har inte behörighet att hantera INC-2026-0004.' } });
      expect(await call('incidents/INC-2026-0999/draft/imy.docx', 'dataskyddsombud')).toMatchObject({ status: 404, body: { reason: 'Incidenten INC-2026-0999 finns inte.' } });
      expect((await call('incidents/INC-2026-0001/draft/nis.docx', 'dataskyddsombud')).status).toBe(404);
    });
  });

  describe('"Öppna": the incident’s card in the caller’s chat with the bot', () => {
    it('refuses those who neither triage the incident nor reported it', async () => {
      expect((await call('incidents/INC-2026-0004/open', 'medarbetare', 'POST')).status).toBe(403);
      expect((await call('incidents/INC-2026-0001/open', 'chef', 'POST')).status).toBe(403);
      // An elected official follows their nämnd's figures, not its incidents.
      expect((await call('incidents/INC-2026-0001/open', 'fortroendevald', 'POST')).status).toBe(403);
      expect((await call('incidents/INC-2026-0004/open', 'samordnare', 'POST')).status).toBe(403);
      expect((await call('incidents/INC-2026-0999/open', 'samordnare', 'POST')).status).toBe(404);
    });

    it('answers 409 while the person has no chat with the bot, and sends the card once they have', async () => {
      const before = await call('incidents/INC-2026-0001/open', 'samordnare', 'POST');
      expect(before).toMatchObject({ status: 409, body: { reason: 'Du har ingen chatt med Infosäk än. Öppna Infosäk i Teams en gång, så kan kortet skickas.' } });

      await postActivity(app.url, installationUpdateActivity(demoPersonByPersona('samordnare')!, connector.url));
      await app.delivery.drained();
      connector.reset();
      const after = await call('incidents/INC-2026-0001/open', 'samordnare', 'POST');
      // Local mode has no bot app id, so there is no Teams link to the chat.
      expect(after).toMatchObject({ status: 200, body: { sent: true, chatUrl: '' } });
      await app.delivery.drained();
      const cards = cardsIn(connector.received.filter((r) => r.conversationId === 'a:personal-samordnare'));
      expect(cards).toHaveLength(1);
      expect(textOfCard(cards[0])).toContain('INC-2026-0001');
    });

    it('lets the reporter open their own incident, though they cannot open the tab', async () => {
      await postActivity(app.url, installationUpdateActivity(demoPersonByPersona('medarbetare')!, connector.url));
      await app.delivery.drained();
      expect((await call('incidents/INC-2026-0001/open', 'medarbetare', 'POST')).status).toBe(200);
      // Per reported INC-2026-0004 (KS): his own report opens, though it is not his nämnd.
      await postActivity(app.url, installationUpdateActivity(demoPersonByPersona('fortroendevald')!, connector.url));
      await app.delivery.drained();
      expect((await call('incidents/INC-2026-0004/open', 'fortroendevald', 'POST')).status).toBe(200);
    });

    it('links to the chat with the bot when there is a bot app id', () => {
      expect(botChatUrl('11111111-2222-4333-8444-555555555555')).toBe('https://teams.microsoft.com/l/chat/0/0?users=28:11111111-2222-4333-8444-555555555555');
      expect(botChatUrl('')).toBe('');
    });
  });
});
