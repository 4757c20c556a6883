import { cardAbilitiesOf, helpCardData, welcomeCardData } from '../../bot/cards/card-data';
import { renderCard, TEAMS_CARD_LIMIT_BYTES } from '../../bot/cards/card-templates';
import { MAX_FORM_ASSETS } from '../../src/assets/asset-store';
import { DEMO_COMMITTEES } from '../../src/demo/demo-organisation';
import { incidentFormData, incidentListData, incidentReceiptData } from '../../bot/cards/incident-card-data';
import { describePerson } from '../../bot/flows/help-flow';
import { loadConfig } from '../../src/config/config';
import { INCIDENT_CATEGORIES, type Incident } from '../../src/incidents/incident';
import { loadIncidentRules } from '../../src/incidents/incident-rules';
import type { Person } from '../../src/organisation/organisation';
import { verbsIn } from './card-samples';

/** The cards a staff member meets, as they read them. */
const rules = loadIncidentRules(loadConfig({}).incidentRulesFile);
const texts = (card: unknown): string[] => {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object')
      for (const [k, v] of Object.entries(n)) {
        if (['text', 'title', 'label', 'errorMessage', 'value'].includes(k) && typeof v === 'string') out.push(v);
        else walk(v);
      }
  };
  walk(card);
  return out;
};
const buttons = (card: { actions?: { title: string }[] }) => (card.actions ?? []).map((a) => a.title);
const person = (...assignments: Person['assignments']): Person => ({ id: 'p', displayName: 'Sara Lind', email: 's@x', assignments });
const url = 'http://localhost:3978/tab/';

describe('the welcome and help cards fit the person', () => {
  const staff = person({ role: 'medarbetare', committeeCode: 'SN' });
  const coordinator = person({ role: 'medarbetare', committeeCode: 'SN' }, { role: 'samordnare', committeeCode: 'SN' }, { role: 'samordnare', committeeCode: 'KFN' });
  const manager = person({ role: 'chef', committeeCode: 'SN' });

  it('offers a staff member only what they can use: no Mina aktiviteter, no status tab', () => {
    for (const card of [renderCard('welcome', welcomeCardData('sv', url, cardAbilitiesOf(staff))), renderCard('help', helpCardData('sv', 'x', url, cardAbilitiesOf(staff)))]) {
      expect(buttons(card as never)).toEqual(['Rapportera incident', 'Min utbildning']);
      expect([...verbsIn(card)]).not.toContain('actionplan.mine');
    }
    const help = texts(renderCard('help', helpCardData('sv', 'x', url, cardAbilitiesOf(staff))));
    expect(help).not.toContain('mina aktiviteter');
    expect(help).not.toContain('status');
    expect(texts(renderCard('welcome', welcomeCardData('sv', url, cardAbilitiesOf(staff)))).join(' ')).not.toContain('handlingsplan');
  });

  it('offers a coordinator their activities and the status tab; a manager the tab only; someone unknown what anyone can use', () => {
    expect(buttons(renderCard('welcome', welcomeCardData('sv', url, cardAbilitiesOf(coordinator))) as never)).toEqual(['Rapportera incident', 'Min utbildning', 'Mina aktiviteter', 'Öppna status']);
    expect(buttons(renderCard('help', helpCardData('sv', 'x', url, cardAbilitiesOf(manager))) as never)).toEqual(['Rapportera incident', 'Min utbildning', 'Öppna status']);
    expect(buttons(renderCard('help', helpCardData('en', 'x', url, cardAbilitiesOf(undefined))) as never)).toEqual(['Report an incident', 'My training']);
  });

  it('names each role once, with its committees', () => {
    const names = new Map([['SN', 'Socialnämnden'], ['KFN', 'Kultur- och fritidsnämnden']]);
    const twice = person(...coordinator.assignments, { role: 'samordnare', committeeCode: 'SN' });
    expect(describePerson(twice, names, 'sv')).toBe('Du är Sara Lind – medarbetare i Socialnämnden; informationssäkerhetssamordnare i Socialnämnden och Kultur- och fritidsnämnden.');
    expect(describePerson(person({ role: 'sakerhetsansvarig', committeeCode: 'SN' }, { role: 'sakerhetsansvarig', committeeCode: '*' }), names, 'en')).toBe(
      'You are Sara Lind – information security officer for the whole municipality.',
    );
  });
});

describe('the report form', () => {
  const form = renderCard('incidentForm', incidentFormData('sv', { submissionId: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e', committees: [{ code: 'SN', name: 'Socialnämnden', administration: 'Socialförvaltningen' }], values: {} }));
  const inputs = JSON.stringify(form);

  it('says what to do when a required input is left empty', () => {
    expect(inputs).toContain('"label":"Vad har hänt","isRequired":true,"errorMessage":"Välj vad som har hänt"');
    expect(inputs).toContain('"errorMessage":"Beskriv vad som har hänt"');
    expect(inputs).not.toContain(' *"');
  });

  it('offers the register’s systems to search, with free text beside it, and no list where the register is empty', () => {
    expect(inputs).not.toContain('"id":"assetId"');
    const withRegister = renderCard(
      'incidentForm',
      incidentFormData('sv', { submissionId: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e', committees: [{ code: 'SN', name: 'Socialnämnden', administration: 'Socialförvaltningen' }], assets: [{ assetId: 'sn-ifo', label: 'Verksamhetssystemet för IFO (Socialnämnden)' }], values: {} }),
    );
    const body = JSON.stringify(withRegister);
    expect(body).toContain('"type":"Input.ChoiceSet","id":"assetId","label":"System i förvaltningens register","style":"filtered","placeholder":"Sök på systemets namn"');
    expect(body).toContain('"choices":[{"title":"Verksamhetssystemet för IFO (Socialnämnden)","value":"sn-ifo"}]');
    expect(texts(withRegister)).toContain('Finns systemet inte i listan, eller gäller det information? Skriv det här.');
    expect(body).toContain('"id":"affectedSystem"');
  });

  it('stays below Teams’ size limit with the most systems it lists, each with a long name', () => {
    const assets = Array.from({ length: MAX_FORM_ASSETS }, (_, i) => ({ assetId: `bun-system-med-ett-mycket-langt-id-nummer-${i}`, label: `Verksamhetssystemet för elevhälsa, skolskjutsar och måltider, del ${i} av många` }));
    const card = renderCard('incidentForm', incidentFormData('sv', { submissionId: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e', committees: DEMO_COMMITTEES, assets, values: {} }));
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(TEAMS_CARD_LIMIT_BYTES);
  });

  it('explains the four aspects in plain words', () => {
    const shown = texts(form);
    for (const aspect of ['Konfidentialitet – ', 'Riktighet – ', 'Tillgänglighet – ', 'Spårbarhet – ']) expect(shown.some((s) => s.startsWith(aspect))).toBe(true);
  });
});

describe('the receipt says what to do now, from the rules file', () => {
  const base = { reference: 'INC-2026-0042', kind: 'incident', category: 'natfiske', discoveredAt: '2026-03-02T08:00:00.000Z', committeeCode: 'SN' } as Incident;
  const receipt = (incident: Incident, locale: 'sv' | 'en' = 'sv') => texts(renderCard('incidentReceipt', incidentReceiptData(locale, incident, 'Socialförvaltningen', false, [], rules))).join('\n');

  it('by category, in Swedish and English', () => {
    expect(receipt(base)).toContain('Det här gör du nu');
    expect(receipt(base)).toMatch(/Klicka inte på länkar/);
    expect(receipt(base)).toMatch(/skrivit in ditt lösenord: byt det/);
    expect(receipt({ ...base, category: 'forlorad-utrustning' })).toMatch(/Ring IT-supporten.*spärras/);
    expect(receipt({ ...base, category: 'felskickad-information' })).toMatch(/Be mottagaren radera/);
    expect(receipt(base, 'en')).toMatch(/What to do now[\s\S]*Do not click links/);
    for (const category of INCIDENT_CATEGORIES) expect(receipt({ ...base, category }, 'en')).toContain(rules.reporterAdvice.categories[category].en[0]);
  });

  it('for a weakness, the weakness advice whatever the category', () => {
    expect(receipt({ ...base, kind: 'weakness' })).toContain(rules.reporterAdvice.weakness.sv[0]);
    expect(receipt({ ...base, kind: 'weakness' })).not.toMatch(/Klicka inte/);
  });

  it('follows the file: a municipality’s own advice is what the reporter reads', () => {
    const own = { reporterAdvice: { ...rules.reporterAdvice, categories: { ...rules.reporterAdvice.categories, natfiske: { sv: ['Ring 010-123 45 67.'], en: ['Call 010-123 45 67.'] } } } };
    expect(texts(renderCard('incidentReceipt', incidentReceiptData('sv', base, 'Socialförvaltningen', false, [], own)))).toContain('Ring 010-123 45 67.');
  });
});

describe('`mina incidenter` for staff', () => {
  const incident = (status: Incident['status'], kind: Incident['kind']) =>
    ({ reference: 'INC-2026-0042', kind, category: 'natfiske', status, reportedAt: '2026-03-02T09:05:00.000Z' }) as Incident;
  const rows = (locale: 'sv' | 'en', own: boolean) =>
    incidentListData(locale, [{ heading: 'h', own, incidents: [incident('Ny', 'incident'), incident('Under utredning', 'weakness'), incident('Stängd', 'incident')] }]).sections[0]!.rows;

  it('says incident or weakness, and a status that tells what happens next', () => {
    const [fresh, investigated, closed] = rows('sv', true);
    expect(fresh!.title).toBe('INC-2026-0042 · Incident');
    expect(investigated!.title).toBe('INC-2026-0042 · Brist');
    expect(fresh!.status).toBe('Mottagen – säkerhetsfunktionen tittar på den');
    expect(investigated!.status).toMatch(/^Utreds – /);
    expect(closed!.status).toMatch(/^Avslutad – /);
    expect(rows('en', true)[1]!.title).toBe('INC-2026-0042 · Weakness');
    // A triager's section keeps the short status
    expect(rows('sv', false)[0]!.status).toBe('Ny');
  });

  it('keeps the date and the time together on one line', () => {
    expect(rows('sv', true)[0]!.value).toBe('Nätfiske eller bedrägeriförsök · rapporterad 2026-\u206003-\u206002\u00a010:05');
    expect(rows('en', true)[0]!.value).toMatch(/reported 02\/03\/2026,\u00a010:05$/);
  });
});
