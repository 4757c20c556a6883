/**
 * Renders src/store/list-schema.generated.ts from the lists in infra/sharepoint/lists.json. TypeScript
 * gives a JSON import no literal types, so the list names and their indexed columns are written out
 * as a typed constant for the Store's types to derive from.
 */
export const GENERATED_TYPES_PATH = 'src/store/list-schema.generated.ts';

interface SchemaList {
  repository: string;
  columns: { name: string; indexed?: boolean }[];
}

const quoted = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const propertyName = (text: string) => (/^[A-Za-z_$][\w$]*$/.test(text) ? text : quoted(text));

export function listSchemaTypesSource(lists: readonly SchemaList[]): string {
  const entries = lists.map((list) => {
    const indexed = list.columns.filter((c) => c.indexed).map((c) => quoted(c.name));
    return `  ${propertyName(list.repository)}: [${indexed.join(', ')}],`;
  });
  return [
    '// Generated from infra/sharepoint/lists.json by `npm run schema:types`: edit the JSON and run that, not this file.',
    '',
    '/** Each list by repository name, with the columns a query may filter or order on. */',
    'export const INDEXED_COLUMNS = {',
    ...entries,
    '} as const;',
    '',
  ].join('\n');
}
