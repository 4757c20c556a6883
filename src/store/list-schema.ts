import listsJson from '../../infra/sharepoint/lists.json';
import type { RepositoryName } from './store';

/** The list schema, kept as data in infra/ so that provisioning and both stores read one source. */
export type ColumnType = 'text' | 'note' | 'number' | 'boolean' | 'dateTime' | 'choice' | 'json';

export interface ColumnDefinition {
  name: string;
  type: ColumnType;
  indexed?: boolean;
  required?: boolean;
  choices?: string[];
}

export interface ListDefinition {
  repository: RepositoryName;
  displayName: string;
  columns: ColumnDefinition[];
}

export const LIST_SCHEMA_VERSION: number = listsJson.version;
export const LIST_DEFINITIONS = listsJson.lists as ListDefinition[];

export function listDefinition(repository: RepositoryName): ListDefinition {
  const found = LIST_DEFINITIONS.find((l) => l.repository === repository);
  if (!found) throw new Error(`Listan för ${repository} saknas i infra/sharepoint/lists.json`);
  return found;
}

export function indexedColumns(list: ListDefinition): string[] {
  return list.columns.filter((c) => c.indexed).map((c) => c.name);
}
