import { parseCsv } from '../../src/actionplan/csv';
import { DEMO_COMMITTEES, demoPersonByPersona } from '../../src/demo/demo-organisation';
import type { Incident } from '../../src/incidents/incident';
import { personFrom, type Person } from '../../src/organisation/organisation';
import { mayReadRegister, registerCommitteesOf, registerCsv, registerRows } from '../../src/reports/breach-register';
import { incident } from '../contract/store-contract';

const person = (persona: string): Person => {
  const p = demoPersonByPersona(persona)!;
  return personFrom(p.roles.map((r) => ({ personId: p.id, displayName: p.displayName, email: p.email, ...r })))!;
};

const notReportable: Incident = incident('INC-2026-0010', {
  category: 'felskickad-information',
  description: 'Ett mejl med en elevs namn till fel förälder',
  discoveredAt: '2026-04-01T07:15:00.000Z',
  committeeCode: 'BUN',
  personalData: true,
  riskLevel: 'ingen',
  riskMotivation: 'Bara namnet, mottagaren känner eleven.',
  subjectCategories: ['barn-elever'],
  dataCategories: ['identitet'],
  approxPeopleAffected: 1,
  imyReportable: false,
  imyMotivation: 'Ingen sannolik risk för elevens rättigheter.',
  imyDecidedAt: '2026-04-01T12:00:00.000Z',
});
const notified: Incident = incident('INC-2026-0011', {
  description: '=HYPERLINK("https://evil.example";"klicka")',
  discoveredAt: '2026-03-02T08:30:00.000Z',
  committeeCode: 'SN',
  personalData: true,
  riskLevel: 'hog',
  riskMotivation: 'Hälsouppgifter',
  subjectCategories: ['klienter-patienter', 'skyddad-identitet'],
  dataCategories: ['personnummer', 'sarskilda-art9'],
  approxPeopleAffected: 40,
  approxRecords: 1200,
  consequences: 'Röjd adress',
  measuresTaken: 'Raderat',
  measuresPlanned: 'Utbildning',
  imyReportable: true,
  imyMotivation: 'Hög risk',
  imyNotifiedAt: '2026-03-06T12:00:00.000Z',
  imyCaseNumber: 'IMY-2026-123',
  imyLateReason: 'Uppgifterna kom sent',
  subjectsException: 'oproportionerlig-anstrangning',
  subjectsExceptionMotivation: 'Information på webbplatsen',
  caseNumber: '2026-12',
  secrecy: 'osl-26',
});
const undecided: Incident = incident('INC-2026-0012', { committeeCode: 'SN', personalData: true, discoveredAt: '2026-02-01T08:00:00.000Z' });
const noPersonalData: Incident = incident('INC-2026-0013', { committeeCode: 'SN', personalData: false });
const weakness: Incident = incident('INC-2026-0014', { committeeCode: 'SN', personalData: true, kind: 'weakness' });

describe('the register of personal data breaches', () => {
  const names = (id: string) => (id === 'sara' ? 'Sara Lind' : id);
  const rows = registerRows([{ ...notReportable, imyDecidedBy: 'sara', imyDecidedAt: '2026-03-03T09:15:00.000Z' }, notified, undecided, noPersonalData, weakness], { locale: 'sv', committees: DEMO_COMMITTEES, names });

  it('says who decided on IMY for the committee, and when', () => {
    expect(rows[0]!.decidedBy).toBe('Sara Lind, 2026-03-03 kl. 10:15');
    expect(rows.find((r) => r.reference === 'INC-2026-0012')!.decidedBy).toBe('');
  });

  it('keeps every breach with personal data, the not reportable one with its reasons; nothing else', () => {
    expect(rows.map((r) => r.reference)).toEqual(['INC-2026-0010', 'INC-2026-0012', 'INC-2026-0011']);
    expect(rows[0]).toMatchObject({
      committee: 'Barn- och utbildningsnämnden',
      decision: 'ej-anmalningspliktig',
      decisionLabel: 'ej anmälningspliktig',
      decisionMotivation: 'Ingen sannolik risk för elevens rättigheter.',
      riskLevel: 'ingen sannolik risk',
      riskMotivation: 'Bara namnet, mottagaren känner eleven.',
      subjectCategories: ['barn och elever'],
      subjectsInformation: 'Krävs inte – ingen hög risk för de registrerade',
    });
    expect(rows[1]).toMatchObject({ decision: 'ej-beslutad', decisionLabel: 'ej beslutad', riskLevel: '', subjectsInformation: '' });
    expect(rows[2]).toMatchObject({
      decision: 'anmald',
      secrecy: 'osl-26',
      secrecyLabel: 'Sekretess enligt OSL 26 kap. (socialtjänst)',
      caseNumber: '2026-12',
      imyCaseNumber: 'IMY-2026-123',
      subjectsInformation: 'Nej, undantag: oproportionerlig ansträngning, offentlig information i stället (art. 34.3 c) – Information på webbplatsen',
    });
  });

  it('writes CSV for Swedish spreadsheets: a header, one row per breach, counts and times kept as text, formulas neutralised', () => {
    const text = registerCsv(rows, { locale: 'sv', authority: 'IMY' });
    const parsed = parseCsv(text).map((r) => r.fields);
    expect(parsed[0]).toEqual([
      'Referens', 'Diarienummer', 'Sekretess', 'Personuppgiftsansvarig nämnd', 'Upptäckt', 'Vad har hänt', 'Beskrivning', 'Kategorier av registrerade',
      'Kategorier av personuppgifter', 'Antal personer', 'Antal poster', 'Konsekvenser', 'Vidtagna åtgärder', 'Planerade åtgärder', 'Risknivå',
      'Motivering av risken', 'Beslut om anmälan', 'Motivering av beslutet', 'Beslutat av, när', 'Anmäld till IMY', 'Myndighetens diarienummer', 'Skäl till sen anmälan', 'Kompletteringar till IMY',
      'Information till de registrerade (art. 34)',
    ]);
    expect(parsed).toHaveLength(4);
    const row = parsed[3]!;
    expect(row.slice(0, 5)).toEqual(['INC-2026-0011', '2026-12', 'Sekretess enligt OSL 26 kap. (socialtjänst)', 'Socialnämnden', '2026-03-02 kl. 09:30']);
    expect(row.slice(7, 11)).toEqual(['klienter och patienter, personer med skyddad identitet', 'personnummer, känsliga personuppgifter (art. 9, t.ex. hälsa)', 'cirka 40', 'cirka 1200']);
    expect(row.slice(16, 22)).toEqual(['anmäld', 'Hög risk', '', '2026-03-06 kl. 13:00', 'IMY-2026-123', 'Uppgifterna kom sent']);
    expect(parsed[1]!.slice(16, 18)).toEqual(['ej anmälningspliktig', 'Ingen sannolik risk för elevens rättigheter.']);
    // The hostile description is written with the apostrophe that keeps it text.
    expect(text).toContain(`;"'=HYPERLINK(""https://evil.example"";""klicka"")";`);
    expect(text.split('\r\n')).toHaveLength(5);
  });

  it('is read by the DPO and the security officer for every committee, by a coordinator for their own, by nobody else', () => {
    const all = DEMO_COMMITTEES.map((c) => c.code);
    expect(registerCommitteesOf(person('dataskyddsombud'), all)).toEqual(all);
    expect(registerCommitteesOf(person('sakerhetsansvarig'), all)).toEqual(all);
    expect(registerCommitteesOf(person('samordnare'), all)).toEqual(['SN', 'KFN']);
    for (const persona of ['medarbetare', 'fortroendevald', 'chef', 'itsakerhetsansvarig']) expect([persona, registerCommitteesOf(person(persona), all)]).toEqual([persona, []]);
    expect(mayReadRegister(undefined, 'SN')).toBe(false);
    expect(mayReadRegister(person('samordnare'), 'KS')).toBe(false);
  });
});
