import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readPlanFile } from '../../src/actionplan/plan-import';
import { saveQuarterStatuses } from '../../src/actionplan/save-quarter-statuses';
import { formErrorText } from '../../bot/cards/incident-card-data';
import { triageRefusalText } from '../../bot/cards/incident-texts';
import { fixedClock } from '../../src/clock/clock';
import { loadConfig } from '../../src/config/config';
import { knownAreas } from '../../src/demo/seed-demo-data';
import { t } from '../../src/i18n/texts';
import { validateIncidentForm, type FormField } from '../../src/incidents/incident-report';
import { loadIncidentRules } from '../../src/incidents/incident-rules';
import { applyTriage } from '../../src/incidents/triage';
import { CampaignInputSchema } from '../../src/learning/campaign';
import { readCampaignFile } from '../../src/learning/campaign-file';
import { parseModuleFile } from '../../src/learning/module-file';
import { personFrom } from '../../src/organisation/organisation';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { checkFreeText } from '../../src/text/free-text';
import { incident } from '../contract/store-contract';
import { validForm } from '../support/incident-forms';

/** Each kind of character that deceives, inside otherwise ordinary text. */
const BAD: [string, string, string][] = [
  ['a C0 control', 'Mejl\u0007 från IT', 'U+0007'],
  ['DEL', 'Mejl\u007F från IT', 'U+007F'],
  ['a C1 control (NEL)', 'Mejl\u0085 från IT', 'U+0085'],
  ['a C1 control (CSI)', 'Mejl\u009B från IT', 'U+009B'],
  ['a right-to-left override', 'faktura\u202Efdp.exe', 'U+202E'],
  ['a left-to-right embedding', 'a\u202Ab', 'U+202A'],
  ['a right-to-left isolate', 'a\u2067b\u2069', 'U+2067'],
  ['a first-strong isolate', 'a\u2068b', 'U+2068'],
  ['a lone high surrogate', 'Mejl \uD83D från IT', 'U+D83D'],
  ['a lone low surrogate', 'Mejl \uDE00 från IT', 'U+DE00'],
];
const INVISIBLE: [string, string][] = [
  ['zero-width spaces', '\u200B\u200B\u200B'],
  ['zero-width joiners and non-joiners', '\u200C\u200D'],
  ['a word joiner', '\u2060'],
  ['a byte order mark among spaces', ' \uFEFF '],
  ['a Hangul filler', '\u3164'],
  ['blank braille', '\u2800\u2800'],
  ['no-break and ideographic spaces with a soft hyphen', '\u00A0\u3000\u00AD'],
];
/** Text that trim() empties is an empty field (required, or left out); what trim() keeps is refused as invisible. */
const VISIBLE_TO_TRIM = INVISIBLE.filter(([, text]) => text.trim() !== '');
const FINE = ['Vanlig text', 'Rad ett\nrad två\tmed tabb\r\n', 'Emoji 😀 och ÅÄÖ', 'עברית and العربية read right to left by themselves', 'a\u200Db (a joiner inside a word)', ''];

describe('the free-text rule', () => {
  it.each(BAD)('refuses %s, naming the character', (_name, text, character) => {
    expect(checkFreeText(text)).toEqual({ code: 'badCharacters', character });
  });

  it.each(INVISIBLE)('refuses text made only of %s', (_name, text) => {
    expect(checkFreeText(text)).toEqual({ code: 'onlyInvisible' });
  });

  it.each(FINE)('accepts %j', (text) => {
    expect(checkFreeText(text)).toBeUndefined();
  });
});

describe('the incident form', () => {
  const NOW = new Date('2026-03-02T09:00:00Z');
  const errorsOf = (overrides: Record<string, unknown>) => {
    const r = validateIncidentForm(validForm(overrides), NOW, ['SN']);
    return 'errors' in r ? Object.fromEntries(Object.entries(r.errors).map(([f, e]) => [f, formErrorText('sv', f as FormField, e)])) : {};
  };

  it.each(BAD)('refuses a description with %s, naming the field', (_name, text) => {
    expect(errorsOf({ description: text })).toEqual({
      description: 'Beskrivning: innehåller otillåtna tecken (osynliga styrtecken, tecken som vänder textriktningen eller trasiga tecken). Skriv texten utan dem.',
    });
  });

  it.each(BAD)('refuses an affected system with %s', (_name, text) => {
    expect(Object.keys(errorsOf({ affectedSystem: text }))).toEqual(['affectedSystem']);
  });

  it.each(VISIBLE_TO_TRIM)('refuses a description of only %s', (_name, text) => {
    expect(errorsOf({ description: text })).toEqual({ description: 'Beskrivning: består bara av osynliga tecken. Skriv en synlig text.' });
    expect(errorsOf({ affectedSystem: text })).toEqual({ affectedSystem: 'Berörd information eller system: består bara av osynliga tecken. Skriv en synlig text.' });
  });

  it('still takes ordinary text with line breaks, tabs and emoji', () => {
    expect(validateIncidentForm(validForm({ description: FINE[1] + FINE[2]! }), NOW, ['SN'])).toHaveProperty('report');
  });
});

describe('the closing note', () => {
  const resolved = incident('INC-1', { status: 'Åtgärdad', assessedAt: '2026-03-03T09:00:00.000Z' });
  const rules = loadIncidentRules(loadConfig({}).incidentRulesFile);
  const close = (note: string) => {
    const outcome = applyTriage(resolved, { type: 'close', note }, 'p', new Date('2026-03-03T10:00:00Z'), rules);
    return 'refused' in outcome ? triageRefusalText('sv', outcome.refused) : outcome;
  };

  it.each(BAD)('refuses a note with %s', (_name, text) => {
    expect(close(text)).toBe('Avslutande kommentar: innehåller otillåtna tecken (osynliga styrtecken, tecken som vänder textriktningen eller trasiga tecken). Skriv kommentaren utan dem.');
  });

  it.each(INVISIBLE)('refuses a note of only %s', (_name, text) => {
    // Only white space is an empty note; what trim() keeps is invisible.
    expect([t('sv', 'incident.refused.noteOnlyInvisible'), t('sv', 'incident.refused.noteRequired')]).toContain(close(text));
    if (text.trim() !== '') expect(close(text)).toBe('Avslutande kommentar: består bara av osynliga tecken. Skriv en synlig text.');
  });

  it('closes with an ordinary note', () => {
    expect(close('Klart.\nLösenord bytt.')).toMatchObject({ patch: { status: 'Stängd', closingNote: 'Klart.\nLösenord bytt.' } });
  });
});

describe('the status comment on the action-plan card', () => {
  const coordinator = personFrom([{ personId: 'p1', displayName: 'Sara', email: 's@x', role: 'samordnare', committeeCode: 'SN' }]);
  const save = async (comment: string) => {
    const store = SqliteStore.inMemory();
    try {
      await store.activities.create('activity:2026-a', { year: 2026, activityId: '2026-a', area: 'Nätverk', title: 'Riskanalys', description: '', quarters: [1], committees: ['*'] });
      const outcome = await saveQuarterStatuses(
        { store, ops: SqliteOperationalStore.inMemory(), clock: fixedClock('2026-02-01T10:00:00Z') },
        { personId: 'p1', person: coordinator },
        { year: 2026, quarter: 1, committeeCode: 'SN' },
        [{ activityId: '2026-a', status: 'Påbörjad', comment, seenVersion: '' }],
      );
      return { outcome, stored: (await store.activityStatuses.query()).map((s) => s.value.comment) };
    } finally {
      await store.close();
    }
  };

  it.each(BAD)('refuses a comment with %s and stores nothing', async (_name, text) => {
    const { outcome, stored } = await save(text);
    expect(outcome).toMatchObject({ saved: [], problems: [{ title: 'Riskanalys', code: 'commentBadCharacters' }] });
    expect(stored).toEqual([]);
    expect(t('sv', 'plan.problem.commentBadCharacters', { title: 'Riskanalys' })).toMatch(/^Riskanalys: kommentaren innehåller otillåtna tecken/);
  });

  it.each(VISIBLE_TO_TRIM)('refuses a comment of only %s', async (_name, text) => {
    const { outcome, stored } = await save(text);
    expect(outcome).toMatchObject({ saved: [], problems: [{ title: 'Riskanalys', code: 'commentOnlyInvisible' }] });
    expect(stored).toEqual([]);
  });

  it('saves an ordinary comment', async () => {
    expect((await save('Klar till hälften')).stored).toEqual(['Klar till hälften']);
  });
});

describe('plan import', () => {
  const context = { areas: knownAreas(), committees: ['SN'] };
  const HEADER = 'år;id;område;titel;beskrivning;kvartal;nämnder;status;kommentar';
  const problemsOf = (text: string) => {
    const r = readPlanFile(Buffer.from(text, 'utf8'), context);
    return 'problems' in r ? r.problems.map((p) => `${p.where}: ${p.message}`) : [];
  };
  const json = (activity: Record<string, unknown>) =>
    JSON.stringify({ year: 2026, activities: [{ activityId: 'a', area: 'Nätverk', title: 'T', description: '', quarters: [1], committees: ['*'], ...activity }] });

  // UTF-8 cannot carry a lone surrogate (the decoder refuses it), so those come only through JSON's \u escapes.
  it.each(BAD.filter(([name]) => !name.includes('surrogate')))('refuses a title, description or comment with %s in CSV, naming field and character', (_name, text, character) => {
    expect(problemsOf(`${HEADER}\n2026;a;Nätverk;"${text}";"${text}";1;*;Påbörjad;"${text}"\n`)).toEqual(
      ['titel', 'beskrivning', 'kommentar'].map((field) => `rad 2: ${field}: innehåller det otillåtna tecknet ${character} (ett osynligt styrtecken, ett tecken som vänder textriktningen eller ett trasigt tecken); ta bort det`),
    );
  });

  it.each(BAD)('refuses a title with %s in JSON', (_name, text, character) => {
    expect(problemsOf(json({ title: text }))).toEqual([`activities[0]: titel: innehåller det otillåtna tecknet ${character} (ett osynligt styrtecken, ett tecken som vänder textriktningen eller ett trasigt tecken); ta bort det`]);
  });

  it.each(VISIBLE_TO_TRIM)('refuses a title of only %s', (_name, text) => {
    expect(problemsOf(json({ title: text }))).toEqual(['activities[0]: titel: består bara av osynliga tecken; skriv en synlig text']);
  });
});

describe('learning module files', () => {
  const good = readFileSync(path.join(loadConfig({}).learning.dir, 'natfiske.yaml'), 'utf8');
  const problemsOf = (source: string) => {
    const r = parseModuleFile('natfiske.yaml', source, 'natfiske');
    return 'problems' in r ? r.problems.map((p) => `${p.line}: ${p.message}`) : [];
  };
  const title = /^title: .*$/m;

  it.each(BAD)('refuses a title with %s, naming field and character', (_name, text, character) => {
    expect(problemsOf(good.replace(title, `title: ${JSON.stringify(text)}`))).toEqual([
      `3: title: Titeln: innehåller det otillåtna tecknet ${character} (ett osynligt styrtecken, ett tecken som vänder textriktningen eller ett trasigt tecken); ta bort det`,
    ]);
  });

  it.each(VISIBLE_TO_TRIM)('refuses a title of only %s', (_name, text) => {
    expect(problemsOf(good.replace(title, `title: ${JSON.stringify(text)}`))).toEqual(['3: title: Titeln: består bara av osynliga tecken; skriv en synlig text']);
  });

  it('checks the texts of steps and quiz too', () => {
    const source = good.replace('Nätfiske (phishing)', 'Nätfiske \u202E(phishing)').replace('feedback: Rapportera', 'feedback: \u2066Rapportera');
    expect(problemsOf(source)).toEqual([
      expect.stringMatching(/^9: steps\.0\.text: Stegets text: innehåller det otillåtna tecknet U\+202E/),
      expect.stringMatching(/^38: quiz\.0\.choices\.1\.feedback: Återkopplingen: innehåller det otillåtna tecknet U\+2066/),
    ]);
  });
});

describe('campaigns from a file or the command line', () => {
  const campaign = { moduleId: 'natfiske', audience: 'namnder', committeeCodes: ['SN'], startDate: '2030-01-13', dueDate: '2030-01-31' };
  const messagesOf = (input: unknown) => {
    const r = CampaignInputSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it.each(BAD)('refuses a module or committee with %s', (_name, text, character) => {
    expect(messagesOf({ ...campaign, moduleId: `natfiske${text}` })).toEqual([
      `modul: innehåller det otillåtna tecknet ${character} (ett osynligt styrtecken, ett tecken som vänder textriktningen eller ett trasigt tecken); ta bort det`,
    ]);
    expect(messagesOf({ ...campaign, committeeCodes: [`SN${text}`] })).toEqual([
      `nämnder: innehåller det otillåtna tecknet ${character} (ett osynligt styrtecken, ett tecken som vänder textriktningen eller ett trasigt tecken); ta bort det`,
    ]);
  });

  it('reads a campaign file with such a character to a refusal, not a crash', () => {
    const read = readCampaignFile('- moduleId: "natfiske\\u202E"\n  audience: alla\n  startDate: 2030-01-13\n  dueDate: 2030-01-31\n');
    expect('inputs' in read && messagesOf(read.inputs[0])).toEqual([expect.stringMatching(/^modul: innehåller det otillåtna tecknet U\+202E/)]);
  });
});
