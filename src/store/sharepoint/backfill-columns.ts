import { derivedValues } from '../derived-columns';
import type { ListDefinition } from '../list-schema';
import { readAllPages } from './graph-calls';
import { fromGraphFields, type GraphListItem } from './list-item-fields';
import type { SharePointConnection } from './sharepoint-store';

/** Graph accepts at most 20 requests in one $batch. */
const BATCH_LIMIT = 20;

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

interface BatchAnswer {
  responses: { id: string; status: number }[];
}

/**
 * Fills, in the items of an existing site, the columns added after they were stored: a derived
 * column (derived-columns.ts) missing or stale, and a renamed column (lists.json `field`) still
 * empty, from the column it was called before. The whole list is read without a filter (served at
 * any size); each change carries the item's eTag, and an item the app changed meanwhile is read
 * and written again. Returns how many items were written.
 */
export async function backfillColumns(connection: SharePointConnection, list: ListDefinition, listId: string): Promise<number> {
  const renamed = list.columns.filter((c) => c.field !== undefined);
  const columns = [...list.columns.filter((c) => c.derived), ...renamed].map((c) => c.name);
  if (columns.length === 0) return 0;
  const itemsPath = `/sites/${connection.siteId}/lists/${listId}/items`;
  let written = 0;
  // An item changed meanwhile (412) is read again on the next pass: a status change by the app does
  // not write the key, so the backfill must come back to it rather than leave it to the app.
  for (let pass = 1; ; pass++) {
    const changes = await changesOf(connection, list, itemsPath, renamed);
    if (changes.length === 0) return written;
    if (pass > MAX_PASSES) throw new Error(`${list.displayName}: ${changes.length} poster ändrades medan ${columns.join(', ')} skrevs; kör npm run provision igen`);
    for (let start = 0; start < changes.length; start += BATCH_LIMIT) {
      const chunk = changes.slice(start, start + BATCH_LIMIT);
      const answer = (await connection.client.api('/$batch').post({
        requests: chunk.map((c, i) => ({
          id: String(i),
          method: 'PATCH',
          url: `${itemsPath}/${c.id}/fields`,
          headers: { 'Content-Type': 'application/json', 'If-Match': c.etag },
          body: c.fields,
        })),
      })) as BatchAnswer;
      const failed = answer.responses.filter((r) => r.status >= 400 && r.status !== 412);
      if (failed.length > 0) throw new Error(`${list.displayName}: ${failed.length} poster kunde inte få ${columns.join(', ')} (svar ${failed.map((f) => f.status).join(', ')}); kör igen`);
      written += answer.responses.filter((r) => r.status < 300).length;
    }
  }
}

/** Passes over the list before giving up on items that keep changing. */
const MAX_PASSES = 3;

/** What each item lacks: a derived column missing or stale, a renamed column still empty where the old one has a value. */
async function changesOf(connection: SharePointConnection, list: ListDefinition, itemsPath: string, renamed: ListDefinition['columns']) {
  const items = await readAllPages<GraphListItem>(connection.client, `${itemsPath}?$expand=fields&$top=999`);
  return items.flatMap((item) => {
    const fields = item.fields ?? {};
    const copied = renamed.filter((c) => isEmpty(fields[c.name]) && !isEmpty(fields[c.field!])).map((c) => [c.name, fields[c.field!]]);
    const wanted = { ...derivedValues(list, fromGraphFields<Record<string, unknown>>(list, { ...fields, ...Object.fromEntries(copied) })), ...Object.fromEntries(copied) };
    const stale = Object.fromEntries(Object.entries(wanted).filter(([column, value]) => fields[column] !== value));
    return Object.keys(stale).length > 0 ? [{ id: item.id, etag: String(item.eTag ?? item['@odata.etag'] ?? fields['@odata.etag']), fields: stale }] : [];
  });
}
