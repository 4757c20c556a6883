import { derivedValues, isDerived } from './derived-columns';
import { fieldOf, type ColumnDefinition, type ListDefinition } from './list-schema';

/**
 * What a SharePoint column can hold, enforced the same way by both stores so that nothing
 * works on SQLite that would fail in production: known fields only, the column's type, single
 * lines of text up to 255 characters, and date-times kept to the second, in UTC.
 */
export class FieldValueError extends Error {
  constructor(
    readonly listName: string,
    readonly field: string,
    problem: string,
  ) {
    super(`${listName}.${field}: ${problem}`);
    this.name = 'FieldValueError';
  }
}

export const TEXT_MAX_LENGTH = 255;

/** The column our own idempotency key lives in, unique and indexed in every list. */
export const KEY_COLUMN = 'ItemKey';

export function toSecondPrecision(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, '.000Z');
}

function checkValue(list: ListDefinition, column: ColumnDefinition, value: unknown): unknown {
  const fail = (problem: string) => new FieldValueError(list.displayName, column.name, problem);
  switch (column.type) {
    case 'text':
    case 'note':
    case 'choice':
      if (typeof value !== 'string') throw fail('ska vara text');
      if (column.type === 'text' && value.length > TEXT_MAX_LENGTH) throw fail(`högst ${TEXT_MAX_LENGTH} tecken`);
      if (column.type === 'choice' && !column.choices?.includes(value)) throw fail(`okänt val "${value}"`);
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw fail('ska vara ett tal');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw fail('ska vara sant eller falskt');
      return value;
    case 'dateTime':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw fail('ska vara en tidpunkt (ISO 8601)');
      return toSecondPrecision(value);
    case 'json':
      return value;
  }
}

/**
 * A filter value in the form a date-time column stores it (UTC, to the second), whatever offset it
 * was written with; other filters are returned as they are. Both stores compare in this form.
 */
export function filterValueAsStored<F extends { field: string; value: string | number | boolean }>(list: ListDefinition, filter: F): F {
  const column = list.columns.find((c) => c.name === filter.field);
  if (column?.type !== 'dateTime' || typeof filter.value !== 'string') return filter;
  if (Number.isNaN(Date.parse(filter.value))) throw new FieldValueError(list.displayName, filter.field, 'ska vara en tidpunkt (ISO 8601)');
  return { ...filter, value: toSecondPrecision(filter.value) };
}

/**
 * Checks every field of a value (or patch) against the list's columns; returns what will be stored,
 * by column name, a whole value with its derived columns (a patch's are the repository's to add: it
 * has the item). recordFrom is the way back.
 */
export function normaliseFields(list: ListDefinition, value: object, isPatch = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, raw] of Object.entries(value)) {
    const column = list.columns.find((c) => fieldOf(c) === field);
    if (!column) throw new FieldValueError(list.displayName, field, 'fältet finns inte i listan');
    if (isDerived(list, field)) throw new FieldValueError(list.displayName, field, 'fältet skrivs av lagret självt');
    if (raw === undefined || raw === null) {
      if (isPatch) out[column.name] = undefined;
      continue;
    }
    out[column.name] = checkValue(list, column, raw);
  }
  if (!isPatch) {
    for (const column of list.columns.filter((c) => c.required)) {
      if (out[column.name] === undefined) throw new FieldValueError(list.displayName, column.name, 'värde saknas');
    }
    Object.assign(out, derivedValues(list, out));
  }
  return out;
}

/**
 * A stored item's values (by column name, as normaliseFields gives them) as the record: each field
 * under its own name, the derived columns left out (they are the store's, derived-columns.ts).
 */
export function recordFrom<T>(list: ListDefinition, stored: Record<string, unknown>): T {
  for (const column of list.columns) {
    if (column.derived) delete stored[column.name];
    else if (column.field !== undefined && column.name in stored) {
      stored[column.field] = stored[column.name];
      delete stored[column.name];
    }
  }
  return stored as T;
}
