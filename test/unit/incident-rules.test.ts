import { loadConfig } from '../../src/config/config';
import { deadlinesFor, dueReminders } from '../../src/incidents/deadlines';
import type { Incident } from '../../src/incidents/incident';
import { loadIncidentRules } from '../../src/incidents/incident-rules';
import { validateIncidentForm, type FormField } from '../../src/incidents/incident-report';
import { applyTriage, canTriage, type TriageOutcome } from '../../src/incidents/triage';
import { formErrorText } from '../../bot/cards/incident-card-data';
import { triageRefusalText } from '../../bot/cards/incident-texts';
import { personFrom } from '../../src/organisation/organisation';
import { incident } from '../contract/store-contract';
import { validForm } from '../support/incident-forms';

const rules = loadIncidentRules(loadConfig({}).incidentRulesFile);
const NOW = new Date('2026-03-02T09:00:00Z'); // 10:00 in Stockholm
const COMMITTEES = ['KS', 'SN', 'BUN', 'KFN', 'SBN'];

describe('legal deadlines from the rules', () => {
  it('gives a personal data breach the IMY clock: 72 hours from discovery, owned by the committee and the security officer', () => {
    const d = deadlinesFor(incident('INC-1', { personalData: true, discoveredAt: '2026-03-02T08:00:00.000Z' }), rules);
    expect(d.map((x) => [x.id, x.state, x.dueAt, x.owners])).toEqual([['imy', 'running', '2026-03-05T08:00:00.000Z', ['samordnare', 'sakerhetsansvarig']]]);
  });

  it('starts no clock for a weakness, and marks a clock done when the action is recorded', () => {
    expect(deadlinesFor(incident('INC-1', { kind: 'weakness', personalData: true }), rules)).toEqual([]);
    const done = deadlinesFor(incident('INC-1', { personalData: true, imyNotifiedAt: '2026-03-03T10:00:00.000Z' }), rules);
    expect(done[0]).toMatchObject({ state: 'done', doneAt: '2026-03-03T10:00:00.000Z' });
  });

  it('reminds at the latest step reached, and not once the action is recorded or the incident closed', () => {
    const open = incident('INC-1', { personalData: true, discoveredAt: '2026-03-02T08:00:00.000Z' });
    expect(dueReminders(open, rules, new Date('2026-03-03T07:00:00Z'))).toEqual([]);
    expect(dueReminders(open, rules, new Date('2026-03-03T09:00:00Z')).map((r) => r.hoursBefore)).toEqual([48]);
    expect(dueReminders(open, rules, new Date('2026-03-05T05:00:00Z')).map((r) => r.hoursBefore)).toEqual([4]);
    expect(dueReminders({ ...open, imyNotifiedAt: '2026-03-04T00:00:00.000Z' }, rules, new Date('2026-03-05T05:00:00Z'))).toEqual([]);
    expect(dueReminders({ ...open, status: 'Stängd' }, rules, new Date('2026-03-05T05:00:00Z'))).toEqual([]);
  });
});

describe('validating the incident form', () => {
  const check = (overrides: Record<string, unknown>) => validateIncidentForm(validForm(overrides), NOW, COMMITTEES);
  const errorsOf = (overrides: Record<string, unknown>) => {
    const r = check(overrides);
    // The rules give reason codes; what the person reads is the Swedish text made from them.
    return 'errors' in r ? Object.fromEntries(Object.entries(r.errors).map(([f, e]) => [f, formErrorText('sv', f as FormField, e)])) : {};
  };

  it('names a system from the register by its id, refuses one no longer there, and keeps free text beside it', () => {
    const register = [{ assetId: 'sn-ifo', assetName: 'Verksamhetssystemet för IFO' }];
    const chosen = validateIncidentForm(validForm({ assetId: 'sn-ifo', affectedSystem: '' }), NOW, COMMITTEES, register);
    expect('report' in chosen && chosen.report).toMatchObject({ assetId: 'sn-ifo', affectedSystem: 'Verksamhetssystemet för IFO' });
    // The reporter's own words win: they may name a module or the information within the system.
    const both = validateIncidentForm(validForm({ assetId: 'sn-ifo', affectedSystem: 'Journalerna i IFO' }), NOW, COMMITTEES, register);
    expect('report' in both && both.report).toMatchObject({ assetId: 'sn-ifo', affectedSystem: 'Journalerna i IFO' });
    const free = validateIncidentForm(validForm({ affectedSystem: 'Ett eget Excelark' }), NOW, COMMITTEES, register);
    expect('report' in free && free.report.assetId).toBeUndefined();
    const gone = validateIncidentForm(validForm({ assetId: 'borttagen' }), NOW, COMMITTEES, register);
    expect('errors' in gone && formErrorText('sv', 'assetId', gone.errors.assetId!)).toBe('System i registret: systemet finns inte längre i registret. Välj ett annat eller skriv namnet som fritext.');
  });

  it('accepts a complete report and turns Stockholm times into instants', () => {
    const r = check({ personalData: 'true', approxPeopleAffected: '120', sensitiveData: 'true' });
    expect('report' in r && r.report).toMatchObject({
      discoveredAt: '2026-03-02T07:30:00.000Z',
      occurredAt: '2026-03-02T07:10:00.000Z',
      approxPeopleAffected: 120,
      sensitiveData: true,
      personalIdentityNumbers: false,
      aspects: ['konfidentialitet', 'riktighet'],
    });
  });

  it.each([
    ['an empty description', { description: '' }, 'description', 'Beskrivning: måste fyllas i.'],
    ['a description of 4,001 characters', { description: 'x'.repeat(4001) }, 'description', 'Beskrivning: högst 4 000 tecken.'],
    ['only spaces', { description: '   ' }, 'description', 'Beskrivning: beskriv kort vad som har hänt.'],
    ['an unknown category', { category: 'ufo' }, 'category', 'Vad har hänt: välj ett av alternativen.'],
    ['no category', { category: undefined }, 'category', 'Vad har hänt: måste fyllas i.'],
    ['an unknown kind', { kind: 'skvaller' }, 'kind', 'Typ av rapport: välj incident eller brist.'],
    ['discovery tomorrow', { discoveredDate: '2026-03-03' }, 'discoveredDate', 'Datum då det upptäcktes: kan inte ligga i framtiden.'],
    ['30 February', { discoveredDate: '2026-02-30' }, 'discoveredDate', 'Datum då det upptäcktes: datumet finns inte.'],
    ['25 o’clock', { discoveredTime: '25:00' }, 'discoveredTime', 'Klockslag då det upptäcktes: ange ett klockslag (TT:MM).'],
    ['discovery before it happened', { occurredDate: '2026-03-02', occurredTime: '09:00' }, 'discoveredDate', 'Datum då det upptäcktes: kan inte vara före tidpunkten då det hände.'],
    ['an unknown förvaltning', { committeeCode: 'XX' }, 'committeeCode', 'Förvaltning: välj en förvaltning ur listan.'],
    ['a negative number of people', { approxPeopleAffected: '-3', personalData: 'true' }, 'approxPeopleAffected', 'Ungefär hur många personer: kan inte vara negativt.'],
    ['a number of people in words', { approxPeopleAffected: 'många', personalData: 'true' }, 'approxPeopleAffected', 'Ungefär hur många personer: ange ett heltal.'],
    ['an unknown aspect', { aspects: 'konfidentialitet,hemlighet' }, 'aspects', 'Vad påverkades: välj bland Konfidentialitet, Riktighet, Tillgänglighet och Spårbarhet.'],
    ['an object for a text', { description: { $ne: 1 } }, 'description', undefined],
    ['a number for a text', { description: 12345 }, 'description', 'Beskrivning: ska vara text.'],
    ['control characters', { affectedSystem: 'E-post\u0000' }, 'affectedSystem', 'Berörd information eller system: innehåller otillåtna tecken (osynliga styrtecken, tecken som vänder textriktningen eller trasiga tecken). Skriv texten utan dem.'],
  ])('refuses %s, naming the field', (_name, overrides, field, message) => {
    const errors = errorsOf(overrides);
    expect(Object.keys(errors)).toContain(field);
    if (message) expect(errors[field as keyof typeof errors]).toBe(message);
  });

  it('ignores when it happened for a weakness, where nothing has happened', () => {
    const r = check({ kind: 'weakness', occurredDate: '2026-03-05', ongoing: 'true' });
    expect('report' in r && r.report).toMatchObject({ kind: 'weakness', ongoing: false });
    expect('report' in r && r.report.occurredAt).toBeUndefined();
  });
});

describe('triage rules', () => {
  const open: Incident = incident('INC-1');
  /** A refusal as the triager reads it. */
  const said = (outcome: TriageOutcome) => ('refused' in outcome ? { refused: triageRefusalText('sv', outcome.refused) } : outcome);
  const at = new Date('2026-03-03T10:00:00Z');

  it('moves status one step at a time, and closes only with a note', () => {
    expect(applyTriage(open, { type: 'status', status: 'Under utredning' }, 'p', at, rules)).toEqual({ patch: { status: 'Under utredning' }, event: 'status Under utredning' });
    expect(applyTriage({ ...open, status: 'Under utredning' }, { type: 'status', status: 'Åtgärdad' }, 'p', at, rules)).toEqual({ patch: { status: 'Åtgärdad', resolvedAt: at.toISOString() }, event: 'status Åtgärdad' });
    expect(said(applyTriage(open, { type: 'status', status: 'Åtgärdad' }, 'p', at, rules))).toEqual({ refused: 'Status kan gå från Ny till Under utredning men inte till Åtgärdad.' });
    const assessed = { ...open, status: 'Åtgärdad' as const, assessedAt: at.toISOString() };
    expect(said(applyTriage(assessed, { type: 'close', note: ' ' }, 'p', at, rules))).toEqual({ refused: 'Avslutande kommentar: måste fyllas i.' });
    expect(applyTriage(assessed, { type: 'close', note: 'Lösenord bytt.' }, 'p', at, rules)).toMatchObject({ patch: { status: 'Stängd', closingNote: 'Lösenord bytt.' } });
    expect(said(applyTriage({ ...open, status: 'Åtgärdad' }, { type: 'close', note: 'Lösenord bytt.' }, 'p', at, rules))).toEqual({ refused: 'Incidenten kan stängas när bedömningen är gjord. Saknas: Bedömning och fakta.' });
    expect(said(applyTriage({ ...open, status: 'Stängd' }, { type: 'acknowledge' }, 'p', at, rules))).toEqual({ refused: 'Incidenten är stängd och kan inte ändras.' });
  });

  it('records acknowledgement, assignment, severity and when a report to CERT-SE was made', () => {
    expect(applyTriage(open, { type: 'acknowledge' }, 'p1', at, rules)).toMatchObject({ patch: { acknowledgedAt: at.toISOString(), acknowledgedBy: 'p1' } });
    expect(applyTriage(open, { type: 'assignToMe' }, 'p1', at, rules)).toMatchObject({ patch: { assigneeId: 'p1' } });
    expect(applyTriage(open, { type: 'severity', severity: 'hög' }, 'p1', at, rules)).toMatchObject({ patch: { severity: 'hög' } });
    expect(applyTriage(open, { type: 'severity', severity: 'apokalyptisk' }, 'p1', at, rules)).toHaveProperty('refused');
    const significant = { ...open, significant: true, significantDecidedAt: '2026-03-02T12:00:00.000Z' };
    expect(applyTriage(significant, { type: 'deadlineDone', field: 'nisEarlyWarningAt', at: '2026-03-03T09:00:00.000Z' }, 'p1', at, rules)).toMatchObject({ patch: { nisEarlyWarningAt: '2026-03-03T09:00:00.000Z' } });
    expect(said(applyTriage(significant, { type: 'deadlineDone', field: 'nisEarlyWarningAt', at: '2026-03-04T09:00:00.000Z' }, 'p1', at, rules))).toEqual({ refused: 'Tidpunkten kan inte ligga i framtiden.' });
    // IMY's notification goes with the decision, its case number and any reason for lateness
    expect(applyTriage(open, { type: 'deadlineDone', field: 'imyNotifiedAt', at: '2026-03-03T09:00:00.000Z' }, 'p1', at, rules)).toEqual({ refused: { code: 'useAssessment' } });
  });

  it('lets coordinators of that committee, the security officers and the DPO triage, nobody else', () => {
    const p = (role: string, committeeCode: string) => personFrom([{ personId: 'x', displayName: 'X', email: '', role: role as 'chef', committeeCode }]);
    expect(canTriage(p('samordnare', 'SN'), open)).toBe(true);
    expect(canTriage(p('samordnare', 'KFN'), open)).toBe(false);
    expect(canTriage(p('sakerhetsansvarig', '*'), open)).toBe(true);
    expect(canTriage(p('dataskyddsombud', '*'), open)).toBe(true);
    expect(canTriage(p('itsakerhetsansvarig', '*'), open)).toBe(true);
    expect(canTriage(p('chef', 'SN'), open)).toBe(false);
    expect(canTriage(p('medarbetare', 'SN'), open)).toBe(false);
    expect(canTriage(undefined, open)).toBe(false);
  });
});
