import { deadlineRow, durationText } from '../../bot/cards/incident-deadline-rows';
import { loadConfig } from '../../src/config/config';
import { DEMO_PEOPLE } from '../../src/demo/demo-organisation';
import { seedDemoData } from '../../src/demo/seed-demo-data';
import { recipientsFor } from '../../src/incidents/incident-recipients';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { assess, missingAssessment, subjectsDuty, type AssessmentSection } from '../../src/incidents/assessment';
import { deadlinesFor, dueReminders } from '../../src/incidents/deadlines';
import type { Incident } from '../../src/incidents/incident';
import { loadIncidentRules } from '../../src/incidents/incident-rules';
import { applyTriage, mayTakeAction, type TriageAction } from '../../src/incidents/triage';
import { personFrom, type Role } from '../../src/organisation/organisation';
import { incident } from '../contract/store-contract';

/**
 * The legal process at triage, as rules: which clocks run and when, what each decision does to
 * them, what the assessment requires, and who may decide what. Times are UTC instants; the
 * comments say what they are in Stockholm.
 */
const rules = loadIncidentRules(loadConfig({}).incidentRulesFile);
const byId = (list: ReturnType<typeof deadlinesFor>) => Object.fromEntries(list.map((d) => [d.id, d]));
const person = (role: Role, committeeCode: string) => personFrom([{ personId: `${role}-${committeeCode}`, displayName: role, email: '', role, committeeCode }]);

describe('the IMY clock (GDPR art. 33)', () => {
  // Discovered Friday 27 March 2026 at 22:00 in Stockholm (CET); summer time starts on Sunday the 29th.
  const breach = incident('INC-1', { personalData: true, discoveredAt: '2026-03-27T21:00:00.000Z' });

  it('runs 72 real hours across the change to summer time, to a deadline at night', () => {
    const imy = byId(deadlinesFor(breach, rules)).imy!;
    // 72 hours later is 21:00 UTC on Monday, which is 23:00 CEST in Stockholm
    expect(imy).toMatchObject({ state: 'running', dueAt: '2026-03-30T21:00:00.000Z' });
    expect(deadlineRow('sv', imy, new Date('2026-03-28T08:00:00Z')).value).toBe('Om 2 dygn (senast 2026-03-30 23:00)');
  });

  it('counts down in the reader’s words, amber within a day and red once late', () => {
    const imy = byId(deadlinesFor(breach, rules)).imy!;
    expect(deadlineRow('sv', imy, new Date('2026-03-30T16:00:00Z'))).toMatchObject({ value: 'Om 5 timmar (senast 2026-03-30 23:00)', urgency: 'soon' });
    expect(deadlineRow('sv', imy, new Date('2026-03-31T00:10:00Z'))).toMatchObject({ value: 'Försenad 3 timmar (skulle vara klart 2026-03-30 23:00)', urgency: 'late' });
    expect(deadlineRow('en', imy, new Date('2026-03-30T20:20:00Z')).value).toMatch(/^In 40 minutes/);
    expect(durationText('sv', 1 * 3_600_000)).toBe('1 timme');
  });

  it('stops, with no reminders and no late mark, when the committee decides it is not reportable, and stays so', () => {
    const decided = { ...breach, imyReportable: false, imyMotivation: 'Krypterad dator, nyckeln inte röjd.' };
    const imy = byId(deadlinesFor(decided, rules)).imy!;
    expect(imy.state).toBe('notRequired');
    expect(deadlineRow('sv', imy, new Date('2026-04-10T08:00:00Z')).urgency).toBe('idle');
    expect(dueReminders(decided, rules, new Date('2026-03-30T20:00:00Z'))).toEqual([]);
    expect(dueReminders(breach, rules, new Date('2026-03-30T20:00:00Z')).map((r) => r.deadline.id)).toEqual(['imy']);
  });

  it('reminds the committee’s coordinators and the security officer, not the DPO, who advises', () => {
    expect(byId(deadlinesFor(breach, rules)).imy!.owners).toEqual(['samordnare', 'sakerhetsansvarig']);
    expect(rules.decisions.imy).not.toContain('dataskyddsombud');
  });
});

describe('the cybersäkerhetslagen clocks', () => {
  const hint = incident('INC-2', { essentialService: true, discoveredAt: '2026-03-14T09:00:00.000Z' });

  it('run only once the security function has judged the incident significant, not from the reporter’s tick', () => {
    expect(deadlinesFor(hint, rules)).toEqual([]);
    expect(deadlinesFor({ ...hint, significant: false, significantDecidedAt: '2026-03-14T10:00:00.000Z' }, rules)).toEqual([]);
  });

  it('give 24 and 72 hours from the decision, and the final report a month after the notification, counted in Stockholm', () => {
    const significant = { ...hint, significant: true, significantDecidedAt: '2026-03-15T09:00:00.000Z' }; // 10:00 CET
    const before = byId(deadlinesFor(significant, rules));
    expect(before['nis-early-warning']).toMatchObject({ state: 'running', dueAt: '2026-03-16T09:00:00.000Z' });
    expect(before['nis-notification']).toMatchObject({ state: 'running', dueAt: '2026-03-18T09:00:00.000Z' });
    expect(before['nis-final-report']).toMatchObject({ state: 'waiting', waitingFor: 'nisNotificationAt' });
    const notified = { ...significant, nisEarlyWarningAt: '2026-03-15T12:00:00.000Z', nisNotificationAt: '2026-03-17T09:00:00.000Z', resolvedAt: '2026-03-20T09:00:00.000Z' };
    // Handled before the date. 10:00 CET on 17 March + one month = 10:00 CEST on 17 April
    expect(byId(deadlinesFor(notified, rules))['nis-final-report']).toMatchObject({ state: 'running', dueAt: '2026-04-17T08:00:00.000Z' });
  });

  it('asks for a progress report while the incident is still going on at the final report’s date, and the final report a month after it is handled', () => {
    const notified = { ...hint, significant: true, significantDecidedAt: '2026-03-15T09:00:00.000Z', nisEarlyWarningAt: '2026-03-15T12:00:00.000Z', nisNotificationAt: '2026-03-17T09:00:00.000Z' };
    const stillOn = byId(deadlinesFor(notified, rules));
    // Known before the date, so the reminders ahead of it are for the progress report, and the final report cannot be marked done while it goes on
    expect(dueReminders(notified, rules, new Date('2026-04-16T09:00:00Z')).map((r) => r.deadline.id)).toEqual(['nis-final-report-progress']);
    expect(stillOn['nis-final-report-progress']).toMatchObject({ state: 'running', dueAt: '2026-04-17T08:00:00.000Z', doneField: 'nisProgressReportAt' });
    expect(stillOn['nis-final-report']).toMatchObject({ state: 'waiting', waitingFor: 'resolvedAt' });
    const handled = byId(deadlinesFor({ ...notified, resolvedAt: '2026-05-04T10:00:00.000Z', nisProgressReportAt: '2026-04-16T10:00:00.000Z' }, rules));
    expect(handled['nis-final-report-progress']!.state).toBe('done');
    expect(handled['nis-final-report']).toMatchObject({ state: 'running', dueAt: '2026-06-04T10:00:00.000Z' });
    // Handled before the date: one final report, no progress report
    const early = byId(deadlinesFor({ ...notified, resolvedAt: '2026-04-01T10:00:00.000Z' }, rules));
    expect(early['nis-final-report-progress']).toBeUndefined();
    expect(early['nis-final-report']).toMatchObject({ dueAt: '2026-04-17T08:00:00.000Z' });
    // The progress report is reminded like the final report it stands for
    expect(dueReminders(notified, rules, new Date('2026-04-20T08:00:00Z')).map((r) => r.deadline.id)).toContain('nis-final-report-progress');
  });
});

describe('the assessment', () => {
  const now = new Date('2026-03-03T10:00:00Z');
  const breach: Incident = incident('INC-3', { personalData: true, discoveredAt: '2026-03-02T08:00:00.000Z' });
  const run = (i: Incident, section: AssessmentSection, input: Record<string, unknown>) => assess(i, section, input, rules, 'sara', now);

  it('needs a risk and its motivation when personal data is involved, and corrects what the reporter ticked', () => {
    expect(run(breach, 'facts', { personalData: 'true' })).toEqual({ errors: { riskLevel: 'required' } });
    expect(run(breach, 'facts', { personalData: 'true', riskLevel: 'hog' })).toEqual({ errors: { riskMotivation: 'motivateRisk' } });
    const saved = run(breach, 'facts', { personalData: 'true', riskLevel: 'hog', riskMotivation: 'Hälsouppgifter om barn', subjectCategories: 'barn-elever,skyddad-identitet', dataCategories: 'sarskilda-art9', approxRecords: '300', encrypted: 'nej' });
    expect(saved).toMatchObject({ patch: { riskLevel: 'hog', subjectCategories: ['barn-elever', 'skyddad-identitet'], dataCategories: ['sarskilda-art9'], approxRecords: 300, encrypted: 'nej', assessedAt: now.toISOString(), assessedBy: 'sara' } });
    expect(run(breach, 'facts', { personalData: 'false' })).toMatchObject({ patch: { personalData: false, riskLevel: undefined, subjectCategories: [] } });
    // A toggle the card did not send changes nothing; a breach the committee has decided on stays one (art. 33.5)
    expect(run(breach, 'facts', { riskLevel: 'ingen', riskMotivation: 'x' })).toMatchObject({ patch: { personalData: true } });
    expect(run({ ...breach, imyReportable: false }, 'facts', { personalData: 'false' })).toEqual({ errors: { personalData: 'decidedAsPersonalData' } });
    expect(run(breach, 'facts', { personalData: 'true', riskLevel: 'katastrof' })).toEqual({ errors: { riskLevel: 'chooseOption', riskMotivation: 'motivateRisk' } });
  });

  it('allows "not reportable" only when the saved risk assessment says no likely risk, with a written motivation, and no notification time', () => {
    const noRisk = { ...breach, riskLevel: 'ingen' as const, riskMotivation: 'Krypterad' };
    expect(run(breach, 'imy', { imyReportable: 'nej', imyMotivation: 'Krypterad' })).toEqual({ errors: { imyReportable: 'assessRiskFirst' } });
    expect(run({ ...breach, riskLevel: 'risk' }, 'imy', { imyReportable: 'nej', imyMotivation: 'Krypterad' })).toEqual({ errors: { imyReportable: 'notReportableWithRisk' } });
    expect(run(noRisk, 'imy', { imyReportable: 'nej' })).toEqual({ errors: { imyMotivation: 'motivateNotReportable' } });
    expect(run(noRisk, 'imy', { imyReportable: 'nej', imyMotivation: 'Krypterad', imyNotifiedDate: '2026-03-03', imyNotifiedTime: '09:00' })).toEqual({ errors: { imyNotifiedDate: 'onlyWhenReportable' } });
    expect(run(noRisk, 'imy', { imyReportable: 'nej', imyMotivation: 'Krypterad' })).toMatchObject({ patch: { imyReportable: false, imyMotivation: 'Krypterad', imyDecidedBy: 'sara' }, event: 'ej anmälningspliktig till IMY' });
    expect(run({ ...noRisk, imyReportable: true, imyNotifiedAt: '2026-03-03T08:00:00.000Z' }, 'imy', { imyReportable: 'nej', imyMotivation: 'x' })).toEqual({ errors: { imyReportable: 'alreadyNotified' } });
    // A weakness has no IMY decision: nothing has happened
    expect(run({ ...noRisk, kind: 'weakness' }, 'imy', { imyReportable: 'ja' })).toEqual({ errors: { imyReportable: 'notForWeakness' } });
    expect(run({ ...breach, personalData: false }, 'imy', { imyReportable: 'ja' })).toEqual({ errors: { imyReportable: 'notPersonalData' } });
  });

  it('records when IMY was told and its case number, and asks for the reasons when it was later than 72 hours', () => {
    const later = new Date('2026-03-06T10:00:00Z');
    expect(assess(breach, 'imy', { imyReportable: 'ja', imyNotifiedDate: '2026-03-04', imyNotifiedTime: '15:30', imyCaseNumber: 'IMY-2026-77' }, rules, 'sara', later)).toMatchObject({
      patch: { imyReportable: true, imyNotifiedAt: '2026-03-04T14:30:00.000Z', imyCaseNumber: 'IMY-2026-77' },
      event: 'anmäld till IMY',
    });
    // Due 5 March 08:00 UTC; told 6 March 09:30 Stockholm
    expect(assess(breach, 'imy', { imyReportable: 'ja', imyNotifiedDate: '2026-03-06', imyNotifiedTime: '09:30' }, rules, 'sara', later)).toEqual({ errors: { imyLateReason: 'lateReasonRequired' } });
    expect(assess(breach, 'imy', { imyReportable: 'ja', imyNotifiedDate: '2026-03-06', imyNotifiedTime: '09:30', imyLateReason: 'Omfattningen klarnade först då.' }, rules, 'sara', later)).toHaveProperty('patch');
    expect(assess(breach, 'imy', { imyReportable: 'ja', imyNotifiedDate: '2026-03-07', imyNotifiedTime: '09:30' }, rules, 'sara', later)).toEqual({ errors: { imyNotifiedDate: 'inFuture' } });
    expect(assess(breach, 'imy', { imyReportable: 'ja', imyNotifiedDate: '2026-02-30', imyNotifiedTime: '10:00' }, rules, 'sara', later)).toEqual({ errors: { imyNotifiedDate: 'badDate' } });
    // A date alone would read as midnight, before a discovery the same morning
    expect(assess(breach, 'imy', { imyReportable: 'ja', imyNotifiedDate: '2026-03-02' }, rules, 'sara', later)).toEqual({ errors: { imyNotifiedDate: 'timeForDate' } });
    // The card shows the recorded time in its inputs: emptying it corrects a time recorded by mistake
    const told = { ...breach, imyReportable: true, imyNotifiedAt: '2026-03-04T14:30:00.000Z', imyCaseNumber: 'IMY-2026-77' };
    expect(assess(told, 'imy', { imyReportable: 'ja', imyNotifiedDate: '', imyNotifiedTime: '', imyCaseNumber: 'IMY-2026-77' }, rules, 'sara', later)).toMatchObject({ patch: { imyNotifiedAt: undefined } });
  });

  it('adds supplementary reports (art. 33.4) one at a time, after the notification', () => {
    const told = { ...breach, imyReportable: true, imyNotifiedAt: '2026-03-03T08:00:00.000Z', imySupplementsAt: ['2026-03-03T09:00:00.000Z'] };
    const shown = { imyReportable: 'ja', imyNotifiedDate: '2026-03-03', imyNotifiedTime: '09:00' };
    expect(run(told, 'imy', { ...shown, imySupplementDate: '2026-03-03', imySupplementTime: '10:30' })).toMatchObject({ patch: { imySupplementsAt: ['2026-03-03T09:00:00.000Z', '2026-03-03T09:30:00.000Z'] } });
    expect(run(told, 'imy', { ...shown, imySupplementDate: '2026-03-03', imySupplementTime: '08:30' })).toEqual({ errors: { imySupplementDate: 'beforeNotification' } });
    expect(run(breach, 'imy', { imyReportable: 'ja', imySupplementDate: '2026-03-03', imySupplementTime: '10:30' })).toEqual({ errors: { imySupplementDate: 'onlyWhenReportable' } });
  });

  it('says when the people concerned must be told (art. 34), and needs a motivation for an exception and the way they were told', () => {
    expect(subjectsDuty(breach)).toBe('notAssessed');
    expect(subjectsDuty({ ...breach, riskLevel: 'risk' })).toBe('notRequired');
    expect(subjectsDuty({ ...breach, riskLevel: 'hog' })).toBe('required');
    expect(subjectsDuty({ ...breach, riskLevel: 'hog', subjectsException: 'skyddade-uppgifter' })).toBe('exception');
    expect(subjectsDuty({ ...breach, riskLevel: 'hog', subjectsInformedAt: '2026-03-03T08:00:00.000Z' })).toBe('informed');
    expect(run(breach, 'imy', { imyReportable: 'ja', subjectsException: 'risken-undanrojd' })).toEqual({ errors: { subjectsExceptionMotivation: 'motivateException' } });
    expect(run(breach, 'imy', { imyReportable: 'ja', subjectsInformedDate: '2026-03-03', subjectsInformedTime: '09:00' })).toEqual({ errors: { subjectsInformedHow: 'howInformed' } });
    expect(run(breach, 'imy', { imyReportable: 'ja', subjectsException: 'none' })).toMatchObject({ patch: { subjectsException: undefined } });
  });

  it('judges significance with a motivation either way; a corrected motivation does not restart the clocks', () => {
    const hint = incident('INC-4', { essentialService: true });
    expect(run(hint, 'nis', { significant: 'ja' })).toEqual({ errors: { significantMotivation: 'motivateSignificance' } });
    const first = run(hint, 'nis', { significant: 'ja', significantMotivation: 'Hemtjänstens planering ligger nere' });
    expect(first).toMatchObject({ patch: { significant: true, significantDecidedAt: now.toISOString() }, event: 'betydande incident' });
    const judged = { ...hint, significant: true, significantDecidedAt: '2026-03-02T12:00:00.000Z', significantDecidedBy: 'johan' };
    expect(run(judged, 'nis', { significant: 'ja', significantMotivation: 'Ny motivering' })).toMatchObject({ patch: { significantDecidedAt: '2026-03-02T12:00:00.000Z', significantDecidedBy: 'johan' } });
  });

  it('sets the diarienummer and secrecy, and clears them again', () => {
    expect(run(breach, 'records', { caseNumber: 'KS 2026/123', secrecy: 'osl-26' })).toMatchObject({ patch: { caseNumber: 'KS 2026/123', secrecy: 'osl-26' } });
    expect(run(breach, 'records', { caseNumber: '', secrecy: 'none' })).toEqual({ patch: { caseNumber: undefined, secrecy: undefined }, event: 'diarium' });
    expect(run(breach, 'records', { caseNumber: 'x\u202Ey' })).toEqual({ errors: { caseNumber: 'badCharacters' } });
  });

  it('must be made before an incident is closed: the facts, the IMY decision for personal data, significance when a service was said to be hit', () => {
    const resolved = { ...breach, essentialService: true, status: 'Åtgärdad' as const };
    expect(missingAssessment(resolved)).toEqual(['facts', 'imy', 'nis']);
    const refused = applyTriage(resolved, { type: 'close', note: 'Klart.' }, 'sara', now, rules);
    expect(refused).toEqual({ refused: { code: 'assessFirst', missing: ['facts', 'imy', 'nis'] } });
    const done = { ...resolved, assessedAt: now.toISOString(), riskLevel: 'ingen' as const, imyReportable: false, significant: false };
    expect(applyTriage(done, { type: 'close', note: 'Klart.' }, 'sara', now, rules)).toHaveProperty('patch.status', 'Stängd');
  });

  it('keeps an incident open while the law still asks for something: a report due, or telling the people concerned at high risk', () => {
    const base = { ...breach, status: 'Åtgärdad' as const, resolvedAt: now.toISOString(), assessedAt: now.toISOString(), riskLevel: 'hog' as const };
    const close = (i: Incident) => applyTriage(i, { type: 'close', note: 'Klart.' }, 'sara', now, rules);
    expect(close({ ...base, imyReportable: true })).toEqual({ refused: { code: 'reportsOutstanding', deadlines: [{ label: 'Anmälan till IMY (GDPR art. 33)', labelEn: 'Notification to IMY (GDPR art. 33)' }] } });
    expect(close({ ...base, imyReportable: true, imyNotifiedAt: '2026-03-03T08:00:00.000Z' })).toEqual({ refused: { code: 'subjectsNotInformed' } });
    expect(close({ ...base, imyReportable: true, imyNotifiedAt: '2026-03-03T08:00:00.000Z', subjectsInformedAt: '2026-03-03T09:00:00.000Z', subjectsInformedHow: 'Brev' })).toHaveProperty('patch.status', 'Stängd');
    const significant = { ...base, personalData: false, essentialService: true, significant: true, significantDecidedAt: '2026-03-02T10:00:00.000Z', nisEarlyWarningAt: '2026-03-02T12:00:00.000Z', nisNotificationAt: '2026-03-03T08:00:00.000Z' };
    expect(close(significant)).toMatchObject({ refused: { code: 'reportsOutstanding', deadlines: [{ label: 'Slutrapport till CERT-SE (cybersäkerhetslagen)' }] } });
  });

  it('records only a report that is due: not one whose clock waits or does not apply', () => {
    const notSignificant = incident('INC-7', { essentialService: true, significant: false });
    expect(applyTriage(notSignificant, { type: 'deadlineDone', field: 'nisFinalReportAt', at: '2026-03-03T09:00:00.000Z' }, 'johan', now, rules)).toEqual({ refused: { code: 'noSuchClock' } });
    const waiting = { ...notSignificant, significant: true, significantDecidedAt: '2026-03-02T10:00:00.000Z' };
    expect(applyTriage(waiting, { type: 'deadlineDone', field: 'nisFinalReportAt', at: '2026-03-03T09:00:00.000Z' }, 'johan', now, rules)).toEqual({ refused: { code: 'noSuchClock' } });
    expect(applyTriage(waiting, { type: 'deadlineDone', field: 'nisEarlyWarningAt', at: '2026-03-03T09:00:00.000Z' }, 'johan', now, rules)).toHaveProperty('patch.nisEarlyWarningAt');
  });
});

describe('who may do what with an incident in Socialnämnden', () => {
  const open = incident('INC-5', { committeeCode: 'SN', personalData: true, essentialService: true });
  const actions: Record<string, TriageAction> = {
    acknowledge: { type: 'acknowledge' },
    facts: { type: 'assess', section: 'facts', input: {} },
    records: { type: 'assess', section: 'records', input: {} },
    imyDecision: { type: 'assess', section: 'imy', input: {} },
    significance: { type: 'assess', section: 'nis', input: {} },
    earlyWarning: { type: 'deadlineDone', field: 'nisEarlyWarningAt', at: '' },
  };
  const matrix: [string, Role, string, string[]][] = [
    ['the coordinator of the committee', 'samordnare', 'SN', ['acknowledge', 'facts', 'records', 'imyDecision']],
    ['a coordinator of another committee', 'samordnare', 'KFN', []],
    ['the information security officer', 'sakerhetsansvarig', '*', ['acknowledge', 'facts', 'records', 'imyDecision', 'significance', 'earlyWarning']],
    ['the IT security officer', 'itsakerhetsansvarig', '*', ['acknowledge', 'facts', 'records', 'significance', 'earlyWarning']],
    ['the data protection officer, who advises and does not notify', 'dataskyddsombud', '*', ['acknowledge', 'facts', 'records']],
    ['a data protection officer held for another committee only', 'dataskyddsombud', 'KFN', []],
    ['an information security officer held for Socialnämnden only', 'sakerhetsansvarig', 'SN', ['acknowledge', 'facts', 'records', 'imyDecision', 'significance', 'earlyWarning']],
    ['an IT security officer held for another committee only', 'itsakerhetsansvarig', 'BUN', []],
    ['a manager', 'chef', 'SN', []],
    ['a staff member', 'medarbetare', 'SN', []],
  ];
  it.each(matrix)('%s', (_who, role, committee, allowed) => {
    const viewer = person(role, committee);
    const may = Object.entries(actions).filter(([, action]) => mayTakeAction(viewer, open, action, rules)).map(([name]) => name);
    expect(may).toEqual(allowed);
  });
});

describe('who is told of a new incident', () => {
  const nameOf = (id: string) => DEMO_PEOPLE.find((p) => p.id === id)!.persona;
  const told = async (overrides: Partial<Incident>) => {
    const store = SqliteStore.inMemory();
    await seedDemoData(store);
    const people = (await recipientsFor(incident('INC-6', { committeeCode: 'SN', ...overrides }), rules, store)).map((r) => nameOf(r.personId)).sort();
    await store.close();
    return people;
  };

  it('routes malware, intrusion and outages to the IT security officer, by the rules file', async () => {
    expect(await told({ category: 'natfiske' })).toEqual(['sakerhetsansvarig', 'samordnare']);
    expect(await told({ category: 'skadlig-kod' })).toEqual(['itsakerhetsansvarig', 'sakerhetsansvarig', 'samordnare']);
    expect(await told({ category: 'avbrott' })).toEqual(['itsakerhetsansvarig', 'sakerhetsansvarig', 'samordnare']);
  });

  it('tells the DPO of personal data, and the security function of a service said to be hit', async () => {
    expect(await told({ category: 'natfiske', personalData: true })).toEqual(['dataskyddsombud', 'sakerhetsansvarig', 'samordnare']);
    expect(await told({ category: 'natfiske', essentialService: true })).toEqual(['itsakerhetsansvarig', 'sakerhetsansvarig', 'samordnare']);
  });
});
