/**
 * The subset of OData $filter that SharePoint list items accept through Graph, parsed as the
 * service does: one comparison on `fields/X` (eq ne lt gt le ge) or `startswith(fields/X, 'v')`.
 * Anything else is a 400, as on a tenant.
 */
export type Comparison = 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge' | 'startswith';
export type Literal = string | number | boolean | null;

export interface ParsedFilter {
  field: string;
  op: Comparison;
  value: Literal;
}

export class FilterSyntaxError extends Error {}

function parseLiteral(text: string): Literal {
  const t = text.trim();
  if (t.startsWith("'")) {
    if (!t.endsWith("'") || t.length < 2) throw new FilterSyntaxError(`Unterminated string literal ${t}`);
    const inner = t.slice(1, -1);
    // A lone quote inside the literal ends it early: the syntax error a tenant reports for unescaped quotes.
    if (/(^|[^'])'([^']|$)/.test(inner.replace(/''/g, ''))) throw new FilterSyntaxError(`Syntax error in string literal ${t}`);
    return inner.replace(/''/g, "'");
  }
  if (t === 'true' || t === 'false') return t === 'true';
  if (t === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  throw new FilterSyntaxError(`Syntax error at '${t}'`);
}

export function parseFilter(filter: string): ParsedFilter {
  const text = filter.trim();
  const starts = /^startswith\(\s*fields\/([A-Za-z_][A-Za-z0-9_]*)\s*,\s*('(?:[^']|'')*')\s*\)$/.exec(text);
  if (starts) return { field: starts[1]!, op: 'startswith', value: parseLiteral(starts[2]!) };
  const compare = /^fields\/([A-Za-z_][A-Za-z0-9_]*)\s+(eq|ne|lt|gt|le|ge)\s+(.+)$/.exec(text);
  if (!compare) throw new FilterSyntaxError(`Invalid filter clause: ${text}`);
  const rest = compare[3]!.trim();
  // A literal followed by more clauses (" and ...", " or ...") is more than one filter.
  const literal = rest.startsWith("'") ? /^'(?:[^']|'')*'/.exec(rest)?.[0] ?? rest : rest.split(/\s+/)[0]!;
  if (literal.length !== rest.length) throw new FilterSyntaxError(`Only one field can be filtered: ${text}`);
  return { field: compare[1]!, op: compare[2] as Comparison, value: parseLiteral(literal) };
}

function compareValues(a: unknown, b: Literal): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  // SharePoint compares text without regard to case.
  const left = String(a ?? '').toLocaleLowerCase('sv-SE');
  const right = String(b ?? '').toLocaleLowerCase('sv-SE');
  return left < right ? -1 : left > right ? 1 : 0;
}

/** `asDate`: the column is a date-time, so SharePoint reads the literal as a time, not as text. */
export function matches(value: unknown, filter: ParsedFilter, asDate = false): boolean {
  if (asDate && typeof value === 'string' && typeof filter.value === 'string') {
    const time = Date.parse(filter.value);
    if (Number.isNaN(time)) throw new FilterSyntaxError(`The expression "${filter.value}" is not a valid date-time`);
    return matches(Date.parse(value), { ...filter, value: time });
  }
  if (filter.value === null) return filter.op === 'eq' ? value == null : filter.op === 'ne' ? value != null : false;
  if (value === undefined || value === null) return filter.op === 'ne';
  if (filter.op === 'startswith') return String(value).toLocaleLowerCase('sv-SE').startsWith(String(filter.value).toLocaleLowerCase('sv-SE'));
  const c = compareValues(value, filter.value);
  switch (filter.op) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'lt':
      return c < 0;
    case 'gt':
      return c > 0;
    case 'le':
      return c <= 0;
    case 'ge':
      return c >= 0;
  }
}

export function orderValue(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  return compareValues(a, b as Literal);
}
