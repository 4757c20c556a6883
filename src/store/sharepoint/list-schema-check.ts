import { KEY_COLUMN } from '../field-values';
import type { ColumnDefinition, ListDefinition } from '../list-schema';

/**
 * Compares the lists on the site with the schema in infra/sharepoint/lists.json and names exactly
 * what is missing or wrong. A missing or renamed list is the most common failure of
 * SharePoint-backed Teams apps; saying so at start-up beats a 404 on the first report.
 */
export interface SiteColumn {
  id: string;
  name: string;
  displayName?: string;
  indexed?: boolean;
  enforceUniqueValues?: boolean;
  text?: { allowMultipleLines?: boolean; textType?: 'plain' | 'richText' };
  number?: object;
  dateTime?: object;
  boolean?: object;
  choice?: { choices?: string[] };
}

export interface SiteList {
  id: string;
  displayName: string;
  columns?: SiteColumn[];
}

/** The column a schema entry needs on the site, including our idempotency key. */
export function requiredColumns(list: ListDefinition): (ColumnDefinition & { unique?: boolean })[] {
  return [{ name: KEY_COLUMN, type: 'text', indexed: true, unique: true }, ...list.columns];
}

export function facetOf(column: SiteColumn): ColumnDefinition['type'] | 'richText' | 'other' {
  // Rich text is another type for us: SharePoint wraps what is saved there in HTML.
  if (column.text) return column.text.textType === 'richText' ? 'richText' : column.text.allowMultipleLines ? 'note' : 'text';
  if (column.number) return 'number';
  if (column.dateTime) return 'dateTime';
  if (column.boolean) return 'boolean';
  if (column.choice) return 'choice';
  return 'other';
}

/** The site type our schema type is stored as: JSON lives in multi-line text. */
export function siteTypeOf(type: ColumnDefinition['type']): ColumnDefinition['type'] {
  return type === 'json' ? 'note' : type;
}

export type SchemaProblem =
  | { kind: 'missingList'; list: string }
  | { kind: 'missingColumn'; list: string; column: string }
  | { kind: 'wrongType'; list: string; column: string; expected: string; actual: string }
  | { kind: 'notIndexed'; list: string; column: string }
  | { kind: 'notUnique'; list: string; column: string }
  | { kind: 'missingChoices'; list: string; column: string; choices: string[] };

export function describeProblem(p: SchemaProblem): string {
  switch (p.kind) {
    case 'missingList':
      return `Listan "${p.list}" saknas på webbplatsen`;
    case 'missingColumn':
      return `Kolumnen "${p.column}" saknas i listan "${p.list}"`;
    case 'wrongType':
      return `Kolumnen "${p.column}" i "${p.list}" är av typen ${p.actual}, men ska vara ${p.expected}`;
    case 'notIndexed':
      return `Kolumnen "${p.column}" i "${p.list}" är inte indexerad`;
    case 'notUnique':
      return `Kolumnen "${p.column}" i "${p.list}" kräver inte unika värden`;
    case 'missingChoices':
      return `Kolumnen "${p.column}" i "${p.list}" saknar valen ${p.choices.join(', ')}`;
  }
}

export function schemaProblems(schema: ListDefinition[], site: SiteList[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const list of schema) {
    const onSite = site.find((l) => l.displayName === list.displayName);
    if (!onSite) {
      problems.push({ kind: 'missingList', list: list.displayName });
      continue;
    }
    for (const column of requiredColumns(list)) {
      const existing = onSite.columns?.find((c) => c.name === column.name);
      if (!existing) {
        problems.push({ kind: 'missingColumn', list: list.displayName, column: column.name });
        continue;
      }
      const actual = facetOf(existing);
      const expected = siteTypeOf(column.type);
      if (actual !== expected) problems.push({ kind: 'wrongType', list: list.displayName, column: column.name, expected, actual });
      if (column.indexed && !existing.indexed) problems.push({ kind: 'notIndexed', list: list.displayName, column: column.name });
      if (column.unique && !existing.enforceUniqueValues) problems.push({ kind: 'notUnique', list: list.displayName, column: column.name });
      const missingChoices = (column.choices ?? []).filter((c) => !existing.choice?.choices?.includes(c));
      if (column.type === 'choice' && actual === 'choice' && missingChoices.length > 0) {
        problems.push({ kind: 'missingChoices', list: list.displayName, column: column.name, choices: missingChoices });
      }
    }
  }
  return problems;
}
