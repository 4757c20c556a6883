/**
 * CSV as Swedish spreadsheets write it: semicolon-separated, fields in double quotes when they hold
 * a semicolon, a quote or a line break, quotes doubled. Each row keeps the line it starts on.
 *
 * Formula injection: a cell that starts with =, +, -, @, tab or carriage return is a live formula
 * (or becomes one) when Excel or LibreOffice opens the file, so every such cell is written with a
 * leading apostrophe, which spreadsheets show as text. A cell that already starts with apostrophes
 * followed by one of those characters gets one more, so that reading takes exactly one away and
 * every text comes back as it was written.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/** The cell as it is written: with a leading apostrophe when a spreadsheet would read it as a formula. */
export const neutraliseCell = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);

/** The cell as it was before neutraliseCell. */
export const restoreCell = (value: string) => (NEUTRALISED.test(value) ? value.slice(1) : value);

export interface CsvRow {
  line: number;
  fields: string[];
}

export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ';') {
      fields.push(restoreCell(field));
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(restoreCell(field));
      if (fields.some((f) => f !== '')) rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      line++;
      rowLine = line;
    } else field += c;
  }
  fields.push(restoreCell(field));
  if (fields.some((f) => f !== '')) rows.push({ line: rowLine, fields });
  return rows;
}

/** Every CSV the app writes goes through here, so every cell is neutralised. */
export function formatCsv(rows: string[][]): string {
  const quote = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const cell = (v: string) => quote(neutraliseCell(v));
  return rows.map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}
