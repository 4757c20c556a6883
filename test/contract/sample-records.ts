import { fieldOf, listDefinition, type ColumnDefinition, type RepositoryName } from '../../src/store/list-schema';

/** A value of the column's type, numbered so that records differ; every choice is used in turn. */
function sampleValue(column: ColumnDefinition, i: number, at: string): unknown {
  switch (column.type) {
    case 'text':
    case 'note':
      return `${column.name} ${i}`;
    case 'number':
      return i;
    case 'boolean':
      return i % 2 === 1;
    case 'dateTime':
      return at;
    case 'choice':
      return column.choices![i % column.choices!.length];
    case 'json':
      return [`${column.name} ${i}`];
  }
}

/** A valid record of each kind, numbered and with every column filled: for tests that go through every list. */
export function sampleRecord(kind: RepositoryName, i: number): Record<string, unknown> {
  const at = new Date(Date.UTC(2026, 0, 1, 8, 0, i)).toISOString();
  return Object.fromEntries(listDefinition(kind).columns.filter((c) => !c.derived).map((c) => [fieldOf(c), sampleValue(c, i, at)]));
}
