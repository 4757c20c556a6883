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
 * any size); each change carries the item's eTag, so an item the app writes meanwhile is left to
 * the app, which writes the new columns itself. Returns how many items were written.
 */
export async function backfillColumns(connection: SharePointConnection, list: ListDefinition, listId: string): Promise<number> {
  const renamed = list.columns.filter((c) => c.field !== undefined);
  const columns = [...list.columns.filter((c) => c.derived), ...renamed].map((c) => c.name);
  if (columns.length === 0) return 0;
  const itemsPath = `/sites/${connection.siteId}/lists/${listId}/items`;
  const items = await readAllPages<GraphListItem>(connection.client, `${itemsPath}?$expand=fields&$top=999`);
  const changes = items.flatMap((item) => {
    const fields = item.fields ?? {};
    const copied = renamed.filter((c) => isEmpty(fields[c.name]) && !isEmpty(fields[c.field!])).map((c) => [c.name, fields[c.field!]]);
    const wanted = { ...derivedValues(list, fromGraphFields<Record<string, unknown>>(list, { ...fields, ...Object.fromEntries(copied) })), ...Object.fromEntries(copied) };
    const stale = Object.fromEntries(Object.entries(wanted).filter(([column, value]) => fields[column] !== value));
    return Object.keys(stale).length > 0 ? [{ id: item.id, etag: String(item.eTag ?? item['@odata.etag'] ?? fields['@odata.etag']), fields: stale }] : [];
  });
  let written = 0;
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
  return written;
}
