import { randomUUID } from 'node:crypto';

/** In-memory sites, lists, columns and items as SharePoint keeps them behind Graph. */
export type Facet = 'text' | 'number' | 'dateTime' | 'boolean' | 'choice';

export interface ColumnData {
  id: string;
  name: string;
  displayName: string;
  facet: Facet;
  allowMultipleLines: boolean;
  /** Multi-line text is rich text unless plain is asked for (the documentation gives no default: the stricter reading). */
  textType: 'plain' | 'richText';
  maxLength: number;
  choices: string[];
  indexed: boolean;
  enforceUniqueValues: boolean;
  required: boolean;
  hidden: boolean;
  readOnly: boolean;
}

export interface ItemData {
  id: number;
  guid: string;
  version: number;
  created: string;
  modified: string;
  fields: Record<string, unknown>;
}

export interface ListData {
  id: string;
  displayName: string;
  created: string;
  columns: ColumnData[];
  items: Map<number, ItemData>;
  nextId: number;
}

export interface SiteData {
  id: string;
  hostname: string;
  path: string;
  displayName: string;
  lists: Map<string, ListData>;
}

export function newColumn(partial: Partial<ColumnData> & Pick<ColumnData, 'name' | 'facet'>): ColumnData {
  return {
    id: randomUUID(),
    displayName: partial.name,
    allowMultipleLines: false,
    textType: 'plain',
    maxLength: 255,
    choices: [],
    indexed: false,
    enforceUniqueValues: false,
    required: false,
    hidden: false,
    readOnly: false,
    ...partial,
  };
}

/** The columns every genericList starts with: Title, and the system columns that are read-only (FileLeafRef is shown as Name). */
export function genericListColumns(): ColumnData[] {
  return [
    newColumn({ name: 'Title', displayName: 'Title', facet: 'text', required: true }),
    newColumn({ name: 'LinkTitle', displayName: 'Title', facet: 'text', readOnly: true, hidden: true }),
    newColumn({ name: 'FileLeafRef', displayName: 'Name', facet: 'text', readOnly: true, hidden: true }),
    newColumn({ name: 'Author', displayName: 'Created By', facet: 'text', readOnly: true }),
    newColumn({ name: 'Editor', displayName: 'Modified By', facet: 'text', readOnly: true }),
    newColumn({ name: 'ContentType', facet: 'text', readOnly: true }),
    newColumn({ name: 'Created', facet: 'dateTime', readOnly: true }),
    newColumn({ name: 'Modified', facet: 'dateTime', readOnly: true }),
    newColumn({ name: 'Attachments', facet: 'boolean', readOnly: true }),
    newColumn({ name: 'ID', facet: 'number', readOnly: true, indexed: true }),
  ];
}

export function etagOf(item: ItemData): string {
  return `"${item.guid},${item.version}"`;
}

/** SharePoint keeps date and time to the second and returns it in UTC with a Z. */
export function sharePointDateTime(value: string): string {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
