import { KEY_COLUMN, normaliseFields } from '../field-values';
import { fieldOf, type ListDefinition } from '../list-schema';
import type { StoredItem } from '../store';

/** Our values ↔ SharePoint's `fields`: arrays as JSON text, date-times in UTC, cleared fields as null. */
export interface GraphListItem {
  id: string;
  eTag?: string;
  '@odata.etag'?: string;
  createdDateTime?: string;
  lastModifiedDateTime?: string;
  fields?: GraphFields;
}

export type GraphFields = Record<string, unknown> & { '@odata.etag'?: string; Created?: string; Modified?: string; id?: string };

export function toGraphFields(list: ListDefinition, value: object, isPatch = false): Record<string, unknown> {
  const checked = normaliseFields(list, value, isPatch);
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(checked)) {
    const column = list.columns.find((c) => c.name === name)!;
    if (v === undefined) out[name] = null;
    else if (column.type === 'json') out[name] = JSON.stringify(v);
    else if (column.type === 'dateTime') out[name] = (v as string).replace(/\.000Z$/, 'Z');
    else out[name] = v;
  }
  return out;
}

export function fromGraphFields<T>(list: ListDefinition, fields: GraphFields): T {
  const value: Record<string, unknown> = {};
  for (const column of list.columns) {
    // A derived column is the store's index, not part of the record (derived-columns.ts).
    if (column.derived) continue;
    const raw = fields[column.name];
    if (raw === undefined || raw === null || raw === '') continue;
    const field = fieldOf(column);
    if (column.type === 'json') value[field] = JSON.parse(String(raw));
    else if (column.type === 'dateTime') value[field] = new Date(String(raw)).toISOString();
    else if (column.type === 'number') value[field] = Number(raw);
    else value[field] = raw;
  }
  return value as T;
}

export function storedItemFrom<T>(list: ListDefinition, item: GraphListItem): StoredItem<T> {
  const fields = item.fields ?? {};
  return {
    id: String(item.id),
    key: String(fields[KEY_COLUMN] ?? ''),
    etag: String(item.eTag ?? item['@odata.etag'] ?? fields['@odata.etag']),
    createdAt: new Date(item.createdDateTime ?? String(fields.Created)).toISOString(),
    modifiedAt: new Date(item.lastModifiedDateTime ?? String(fields.Modified)).toISOString(),
    value: fromGraphFields<T>(list, fields),
  };
}

/** After PATCH …/fields Graph returns only the field set; it carries the new eTag and times. */
export function storedItemFromFields<T>(list: ListDefinition, id: string, fields: GraphFields): StoredItem<T> {
  return storedItemFrom<T>(list, { id, fields });
}
