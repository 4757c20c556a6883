import AdmZip from 'adm-zip';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config/config';
import type { Incident } from '../../src/incidents/incident';
import { loadIncidentRules, type IncidentRules } from '../../src/incidents/incident-rules';
import { authorityDraft, authorityShortName, draftAsText, mayDraft, type AuthorityDraft, type DraftContext } from '../../src/reports/authority-drafts';
import { draftDocx } from '../../src/reports/draft-docx';
import { incident } from '../contract/store-contract';

const RULES_FILE = path.join(projectRoot(), 'content', 'rules', 'incident-rules.json');
const rules = loadIncidentRules(RULES_FILE);
const NOW = new Date('2026-03-10T09:00:00Z');
const PEOPLE: Record<string, string> = { sara: 'Sara Lind', johan: 'Johan Berg' };
const ctx = (over: Partial<DraftContext> = {}): DraftContext => ({
  locale: 'sv',
  rules,
  committee: { name: 'Socialnämnden', administration: 'Socialförvaltningen' },
  names: (id) => PEOPLE[id] ?? id,
  now: NOW,
  ...over,
});

/** A misdirected e-mail with client data: assessed, decided reportable, notified late, people told. */
const assessed: Incident = incident('INC-2026-0042', {
  category: 'felskickad-information',
  description: 'Ett beslut skickades till fel mottagare.\nMottagaren har raderat det.',
  occurredAt: '2026-03-02T07:00:00.000Z',
  discoveredAt: '2026-03-02T08:30:00.000Z',
  reportedAt: '2026-03-02T09:00:00.000Z',
  affectedSystem: 'Verksamhetssystemet för socialtjänst',
  personalData: true,
  sensitiveData: true,
  riskLevel: 'hog',
  riskMotivation: 'Uppgifter om hälsa och en person med skyddad identitet.',
  subjectCategories: ['klienter-patienter', 'skyddad-identitet'],
  dataCategories: ['identitet', 'personnummer', 'sarskilda-art9'],
  approxPeopleAffected: 3,
  approxRecords: 1200,
  consequences: 'Risk för att adressen röjs.',
  measuresTaken: 'Mottagaren har bekräftat radering.',
  measuresPlanned: 'Utbildning i utskick.',
  encrypted: 'nej',
  crimeSuspected: 'nej',
  crossBorder: 'nej',
  rootCause: 'Fel i adressregistret.',
  imyReportable: true,
  imyMotivation: 'Hög risk.',
  imyDecidedAt: '2026-03-04T10:00:00.000Z',
  imyDecidedBy: 'sara',
  imyNotifiedAt: '2026-03-06T12:00:00.000Z',
  imyCaseNumber: 'IMY-2026-123',
  imyLateReason: 'Uppgifterna om vilka som berördes kom fram först den 6 mars.',
  imySupplementsAt: ['2026-03-08T09:00:00.000Z'],
  subjectsInformedAt: '2026-03-05T13:00:00.000Z',
  subjectsInformedHow: 'Brev till var och en',
  significant: true,
  significantMotivation: 'Verksamhetssystemet var otillgängligt för hela socialtjänsten.',
  significantDecidedAt: '2026-03-02T12:00:00.000Z',
  significantDecidedBy: 'johan',
  nisEarlyWarningAt: '2026-03-03T08:00:00.000Z',
  severity: 'hög',
  caseNumber: 'SN 2026/118',
  secrecy: 'osl-18-8',
});

/** As reported, nothing assessed beyond the decision to notify. */
const sparse: Incident = incident('INC-2026-0043', { personalData: true, imyReportable: true, significant: true, description: 'Något hände' });

const headings = (d: AuthorityDraft) => d.sections.map((s) => s.heading);
const value = (d: AuthorityDraft, label: string) => d.sections.flatMap((s) => s.lines).find((l) => l.label === label)?.value;

describe('authority drafts', () => {
  it('may be made for IMY once the committee decided to notify, for the CSIRT once the incident is significant', () => {
    expect(mayDraft('imy', assessed)).toBe(true);
    expect(mayDraft('imy', { ...assessed, imyReportable: false })).toBe(false);
    expect(mayDraft('imy', { ...assessed, imyReportable: undefined })).toBe(false);
    expect(mayDraft('imy', { ...assessed, personalData: false })).toBe(false);
    expect(mayDraft('csirt', assessed)).toBe(true);
    expect(mayDraft('csirt', { ...assessed, significant: false })).toBe(false);
    expect(mayDraft('csirt', { ...assessed, significant: undefined })).toBe(false);
  });

  it('follows IMY’s form, section by section, for a fully assessed breach', () => {
    const d = authorityDraft('imy', assessed, ctx());
    expect(d.title).toBe('Underlag för anmälan av personuppgiftsincident till Integritetsskyddsmyndigheten (IMY) – INC-2026-0042');
    expect(d).toMatchObject({ kind: 'imy', recipient: 'Integritetsskyddsmyndigheten (IMY)', eService: 'https://www.imy.se/', secrecyNote: 'Sekretess enligt OSL 18 kap. 8 §' });
    expect(headings(d)).toEqual([
      'Personuppgiftsansvarig',
      'Incidenten',
      'Berörda personuppgifter och personer',
      'Sannolika konsekvenser',
      'Åtgärder',
      'Riskbedömning',
      'Information till de registrerade (art. 34)',
      'Tidpunkt för anmälan (art. 33)',
      'Kryptering, gränsöverskridande påverkan och brott',
    ]);
    expect(d.sections[0]!.lines).toEqual([
      { label: 'Personuppgiftsansvarig', value: 'Socialnämnden' },
      { label: 'Förvaltning', value: 'Socialförvaltningen' },
      { label: 'Kontaktperson', value: 'Fyll i: namn, telefon och e-post' },
      { label: 'Diarienummer', value: 'SN 2026/118' },
      { label: 'Referens i Infosäk', value: 'INC-2026-0042' },
    ]);
    expect(d.sections[1]!.lines.map((l) => l.label)).toEqual([
      'Typ av incident',
      'Vad har hänt',
      'Berörd information eller system',
      'När incidenten inträffade',
      'När incidenten upptäcktes',
      'När nämnden fick kännedom',
      'Hur incidenten upptäcktes',
      'Pågår incidenten',
    ]);
    // Times in Stockholm (UTC+1 in March).
    expect(value(d, 'När incidenten inträffade')).toBe('2026-03-02 08:00');
    expect(value(d, 'När incidenten upptäcktes')).toBe('2026-03-02 09:30');
    expect(value(d, 'Kategorier av registrerade')).toBe('Klienter och patienter, personer med skyddad identitet');
    expect(value(d, 'Personer med skyddad identitet berörs')).toBe('Ja');
    expect(value(d, 'Kategorier av personuppgifter')).toBe('Namn och identitet, personnummer, känsliga personuppgifter (art. 9, t.ex. hälsa)');
    expect(value(d, 'Känsliga personuppgifter (art. 9)')).toBe('Ja');
    expect(value(d, 'Uppgifter om lagöverträdelser (art. 10)')).toBe('Nej');
    expect(value(d, 'Personnummer')).toBe('Ja');
    expect(value(d, 'Ungefärligt antal berörda poster')).toBe('1\u00a0200');
    expect(value(d, 'Risk för de registrerades rättigheter och friheter')).toBe('Hög risk');
    expect(value(d, 'Har de registrerade informerats')).toBe('Ja, 2026-03-05 14:00');
    expect(value(d, 'Hur de informerades')).toBe('Brev till var och en');
    expect(value(d, 'Nämndens beslut om anmälan')).toBe('Anmäld, beslutat 2026-03-04 11:00 av Sara Lind');
    // 72 hours from discovery ran out on 5 March 09:30; notified on the 6th, with the reason.
    expect(value(d, 'Anmäld inom 72 timmar')).toBe('Nej, anmäld 2026-03-06 13:00 (tidsfristen gick ut 2026-03-05 09:30)');
    expect(value(d, 'Skäl till förseningen')).toBe('Uppgifterna om vilka som berördes kom fram först den 6 mars.');
    expect(value(d, 'Myndighetens diarienummer')).toBe('IMY-2026-123');
    expect(value(d, 'Kompletteringar')).toBe('2026-03-08 10:00');
    expect(d.sections[8]!.lines).toEqual([
      { label: 'Var uppgifterna krypterade', value: 'Nej' },
      { label: 'Påverkan i andra EU-länder', value: 'Nej' },
      { label: 'Misstänkt brott', value: 'Nej' },
      { label: 'Polisanmälan', value: 'Ej angivet' },
    ]);
  });

  it('follows the cybersäkerhetslagen reporting for the CSIRT, with the reports already made', () => {
    const d = authorityDraft('csirt', assessed, ctx());
    expect(d.title).toBe('Underlag för rapportering av betydande incident till CERT-SE – INC-2026-0042');
    expect(d.recipient).toBe('CERT-SE, Myndigheten för civilt försvar');
    expect(headings(d)).toEqual([
      'Verksamhetsutövare',
      'Betydande incident',
      'Tidpunkter',
      'Vad har hänt och vilken tjänst som påverkas',
      'Misstänkt olaglig eller avsiktligt skadlig handling',
      'Gränsöverskridande påverkan',
      'Allvarlighet och påverkan',
      'Grundorsak',
      'Åtgärder',
      'Rapporter som redan lämnats',
    ]);
    expect(value(d, 'Bedömd som betydande incident')).toBe('Ja');
    expect(value(d, 'Bedömningen gjord')).toBe('2026-03-02 13:00 av Johan Berg');
    expect(value(d, 'Påverkade aspekter')).toBe('Konfidentialitet, Riktighet');
    expect(value(d, 'Allvarlighetsgrad')).toBe('Hög');
    expect(value(d, 'Grundorsak')).toBe('Fel i adressregistret.');
    expect(d.sections[9]!.lines).toEqual([
      { label: 'Tidig varning', value: 'Lämnad 2026-03-03 09:00' },
      { label: 'Incidentanmälan', value: 'Inte lämnad – senast 2026-03-05 13:00' },
      { label: 'Lägesrapport', value: 'Ej tillämpligt' },
      { label: 'Slutrapport', value: 'Inte lämnad' },
    ]);
  });

  it('says "Ej angivet" for what nobody has filled in, never a blank', () => {
    for (const kind of ['imy', 'csirt'] as const) {
      const d = authorityDraft(kind, sparse, ctx());
      expect(headings(d)).toEqual(headings(authorityDraft(kind, assessed, ctx())));
      const values = d.sections.flatMap((s) => s.lines.map((l) => l.value));
      expect(values.every((v) => v.trim() !== '')).toBe(true);
      expect(d.secrecyNote).toBe('');
    }
    const imy = authorityDraft('imy', sparse, ctx());
    for (const label of ['Diarienummer', 'Kategorier av registrerade', 'Ungefärligt antal berörda personer', 'Sannolika konsekvenser för de registrerade', 'Vidtagna åtgärder', 'Risk för de registrerades rättigheter och friheter', 'Motivering', 'Har de registrerade informerats', 'Var uppgifterna krypterade', 'Myndighetens diarienummer']) {
      expect([label, value(imy, label)]).toEqual([label, 'Ej angivet']);
    }
    expect(value(imy, 'Kompletteringar')).toBe('Inga');
    // Due 72 hours after discovery (09:00 on 2 March in Stockholm), which has passed by NOW.
    expect(value(imy, 'Anmäld inom 72 timmar')).toBe('Nej – tidsfristen gick ut 2026-03-05 09:00');
    expect(value(imy, 'Skäl till förseningen')).toBe('Ej angivet');
    const csirt = authorityDraft('csirt', sparse, ctx());
    expect(value(csirt, 'Motivering')).toBe('Ej angivet');
    expect(value(csirt, 'Grundorsak')).toBe('Ej angivet');
  });

  it('names the authority as the rules file does: change the file and the draft follows', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'infosak-rules-'));
    try {
      const json = JSON.parse(readFileSync(RULES_FILE, 'utf8')) as { authorities: IncidentRules['authorities'] };
      json.authorities.csirt = { name: 'FRA:s CSIRT (NCSC)', organisation: 'Försvarets radioanstalt', eService: 'https://rapportering.example.se/', note: 'Ny e-tjänst.' };
      json.authorities.imy = { ...json.authorities.imy, name: 'Dataskyddsmyndigheten (DSM)', eService: 'https://dsm.example.se/' };
      const file = path.join(dir, 'rules.json');
      writeFileSync(file, JSON.stringify(json));
      const moved = loadIncidentRules(file);
      const csirt = authorityDraft('csirt', assessed, ctx({ rules: moved }));
      expect(csirt.title).toBe('Underlag för rapportering av betydande incident till FRA:s CSIRT (NCSC) – INC-2026-0042');
      expect(csirt).toMatchObject({ recipient: 'FRA:s CSIRT (NCSC), Försvarets radioanstalt', eService: 'https://rapportering.example.se/' });
      expect(draftAsText(csirt)).not.toContain('CERT-SE');
      const imy = authorityDraft('imy', assessed, ctx({ rules: moved }));
      expect(imy).toMatchObject({ recipient: 'Dataskyddsmyndigheten (DSM)', eService: 'https://dsm.example.se/' });
      expect(draftAsText(imy)).not.toMatch(/Integritetsskyddsmyndigheten|\bIMY\b(?!-2026)/);
      expect(authorityShortName(moved.authorities.imy)).toBe('DSM');
      expect(authorityShortName(moved.authorities.csirt)).toBe('NCSC');
      expect(authorityShortName(rules.authorities.csirt)).toBe('CERT-SE');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the text for the card: secrecy first, then the title, the e-service and "Label: value" lines under each heading', () => {
    const text = draftAsText(authorityDraft('imy', assessed, ctx()));
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Sekretess enligt OSL 18 kap. 8 §',
      '',
      'Underlag för anmälan av personuppgiftsincident till Integritetsskyddsmyndigheten (IMY) – INC-2026-0042',
      'Integritetsskyddsmyndigheten (IMY): https://www.imy.se/',
    ]);
    expect(lines.slice(4, 8)).toEqual(['', 'Personuppgiftsansvarig', 'Personuppgiftsansvarig: Socialnämnden', 'Förvaltning: Socialförvaltningen']);
    // A multi-line answer stays under its label.
    expect(text).toContain('Vad har hänt: Ett beslut skickades till fel mottagare.\n  Mottagaren har raderat det.\n');
    expect(draftAsText(authorityDraft('imy', sparse, ctx())).startsWith('Underlag för anmälan')).toBe(true);
  });

  it('speaks English when asked', () => {
    const d = authorityDraft('imy', sparse, ctx({ locale: 'en' }));
    expect(d.title).toBe('Draft notification of a personal data breach to Integritetsskyddsmyndigheten (IMY) – INC-2026-0043');
    expect(headings(d)[0]).toBe('Controller');
    expect(value(d, 'Categories of data subjects')).toBe('Not stated');
    expect(authorityDraft('imy', assessed, ctx({ locale: 'en' })).secrecyNote).toBe('Confidential under OSL ch. 18 s. 8');
  });
});

describe('authority drafts as Word documents', () => {
  const xmlOf = (zip: AdmZip, pattern: RegExp) =>
    zip
      .getEntries()
      .filter((e) => pattern.test(e.entryName))
      .map((e) => e.getData().toString('utf8'))
      .join('');
  /** The document's visible text, paragraph by paragraph. */
  const paragraphs = (xml: string) =>
    [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).filter(Boolean);

  it('opens as a .docx with the secrecy mark on top and on every page, the sections in order and the footer', async () => {
    const draft = authorityDraft('imy', assessed, ctx());
    const file = await draftDocx(draft, { locale: 'sv', now: NOW });
    expect(file.subarray(0, 2).toString()).toBe('PK');
    const zip = new AdmZip(file);
    const body = paragraphs(xmlOf(zip, /^word\/document\.xml$/));
    expect(body[0]).toBe('Sekretess enligt OSL 18 kap. 8 §');
    expect(body[1]).toBe(draft.title);
    expect(body).toContain('Mottagare: Integritetsskyddsmyndigheten (IMY)');
    expect(body).toContain('E-tjänst: https://www.imy.se/');
    const order = draft.sections.map((s) => body.indexOf(s.heading));
    expect(order.every((i) => i > 1)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Labels and values in the tables; a line break in an answer stays a break.
    expect(body).toContain('Kontaktperson');
    expect(body).toContain('Fyll i: namn, telefon och e-post');
    expect(/Ett beslut skickades till fel mottagare\.<\/w:t><\/w:r><w:r><w:br\/><w:t[^>]*>Mottagaren har raderat det\./.test(xmlOf(zip, /^word\/document\.xml$/))).toBe(true);
    expect(paragraphs(xmlOf(zip, /^word\/header\d*\.xml$/))).toContain('Sekretess enligt OSL 18 kap. 8 §');
    expect(paragraphs(xmlOf(zip, /^word\/footer\d*\.xml$/))).toEqual(['Underlag framtaget i Infosäk 2026-03-10 10:00. Skickas inte automatiskt; klistra in i myndighetens e-tjänst.']);
  });

  it('has no secrecy mark when the incident has none, and says "Ej angivet" in the cells', async () => {
    const zip = new AdmZip(await draftDocx(authorityDraft('csirt', sparse, ctx()), { locale: 'sv', now: NOW }));
    const body = paragraphs(xmlOf(zip, /^word\/document\.xml$/));
    expect(body[0]).toBe('Underlag för rapportering av betydande incident till CERT-SE – INC-2026-0043');
    expect(body.join('\n')).not.toContain('Sekretess');
    expect(body.filter((p) => p === 'Ej angivet').length).toBeGreaterThan(5);
    expect(zip.getEntries().some((e) => /^word\/header\d*\.xml$/.test(e.entryName))).toBe(false);
  });
});
