import type { ListDefinition } from '../list-schema';
import { backfillColumns } from './backfill-columns';
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
  /** Items given columns they were stored without (a derived key, or a renamed column's value), as `list (n)`. */
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

/**
 * A column SharePoint created under another internal name (its own name was taken: Title, Name, …)
 * would take the app's writes in a field the app never reads: stop, and say so.
 */
function assertNamedAsAsked(list: ListDefinition, asked: string, created: SiteColumn | undefined): void {
  if (created?.name === asked) return;
  throw new Error(
    created
      ? `${list.displayName}: kolumnen ${asked} skapades med det interna namnet ${created.name}, som appen inte läser. Ta bort den och byt namn på kolumnen i infra/sharepoint/lists.json.`
      : `${list.displayName}: kolumnen ${asked} finns inte efter att listan skapades.`,
  );
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
      for (const column of requiredColumns(list)) assertNamedAsAsked(list, column.name, onSite.columns?.find((c) => c.name === column.name || c.displayName === column.name));
    }
    const columns: SiteColumn[] = onSite.columns ?? ((await call(() => client.api(`/sites/${siteId}/lists/${onSite!.id}/columns`).get())) as { value: SiteColumn[] }).value;

    for (const column of requiredColumns(list)) {
      const where = `${list.displayName}.${column.name}`;
      let current = columns.find((c) => c.name === column.name);
      if (!current) {
        progress(`${prefix}: lägger till kolumnen ${column.name}`);
        current = (await call(() => client.api(`/sites/${siteId}/lists/${onSite!.id}/columns`).post(columnBody(column)))) as SiteColumn;
        assertNamedAsAsked(list, column.name, current);
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
    // Items stored before a column was added get it now: the app's queries on a key, and its reads of a renamed column, would miss them.
    const written = await call(() => backfillColumns(connection, list, onSite!.id));
    if (written > 0) {
      progress(`${prefix}: skrev nycklar i ${written} poster`);
      summary.keysWritten.push(`${list.displayName} (${written})`);
    }
    if (!summary.listsCreated.includes(list.displayName)) progress(`${prefix}: ok`);
  }
  return summary;
}
