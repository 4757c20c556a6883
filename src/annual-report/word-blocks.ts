import { BorderStyle, HeadingLevel, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

/**
 * The Word document's building blocks. Headings carry only Word's built-in style (no run
 * formatting), so a municipality's template restyles them; tables repeat their header row on each
 * page and keep their rows whole.
 */

/** A4 portrait in twips, with 2.5 cm margins: the text is 9 070 twips wide. */
export const PAGE = { width: 11906, height: 16838 };
export const MARGIN = 1418;
export const TEXT_WIDTH = PAGE.width - 2 * MARGIN;

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'BFBFBF' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };
/** Table text a point smaller than the body and narrow cell margins, so the quarter grid fits a portrait page. */
const TABLE_TEXT = 18;
const CELL_MARGINS = { left: 70, right: 70, top: 20, bottom: 20 };

export const heading1 = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });
export const heading2 = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });
export const para = (text: string) => new Paragraph({ children: [new TextRun(text)] });
export const prompt = (text: string) => new Paragraph({ children: [new TextRun({ text, italics: true })] });

export type Cell = string | { text: string; bold?: boolean; note?: string };

export function cellParagraphs(cell: Cell, keepNext = false): Paragraph[] {
  const c = typeof cell === 'string' ? { text: cell } : cell;
  const main = new Paragraph({ ...(keepNext ? { keepNext } : {}), children: [new TextRun({ text: c.text, size: TABLE_TEXT, ...(c.bold ? { bold: true } : {}) })] });
  // A comment's author and date under it, smaller, so the comment itself reads first.
  const note = c.note ? [new Paragraph({ children: [new TextRun({ text: c.note, size: TABLE_TEXT - 2, italics: true })] })] : [];
  return [main, ...note];
}

/**
 * A table across the text width: the first row is the header, repeated on every page; no row
 * breaks across pages. Widths are relative weights, turned into twips so Word and LibreOffice agree.
 */
export function table(weights: number[], header: string[], rows: (Cell[] | { span: string })[]): Table {
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / sum) * TEXT_WIDTH));
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: header.map(
      (text, i) =>
        new TableCell({
          width: { size: widths[i] ?? 0, type: WidthType.DXA },
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E6E6' },
          children: cellParagraphs({ text, bold: true }),
        }),
    ),
  });
  const bodyRows = rows.map((row) =>
    'span' in row
      ? // A group row (an area of the plan, a nämnd) spans the table and stays with the row under it.
        new TableRow({
          cantSplit: true,
          children: [new TableCell({ columnSpan: weights.length, shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' }, children: cellParagraphs({ text: row.span, bold: true }, true) })],
        })
      : new TableRow({
          cantSplit: true,
          children: row.map((cell, i) => new TableCell({ width: { size: widths[i] ?? 0, type: WidthType.DXA }, children: cellParagraphs(cell) })),
        }),
  );
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, borders: BORDERS, margins: CELL_MARGINS, rows: [headerRow, ...bodyRows] });
}

/** A little space after a table, so the next heading or sentence does not stick to it. */
export const gap = () => new Paragraph({ children: [] });

export type Block = Paragraph | Table;
