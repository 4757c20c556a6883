import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { loadModuleLibrary } from '../../src/learning/module-library';
import { parseModuleFile } from '../../src/learning/module-file';
import { scoreQuiz } from '../../src/learning/quiz';
import { applyMove, startState } from '../../src/learning/module-steps';

const dir = loadConfig({}).learning.dir;
const good = readFileSync(path.join(dir, 'natfiske.yaml'), 'utf8');

describe('the module files in the repository', () => {
  const library = loadModuleLibrary(dir);

  it('all load, at least ten, in Swedish, each at most five minutes', () => {
    expect(library.problems).toEqual([]);
    expect(library.modules.length).toBeGreaterThanOrEqual(10);
    for (const m of library.modules) {
      expect(m.minutes).toBeLessThanOrEqual(5);
      expect(m.steps.length).toBeGreaterThanOrEqual(3);
      expect(m.quiz.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('state the legal deadlines right where they state them', () => {
    const all = library.modules.map((m) => JSON.stringify(m)).join('\n');
    expect(all).toContain('Integritetsskyddsmyndigheten (IMY) inom 72 timmar');
    expect(all).not.toMatch(/IMY[^.]{0,40}(24|48) timmar/);
    expect(all).toContain('tidig varning inom 24 timmar');
  });
});

describe('reading a module file', () => {
  const problemsOf = (source: string, id = 'natfiske') => {
    const result = parseModuleFile('natfiske.yaml', source, id);
    return 'problems' in result ? result.problems.map((p) => `${p.line}: ${p.message}`) : [];
  };

  it('accepts a good file', () => {
    expect(parseModuleFile('natfiske.yaml', good, 'natfiske')).toHaveProperty('module.id', 'natfiske');
  });

  it('names the line of a YAML syntax error', () => {
    const broken = good.replace('minutes: 4', 'minutes: [4');
    const [problem] = problemsOf(broken);
    expect(problem).toMatch(/^\d+: YAML kan inte läsas/);
  });

  it('names the line and the field of a rule broken', () => {
    expect(problemsOf(good.replace('minutes: 4', 'minutes: 8'))).toEqual(['4: minutes: En nanoutbildning får ta högst 5 minuter']);
    const twoRight = good.replace('        correct: false\n        feedback: Hot och brådska', '        correct: true\n        feedback: Hot och brådska');
    expect(problemsOf(twoRight)).toEqual(['33: quiz.0.choices: Exakt ett svarsalternativ ska vara rätt (correct: true)']);
    expect(problemsOf(good.replace('title: Nätfiske och bedrägeriförsök\n', ''))).toEqual(['1: title: Titeln saknas eller är inte text']);
    expect(problemsOf(good.replace('order: 10', 'order: 10\ncolour: blue'))).toEqual(['1: Okänt fält: colour']);
    expect(problemsOf(good, 'losenord')).toEqual(['1: id "natfiske" ska vara detsamma som filnamnet ("losenord")']);
  });

  it('refuses a module too long for five minutes', () => {
    // Six steps, each within its 700 characters, but 1,000 words together.
    const step = (i: number) => `  - title: Steg ${i}\n    text: ${'ord '.repeat(166)}slut\n`;
    const long = good.replace(/steps:\n[\s\S]*?quiz:/, `steps:\n${[1, 2, 3, 4, 5, 6].map(step).join('')}quiz:`);
    expect(problemsOf(long).join()).toMatch(/Modulen har \d+ ord; högst 750 ryms i fem minuter/);
  });

  it('loads the others when one file is broken, and names the broken one', () => {
    const temp = mkdtempSync(path.join(os.tmpdir(), 'moduler-'));
    try {
      writeFileSync(path.join(temp, 'natfiske.yaml'), good);
      writeFileSync(path.join(temp, 'trasig.yaml'), 'id: trasig\nversion: ett\n');
      writeFileSync(path.join(temp, 'kopia.yaml'), good.replace('id: natfiske', 'id: kopia'));
      writeFileSync(path.join(temp, 'LASMIG.txt'), 'not a module');
      const library = loadModuleLibrary(temp);
      expect(library.modules.map((m) => m.id).sort()).toEqual(['kopia', 'natfiske']);
      expect(library.problems.every((p) => p.file === 'trasig.yaml')).toBe(true);
      expect(library.problems.map((p) => `${p.line}: ${p.message}`)).toContain('2: version: version ska vara ett heltal');
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });
});

describe('the quiz', () => {
  const library = loadModuleLibrary(dir);
  const natfiske = library.byId('natfiske')!; // two questions; the right answers are 1 and 1
  const klassning = library.byId('informationsklassning')!;

  it('scores against the threshold: all of two, two of three at 0.6', () => {
    expect(scoreQuiz(natfiske, [1, 1], 0.6)).toEqual({ right: 2, total: 2, score: 1, passed: true });
    expect(scoreQuiz(natfiske, [1, 0], 0.6)).toMatchObject({ right: 1, passed: false });
    expect(scoreQuiz(natfiske, [1, 0], 0.5)).toMatchObject({ right: 1, passed: true });
    expect(scoreQuiz(natfiske, [1], 0.6)).toMatchObject({ right: 1, total: 2, passed: false });
    const three = { ...klassning, quiz: [...klassning.quiz, klassning.quiz[0]!] };
    expect(scoreQuiz(three, [0, 1, 1], 0.6)).toMatchObject({ right: 2, total: 3, passed: true });
    expect(scoreQuiz({ ...natfiske, passScore: 1 }, [1, 0], 0.5)).toMatchObject({ passed: false });
  });

  it('allows only the moves that fit the position', () => {
    const s0 = startState(natfiske);
    expect(applyMove(natfiske, s0, { kind: 'back' })).toBeUndefined();
    expect(applyMove(natfiske, s0, { kind: 'answer', choice: 0 })).toBeUndefined();
    const q0 = startState(natfiske, 'quiz');
    expect(applyMove(natfiske, q0, { kind: 'next' })).toBeUndefined();
    const answered = applyMove(natfiske, q0, { kind: 'answer', choice: 1 })!;
    expect(answered.a).toEqual([1]);
    expect(applyMove(natfiske, answered, { kind: 'answer', choice: 0 })).toBeUndefined();
    expect(applyMove(natfiske, answered, { kind: 'back' })).toBeUndefined();
    expect(applyMove(natfiske, answered, { kind: 'next' })!.p).toBe(natfiske.steps.length + 1);
    expect(applyMove(natfiske, q0, { kind: 'answer', choice: 5 })).toBeUndefined();
  });
});
