import { ACTIVITY_STATUSES, type Activity, type ActivityStatusValue, type Quarter } from './activity';
import { formatCsv, parseCsv } from './csv';
import { PlanFileSchema, type PlanFile } from './plan-file';
import { t } from '../i18n/texts';
import { checkFreeText } from '../text/free-text';
import { decodeImportFile, type FileProblem } from '../text/import-file';

/**
 * Reading an action plan from CSV or JSON, row by row: every problem is reported with its line
 * (or its place in the JSON) and a file with any bad row imports nothing.
 */
export const CSV_HEADER = ['år', 'id', 'område', 'titel', 'beskrivning', 'kvartal', 'nämnder', 'status', 'kommentar'];
export const MAX_PLAN_FILE_BYTES = 10 * 1024 * 1024;

/** An activity as a plan file holds it, with the year's follow-up when the file has one. */
export type PlanRow = Activity & { status?: ActivityStatusValue; comment?: string };

export interface ImportContext {
  areas: string[];
  committees: string[];
}

/** Free text that shows something other than it says (control, bidi-override or broken characters, or nothing visible) is refused. */
function checkText(field: string, value: string, problem: (message: string) => void): void {
  const found = checkFreeText(value);
  if (found) problem(t('sv', `text.problem.${found.code}`, { field, character: found.character ?? '' }));
}

function checkRow(raw: Record<string, string>, where: string, context: ImportContext, problems: FileProblem[]): PlanRow | undefined {
  const before = problems.length;
  const problem = (message: string) => problems.push({ where, message });
  const year = Number(raw.year);
  if (!/^\d{4}$/.test(raw.year ?? '') || year < 2000 || year > 2100) problem(`år: "${raw.year ?? ''}" är inget år mellan 2000 och 2100`);
  const id = (raw.id ?? '').trim();
  if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(id)) problem(`id: "${id}" ska vara små bokstäver a–z, siffror och bindestreck (högst 100)`);
  const area = (raw.area ?? '').trim();
  if (!context.areas.includes(area)) problem(`område: "${area}" är okänt; välj ett av ${context.areas.join(', ')}`);
  const title = (raw.title ?? '').trim();
  if (title.length === 0 || title.length > 255) problem('titel: måste fyllas i (högst 255 tecken)');
  checkText('titel', title, problem);
  const description = (raw.description ?? '').trim();
  if (description.length > 4000) problem('beskrivning: högst 4 000 tecken');
  checkText('beskrivning', description, problem);
  const quarterParts = (raw.quarters ?? '').split(',').map((q) => q.trim()).filter(Boolean);
  if (quarterParts.length === 0 || quarterParts.some((q) => !/^[1-4]$/.test(q))) problem(`kvartal: "${raw.quarters ?? ''}" ska vara 1–4, flera med komma (t.ex. 2,3)`);
  const committees = (raw.committees ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  const unknown = committees.filter((c) => c !== '*' && !context.committees.includes(c));
  if (committees.length === 0) problem('nämnder: ange * för alla eller nämndkoder med komma');
  else if (unknown.length > 0) problem(`nämnder: okända koder ${unknown.join(', ')}; kända är ${context.committees.join(', ')}`);
  const status = (raw.status ?? '').trim();
  if (status && !(ACTIVITY_STATUSES as readonly string[]).includes(status)) problem(`status: "${status}" är okänd; välj ${ACTIVITY_STATUSES.join(', ')}`);
  const comment = (raw.comment ?? '').trim();
  if (comment.length > 4000) problem('kommentar: högst 4 000 tecken');
  checkText('kommentar', comment, problem);
  if (problems.length > before) return undefined;
  return {
    year,
    activityId: id,
    area,
    title,
    description,
    quarters: [...new Set(quarterParts.map(Number))].sort() as Quarter[],
    committees: committees.includes('*') ? ['*'] : committees,
    ...(status ? { status: status as ActivityStatusValue } : {}),
    ...(comment ? { comment } : {}),
  };
}

function checkAcrossRows(rows: { row: PlanRow; where: string }[], problems: FileProblem[]): void {
  const seen = new Map<string, string>();
  for (const { row, where } of rows) {
    const first = seen.get(row.activityId);
    if (first) problems.push({ where, message: `id: "${row.activityId}" finns redan (${first})` });
    else seen.set(row.activityId, where);
  }
  const years = new Set(rows.map((r) => r.row.year));
  if (years.size > 1) problems.push({ where: 'filen', message: `en fil ska gälla ett år, men har ${[...years].join(', ')}` });
}

/** Reads a plan file's bytes: UTF-8 (with or without BOM), CSV or JSON by content. */
export function readPlanFile(bytes: Buffer, context: ImportContext): { rows: PlanRow[] } | { problems: FileProblem[] } {
  const decoded = decodeImportFile(bytes, MAX_PLAN_FILE_BYTES, '"CSV UTF-8" eller JSON');
  if ('problems' in decoded) return decoded;
  const { text } = decoded;
  if (text.trim() === '') return { problems: [{ where: 'filen', message: 'filen är tom' }] };
  return text.trimStart().startsWith('{') ? readJson(text, context) : readCsv(text, context);
}

function readCsv(text: string, context: ImportContext): { rows: PlanRow[] } | { problems: FileProblem[] } {
  const [header, ...lines] = parseCsv(text);
  const problems: FileProblem[] = [];
  if (!header || header.fields.map((f) => f.trim().toLowerCase()).join(';') !== CSV_HEADER.join(';')) {
    return { problems: [{ where: 'rad 1', message: `fel kolumner: "${header?.fields.join(';') ?? ''}"; rubrikraden ska vara ${CSV_HEADER.join(';')}` }] };
  }
  if (lines.length === 0) return { problems: [{ where: 'filen', message: 'filen har inga aktiviteter' }] };
  const rows: { row: PlanRow; where: string }[] = [];
  for (const { line, fields } of lines) {
    const where = `rad ${line}`;
    if (fields.length !== CSV_HEADER.length) {
      problems.push({ where, message: `har ${fields.length} fält, ska ha ${CSV_HEADER.length}` });
      continue;
    }
    const [year, id, area, title, description, quarters, committees, status, comment] = fields as [string, string, string, string, string, string, string, string, string];
    const row = checkRow({ year, id, area, title, description, quarters, committees, status, comment }, where, context, problems);
    if (row) rows.push({ row, where });
  }
  checkAcrossRows(rows, problems);
  return problems.length > 0 ? { problems } : { rows: rows.map((r) => r.row) };
}

function readJson(text: string, context: ImportContext): { rows: PlanRow[] } | { problems: FileProblem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { problems: [{ where: 'filen', message: `ogiltig JSON: ${(err as Error).message}` }] };
  }
  const parsed = PlanFileSchema.safeParse(data);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => ({ where: i.path.join('.') || 'filen', message: i.message })) };
  const problems: FileProblem[] = [];
  const rows: { row: PlanRow; where: string }[] = [];
  parsed.data.activities.forEach((a, i) => {
    const where = `activities[${i}]`;
    const row = checkRow(
      {
        year: String(parsed.data.year),
        id: a.activityId,
        area: a.area,
        title: a.title,
        description: a.description,
        quarters: a.quarters.join(','),
        committees: a.committees.join(','),
        status: a.followUp?.status ?? '',
        comment: a.followUp?.comment ?? '',
      },
      where,
      context,
      problems,
    );
    if (row) rows.push({ row, where });
  });
  checkAcrossRows(rows, problems);
  return problems.length > 0 ? { problems } : { rows: rows.map((r) => r.row) };
}

export function activityOf({ status: _status, comment: _comment, ...activity }: PlanRow): Activity {
  return activity;
}

export function toCsv(rows: PlanRow[]): string {
  return formatCsv([
    CSV_HEADER,
    ...rows.map((r) => [String(r.year), r.activityId, r.area, r.title, r.description, r.quarters.join(','), r.committees.join(','), r.status ?? '', r.comment ?? '']),
  ]);
}

export function toPlanJson(rows: PlanRow[]): string {
  const year = rows[0]?.year ?? new Date().getFullYear();
  const plan: PlanFile = {
    year,
    activities: rows.map((r) => ({
      activityId: r.activityId,
      area: r.area,
      title: r.title,
      description: r.description,
      quarters: r.quarters,
      committees: r.committees,
      ...(r.status ? { followUp: { status: r.status, comment: r.comment ?? '' } } : {}),
    })),
  };
  return `${JSON.stringify(plan, null, 2)}\n`;
}
