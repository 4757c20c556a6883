import { formatCsv, parseCsv } from '../actionplan/csv';
import { isCalendarDate } from '../clock/stockholm-time';
import { t } from '../i18n/texts';
import { checkFreeText } from '../text/free-text';
import { decodeImportFile, type FileProblem } from '../text/import-file';
import { CRITICALITIES, KLASSA_LEVELS, type Criticality, type InformationAsset, type KlassaLevel } from './information-asset';

/**
 * The asset register read from a CSV file, as a municipality keeps it in a spreadsheet or exports
 * it from KLASSA: one row per system or information asset with its classification. Every problem is
 * named with its line, in Swedish, and a file with any bad row imports nothing.
 */
export const ASSET_CSV_HEADER = [
  'id',
  'namn',
  'beskrivning',
  'nämnd',
  'systemägare',
  'informationsägare',
  'kritikalitet',
  'konfidentialitet',
  'riktighet',
  'tillgänglighet',
  'spårbarhet',
  'klassad',
  'nästa översyn',
];
export const MAX_ASSET_FILE_BYTES = 5 * 1024 * 1024;

export interface AssetImportContext {
  committees: string[];
}

/** An Entra object id, as the roles list and Graph write it. */
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One row's fields in the header's order, checked; problems are added under `where`. The tab's form is checked with it too. */
export function checkAssetRow(fields: string[], where: string, context: AssetImportContext, problems: FileProblem[]): InformationAsset | undefined {
  const before = problems.length;
  const problem = (message: string) => problems.push({ where, message });
  const text = (field: string, value: string, max: number, required = false) => {
    const v = value.trim();
    if (required && !v) problem(`${field}: måste fyllas i`);
    if (v.length > max) problem(`${field}: högst ${max.toLocaleString('sv-SE')} tecken`);
    const found = checkFreeText(v);
    if (found) problem(t('sv', `text.problem.${found.code}`, { field, character: found.character ?? '' }));
    return v;
  };
  const [id, name, description, committee, systemOwner, informationOwner, criticality, ...rest] = fields.map((f) => f.trim()) as [string, string, string, string, string, string, string, ...string[]];
  const [c, i, a, s, classified, review] = rest as [string, string, string, string, string, string];
  if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(id)) problem(`id: "${id}" ska vara små bokstäver a–z, siffror och bindestreck (högst 100)`);
  const assetName = text('namn', name, 255, true);
  const desc = text('beskrivning', description, 4000);
  if (!context.committees.includes(committee)) problem(`nämnd: "${committee}" är okänd; kända är ${context.committees.join(', ')}`);
  const person = (field: string, value: string) => {
    if (value && !OBJECT_ID.test(value)) problem(`${field}: "${value}" ska vara personens objekt-id i Entra ID (GUID), eller tomt`);
    return value ? value.toLowerCase() : undefined;
  };
  const systemOwnerId = person('systemägare', systemOwner);
  const informationOwnerId = person('informationsägare', informationOwner);
  if (!(CRITICALITIES as readonly string[]).includes(criticality)) problem(`kritikalitet: "${criticality}" är okänd; välj ${CRITICALITIES.join(', ')}`);
  const level = (field: string, value: string, required: boolean): KlassaLevel | undefined => {
    if (!value) {
      if (required) problem(`${field}: en nivå 0–4 behövs när tillgången är klassad`);
      return undefined;
    }
    if (!/^[0-4]$/.test(value)) problem(`${field}: "${value}" ska vara en KLASSA-nivå 0–4`);
    return (KLASSA_LEVELS as readonly number[]).includes(Number(value)) ? (Number(value) as KlassaLevel) : undefined;
  };
  const classifiedOn = classified || undefined;
  if (classifiedOn && !isCalendarDate(classifiedOn)) problem(`klassad: "${classifiedOn}" ska vara ett datum ÅÅÅÅ-MM-DD`);
  const classificationReviewOn = review || undefined;
  if (classificationReviewOn && !isCalendarDate(classificationReviewOn)) problem(`nästa översyn: "${classificationReviewOn}" ska vara ett datum ÅÅÅÅ-MM-DD`);
  if (classifiedOn && classificationReviewOn && isCalendarDate(classifiedOn) && isCalendarDate(classificationReviewOn) && classificationReviewOn <= classifiedOn) {
    problem('nästa översyn: ska ligga efter klassningsdatumet');
  }
  // A classification is the three aspects together, with its date; spårbarhet only where the municipality uses it.
  const classifiedAtAll = Boolean(classifiedOn || c || i || a);
  const confidentiality = level('konfidentialitet', c, classifiedAtAll);
  const integrity = level('riktighet', i, classifiedAtAll);
  const availability = level('tillgänglighet', a, classifiedAtAll);
  const traceability = level('spårbarhet', s, false);
  if (classifiedAtAll && !classifiedOn) problem('klassad: datumet då klassningen gjordes behövs med nivåerna');
  if (problems.length > before) return undefined;
  return {
    assetId: id,
    assetName,
    description: desc,
    committeeCode: committee,
    ...(systemOwnerId ? { systemOwnerId } : {}),
    ...(informationOwnerId ? { informationOwnerId } : {}),
    criticality: criticality as Criticality,
    ...(confidentiality !== undefined ? { confidentiality } : {}),
    ...(integrity !== undefined ? { integrity } : {}),
    ...(availability !== undefined ? { availability } : {}),
    ...(traceability !== undefined ? { traceability } : {}),
    ...(classifiedOn ? { classifiedOn } : {}),
    ...(classificationReviewOn ? { classificationReviewOn } : {}),
  };
}

/** Reads a register file's bytes: UTF-8 CSV (with or without BOM), semicolons, the documented header. */
export function readAssetFile(bytes: Buffer, context: AssetImportContext): { assets: InformationAsset[] } | { problems: FileProblem[] } {
  const decoded = decodeImportFile(bytes, MAX_ASSET_FILE_BYTES, '"CSV UTF-8"');
  if ('problems' in decoded) return decoded;
  const [header, ...lines] = parseCsv(decoded.text);
  if (!header || header.fields.map((f) => f.trim().toLowerCase()).join(';') !== ASSET_CSV_HEADER.join(';')) {
    return { problems: [{ where: 'rad 1', message: `fel kolumner: "${header?.fields.join(';') ?? ''}"; rubrikraden ska vara ${ASSET_CSV_HEADER.join(';')}` }] };
  }
  if (lines.length === 0) return { problems: [{ where: 'filen', message: 'filen har inga tillgångar' }] };
  const problems: FileProblem[] = [];
  const assets: InformationAsset[] = [];
  const seen = new Map<string, string>();
  for (const { line, fields } of lines) {
    const where = `rad ${line}`;
    if (fields.length !== ASSET_CSV_HEADER.length) {
      problems.push({ where, message: `har ${fields.length} fält, ska ha ${ASSET_CSV_HEADER.length}` });
      continue;
    }
    // A twin is named whatever else is wrong with either row.
    const id = fields[0]!.trim();
    const first = seen.get(id);
    if (first) problems.push({ where, message: `id: "${id}" finns redan (${first})` });
    else if (id) seen.set(id, where);
    const asset = checkAssetRow(fields, where, context, problems);
    if (asset) assets.push(asset);
  }
  return problems.length > 0 ? { problems } : { assets };
}

/** The register as a file of the same shape: what the import reads, so a file can be exported, edited and read back. */
export function assetsToCsv(assets: InformationAsset[]): string {
  return formatCsv([ASSET_CSV_HEADER, ...assets.map(assetRow)]);
}

/** One asset as a row of the file, in the header's order: what the export writes and the tab's form starts from. */
export function assetRow(a: InformationAsset): string[] {
  const level = (l: KlassaLevel | undefined) => (l === undefined ? '' : String(l));
  return [
    a.assetId,
    a.assetName,
    a.description,
    a.committeeCode,
    a.systemOwnerId ?? '',
    a.informationOwnerId ?? '',
    a.criticality,
      level(a.confidentiality),
      level(a.integrity),
      level(a.availability),
      level(a.traceability),
    a.classifiedOn ?? '',
    a.classificationReviewOn ?? '',
  ];
}
