import listsJson from '../../infra/sharepoint/lists.json';
import type { INDEXED_COLUMNS } from './list-schema.generated';

/** The list schema, kept as data in infra/ so that provisioning and both stores read one source. */
export type ColumnType = 'text' | 'note' | 'number' | 'boolean' | 'dateTime' | 'choice' | 'json';

/** A list's name as the Store knows it (its repository), typed from the generated copy of lists.json. */
export type RepositoryName = keyof typeof INDEXED_COLUMNS;

/** The columns a query on that list may filter or order on. */
export type IndexedColumn<R extends RepositoryName> = (typeof INDEXED_COLUMNS)[R][number];

export interface ColumnDefinition {
  /** The column's name in SharePoint (and the key a SQLite item stores it under). */
  name: string;
  /**
   * The record's field it holds, when not the column's name: a field called `title` or `name` lives
   * in a column of its own name, away from SharePoint's Title and Name. Also the column's name
   * before it was renamed, which provisioning copies from on an older site.
   */
  field?: string;
  type: ColumnType;
  indexed?: boolean;
  required?: boolean;
  choices?: string[];
  /** Written by the store from the record's other fields (derived-columns.ts), never by a caller. */
  derived?: boolean;
}

export interface ListDefinition {
  repository: RepositoryName;
  displayName: string;
  columns: ColumnDefinition[];
}

export const LIST_SCHEMA_VERSION: number = listsJson.version;
export const LIST_DEFINITIONS = listsJson.lists as ListDefinition[];

/** Every list, in the order lists.json gives them. */
export const REPOSITORY_NAMES: readonly RepositoryName[] = LIST_DEFINITIONS.map((l) => l.repository);

export function listDefinition(repository: RepositoryName): ListDefinition {
  const found = LIST_DEFINITIONS.find((l) => l.repository === repository);
  if (!found) throw new Error(`Listan för ${repository} saknas i infra/sharepoint/lists.json`);
  return found;
}

/** The record's field a column holds. */
export function fieldOf(column: ColumnDefinition): string {
  return column.field ?? column.name;
}

export function indexedColumns(list: ListDefinition): string[] {
  return list.columns.filter((c) => c.indexed).map((c) => c.name);
}
