import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config/config';
import { INCIDENT_CATEGORIES } from '../../src/incidents/incident';
import { IncidentRulesSchema, loadIncidentRules } from '../../src/incidents/incident-rules';

/** The advice on the receipt lives in the rules file, which a municipality edits: the schema keeps it whole. */
const file = loadConfig({}).incidentRulesFile;
const raw = () => JSON.parse(readFileSync(file, 'utf8'));

describe('the reporter advice in the rules file', () => {
  it('has Swedish and English steps for every category and for a weakness', () => {
    const rules = loadIncidentRules(file);
    for (const advice of [...INCIDENT_CATEGORIES.map((c) => rules.reporterAdvice.categories[c]), rules.reporterAdvice.weakness]) {
      expect(advice.sv.length).toBeGreaterThan(0);
      expect(advice.en).toHaveLength(advice.sv.length);
    }
  });

  it('refuses a file that leaves a category without advice, or a language out', () => {
    const noCategory = raw();
    delete noCategory.reporterAdvice.categories.natfiske;
    expect(IncidentRulesSchema.safeParse(noCategory).success).toBe(false);
    const noEnglish = raw();
    delete noEnglish.reporterAdvice.weakness.en;
    expect(IncidentRulesSchema.safeParse(noEnglish).success).toBe(false);
    const empty = raw();
    empty.reporterAdvice.categories.avbrott.sv = [];
    expect(IncidentRulesSchema.safeParse(empty).success).toBe(false);
  });
});
