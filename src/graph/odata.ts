/**
 * Building $filter and $orderby for SharePoint list items. Every value that reaches a filter goes
 * through odataLiteral: a quote inside a string is doubled, and the whole expression is URL-encoded
 * when it is put in a query string (the SDK encodes nothing), so &, #, +, % and / stay data.
 */
import type { FieldValue, Filter } from '../store/store';

export function odataLiteral(value: FieldValue): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('Ett filter kan inte jämföra med ett tal som inte är ändligt');
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `'${value.replace(/'/g, "''")}'`;
}

export function filterExpression(filter: Filter<string>): string {
  const field = `fields/${filter.field}`;
  return filter.op === 'startswith' ? `startswith(${field},${odataLiteral(filter.value)})` : `${field} ${filter.op} ${odataLiteral(filter.value)}`;
}

/** A query string from OData options, each value URL-encoded. */
export function queryString(params: Record<string, string | number | undefined>): string {
  return Object.entries(params)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
}
