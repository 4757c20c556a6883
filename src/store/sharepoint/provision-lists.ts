import type { ListDefinition } from '../list-schema';
import { backfillDerivedColumns } from './backfill-derived';
import { toStoreError } from './graph-calls';
import { facetOf, requiredColumns, siteTypeOf, type SiteColumn, type SiteList } from './list-schema-check';
import { siteLists, type SharePointConnection } from './sharepoint-store';

/**
 * Creates the lists, columns and indexes the app needs, idempotently: what exists and is right is
 * left alone, so a second run changes nothing and says so. What it cannot fix safely (a column of
 * the wrong type holds data) is reported for a person to decide.
 */
export interface ProvisionSummary {
  listsCreated: string[];
  columnsAdded: string[];
  columnsIndexed: string[];
  columnsMadeUnique: string[];
  /** Choice columns given the choices a newer schema added (a new role, say); the old ones are kept. */
  choicesAdded: string[];
  /** Items given the derived columns they were stored without (stored before the columns existed). */
  keysWritten: string[];
  needsAttention: string[];
}

export function changedAnything(s: ProvisionSummary): boolean {
  return s.listsCreated.length + s.columnsAdded.length + s.columnsIndexed.length + s.columnsMadeUnique.length + s.choicesAdded.length + s.keysWritten.length > 0;
}

type Column = ReturnType<typeof requiredColumns>[number];

function columnBody(column: Column): Record<string, unknown> {
  const type = siteTypeOf(column.type);
  const facet =
    type === 'text'
      ? { text: { allowMultipleLines: false, maxLength: 255, textType: 'plain' } }
      : type === 'note'
        ? // Plain, said outright: a rich-text column wraps what is saved in HTML, and JSON kept there would no longer parse.
          { text: { allowMultipleLines: true, textType: 'plain' } }
        : type === 'number'
          ? { number: {} }
          : type === 'dateTime'
            ? { dateTime: { format: 'dateTime' } }
            : type === 'boolean'
              ? { boolean: {} }
              : { choice: { choices: column.choices ?? [], allowTextEntry: false } };
  return { name: column.name, displayName: column.name, indexed: Boolean(column.indexed), ...(column.unique ? { enforceUniqueValues: true } : {}), ...facet };
}

export async function provisionLists(
  connection: SharePointConnection,
  schema: ListDefinition[],
  progress: (line: string) => void = () => undefined,
): Promise<ProvisionSummary> {
  const { client, siteId } = connection;
  const summary: ProvisionSummary = { listsCreated: [], columnsAdded: [], columnsIndexed: [], columnsMadeUnique: [], choicesAdded: [], keysWritten: [], needsAttention: [] };
  const call = async <T>(request: () => Promise<T>): Promise<T> => {
    try {
      return await request();
    } catch (err) {
      throw toStoreError(err);
    }
  };
  const existing = await siteLists(connection);

  for (const [n, list] of schema.entries()) {
    const prefix = `[${n + 1}/${schema.length}] ${list.displayName}`;
    let onSite: SiteList | undefined = existing.find((l) => l.displayName === list.displayName);
    if (!onSite) {
      progress(`${prefix}: skapar listan med ${requiredColumns(list).length} kolumner`);
      onSite = await call(
        () =>
          client.api(`/sites/${siteId}/lists`).post({
            displayName: list.displayName,
            columns: requiredColumns(list).map(columnBody),
            list: { template: 'genericList' },
          }) as Promise<SiteList>,
      );
      summary.listsCreated.push(list.displayName);
    }
    const columns: SiteColumn[] = onSite.columns ?? ((await call(() => client.api(`/sites/${siteId}/lists/${onSite!.id}/columns`).get())) as { value: SiteColumn[] }).value;

    for (const column of requiredColumns(list)) {
      const where = `${list.displayName}.${column.name}`;
      let current = columns.find((c) => c.name === column.name);
      if (!current) {
        progress(`${prefix}: lägger till kolumnen ${column.name}`);
        current = (await call(() => client.api(`/sites/${siteId}/lists/${onSite!.id}/columns`).post(columnBody(column)))) as SiteColumn;
        summary.columnsAdded.push(where);
      }
      const actual = facetOf(current);
      if (actual !== siteTypeOf(column.type)) {
        summary.needsAttention.push(`${where} är av typen ${actual} men ska vara ${siteTypeOf(column.type)} (byt inte typ på en kolumn med data utan att flytta datan)`);
        continue;
      }
      if (column.indexed && !current.indexed) {
        progress(`${prefix}: indexerar ${column.name}`);
        await call(() => client.api(`/sites/${siteId}/lists/${onSite!.id}/columns/${current!.id}`).patch({ indexed: true }));
        summary.columnsIndexed.push(where);
      }
      if (column.unique && !current.enforceUniqueValues) {
        progress(`${prefix}: kräver unika värden i ${column.name}`);
        await call(() => client.api(`/sites/${siteId}/lists/${onSite!.id}/columns/${current!.id}`).patch({ enforceUniqueValues: true }));
        summary.columnsMadeUnique.push(where);
      }
      const missingChoices = (column.choices ?? []).filter((c) => !current!.choice?.choices?.includes(c));
      if (column.type === 'choice' && missingChoices.length > 0) {
        // Adding choices changes no stored value: the column keeps every choice it had, in front, and gets the new ones.
        const choices = [...(current.choice?.choices ?? []), ...missingChoices];
        progress(`${prefix}: lägger till valen ${missingChoices.join(', ')} i ${column.name}`);
        await call(() => client.api(`/sites/${siteId}/lists/${onSite!.id}/columns/${current!.id}`).patch({ choice: { choices, allowTextEntry: false } }));
        summary.choicesAdded.push(`${where} (${missingChoices.join(', ')})`);
      }
    }
    // Items stored before a derived column was added get it now; the app's queries on it would miss them.
    const written = await call(() => backfillDerivedColumns(connection, list, onSite!.id));
    if (written > 0) {
      progress(`${prefix}: skrev nycklar i ${written} poster`);
      summary.keysWritten.push(`${list.displayName} (${written})`);
    }
    if (!summary.listsCreated.includes(list.displayName)) progress(`${prefix}: ok`);
  }
  return summary;
}
