import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { t } from '../i18n/texts';
import { checkFreeText } from '../text/free-text';
import type { LearningModule } from './learning-module';

/** What a reviewer needs to fix a module file: where, and what is wrong, in Swedish. */
export interface ModuleProblem {
  file: string;
  line: number;
  message: string;
}

/** About 150 words a minute for careful reading: five minutes is the ceiling for a nano module. */
export const MAX_MODULE_WORDS = 750;

/**
 * Limits that keep one hostile or broken file from stopping the server: a module of 750 words is
 * a few kilobytes, and a module has no use for YAML aliases beyond a few (a "billion laughs" file
 * expands a handful of them into gigabytes).
 */
export const MAX_MODULE_FILE_BYTES = 64 * 1024;
export const MAX_MODULE_ALIASES = 20;

const text = (what: string, max: number) =>
  z
    .string({ error: `${what} saknas eller är inte text` })
    .trim()
    .min(1, `${what} får inte vara tom`)
    .max(max, `${what} får vara högst ${max} tecken`)
    .superRefine((v, ctx) => {
      const problem = checkFreeText(v);
      if (problem) ctx.addIssue({ code: 'custom', message: t('sv', `text.problem.${problem.code}`, { field: what, character: problem.character ?? '' }) });
    });

const ChoiceSchema = z.object({
  text: text('Svarsalternativet', 200),
  correct: z.boolean({ error: 'correct ska vara true eller false' }).default(false),
  feedback: text('Återkopplingen', 400),
});

const QuestionSchema = z
  .object({
    question: text('Frågan', 300),
    choices: z.array(ChoiceSchema, { error: 'choices ska vara en lista' }).min(2, 'En fråga behöver minst 2 svarsalternativ').max(4, 'En fråga får ha högst 4 svarsalternativ'),
  })
  .refine((q) => q.choices.filter((c) => c.correct).length === 1, { message: 'Exakt ett svarsalternativ ska vara rätt (correct: true)', path: ['choices'] });

const StepSchema = z.object({
  title: text('Stegets rubrik', 80),
  text: text('Stegets text', 700),
  image: z
    .object({
      url: z.string().url('Bildens adress är ingen giltig adress').refine((u) => u.startsWith('https://'), 'Bildens adress ska börja med https://'),
      alt: text('Bildens alternativtext', 200),
    })
    .optional(),
});

export const ModuleSchema = z
  .object({
    id: z.string({ error: 'id saknas' }).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id får bara innehålla a–z, 0–9 och bindestreck'),
    version: z.number({ error: 'version ska vara ett heltal' }).int('version ska vara ett heltal').min(1, 'version ska vara minst 1'),
    title: text('Titeln', 100),
    minutes: z.number({ error: 'minutes ska vara ett heltal' }).int('minutes ska vara ett heltal').min(1, 'minutes ska vara minst 1').max(5, 'En nanoutbildning får ta högst 5 minuter'),
    summary: text('Sammanfattningen', 300),
    order: z.number({ error: 'order ska vara ett tal' }).int().default(100),
    passScore: z.number({ error: 'passScore ska vara ett tal' }).gt(0, 'passScore ska vara större än 0').max(1, 'passScore får vara högst 1').optional(),
    steps: z.array(StepSchema, { error: 'steps ska vara en lista' }).min(3, 'En modul behöver minst 3 steg').max(6, 'En modul får ha högst 6 steg'),
    quiz: z.array(QuestionSchema, { error: 'quiz ska vara en lista' }).min(1, 'En modul behöver minst 1 quizfråga').max(3, 'En modul får ha högst 3 quizfrågor'),
  })
  .strict();

function wordCount(module: LearningModule): number {
  const texts = [
    ...module.steps.flatMap((s) => [s.title, s.text]),
    ...module.quiz.flatMap((q) => [q.question, ...q.choices.flatMap((c) => [c.text, c.feedback])]),
  ];
  return texts.join(' ').split(/\s+/).filter(Boolean).length;
}

/**
 * Parses and checks one module file. Every problem carries the line it is on (for a missing
 * field, the line of the object that should hold it), so a reviewer can go straight there.
 */
export function parseModuleFile(file: string, source: string, expectedId?: string): { module: LearningModule } | { problems: ModuleProblem[] } {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > MAX_MODULE_FILE_BYTES) return { problems: [tooLarge(file, bytes)] };
  try {
    return parseWithinLimits(file, source, expectedId);
  } catch (err) {
    // The yaml package throws for too many aliases; a pathological nesting can overflow the stack.
    const message = /excessive alias count/i.test((err as Error).message)
      ? `YAML kan inte läsas: filen använder fler än ${MAX_MODULE_ALIASES} alias (&/*), vilket ser ut som en attack som blåser upp filen`
      : `YAML kan inte läsas: ${(err as Error).message.split('\n')[0]}`;
    return { problems: [{ file, line: 1, message }] };
  }
}

export function tooLarge(file: string, bytes: number): ModuleProblem {
  return { file, line: 1, message: `Filen är ${Math.ceil(bytes / 1024)} kB; en modulfil får vara högst ${MAX_MODULE_FILE_BYTES / 1024} kB` };
}

function parseWithinLimits(file: string, source: string, expectedId?: string): { module: LearningModule } | { problems: ModuleProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      // An error found at the end of the file (an unclosed quote, say) is shown on its last line of text.
      problems: doc.errors.map((e) => ({
        file,
        line: Math.min(lineCounter.linePos(e.pos[0]).line, source.trimEnd().split('\n').length),
        message: `YAML kan inte läsas: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const lineOf = (path: PropertyKey[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as (string | number)[], true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    return 1;
  };
  const parsed = ModuleSchema.safeParse(doc.toJS({ maxAliasCount: MAX_MODULE_ALIASES }));
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => ({
        file,
        line: lineOf(issue.path),
        message: issue.code === 'unrecognized_keys' ? `Okänt fält: ${issue.keys.join(', ')}` : `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`,
      })),
    };
  }
  const module = parsed.data as LearningModule;
  const problems: ModuleProblem[] = [];
  if (expectedId !== undefined && module.id !== expectedId) {
    problems.push({ file, line: lineOf(['id']), message: `id "${module.id}" ska vara detsamma som filnamnet ("${expectedId}")` });
  }
  const words = wordCount(module);
  if (words > MAX_MODULE_WORDS) {
    problems.push({ file, line: lineOf(['steps']), message: `Modulen har ${words} ord; högst ${MAX_MODULE_WORDS} ryms i fem minuter` });
  }
  return problems.length ? { problems } : { module };
}
