import {
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { formatDateTime } from '../clock/stockholm-time';
import { t, type Locale } from '../i18n/texts';
import type { AuthorityDraft } from './authority-drafts';

/**
 * An authority draft as a Word document (the `docx` package): the secrecy mark first and on every
 * page, the title, the recipient and its e-service, each section as a heading over a two-column
 * table of labels and values, and a footer saying that the app sends nothing.
 */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Line breaks in a free-text answer stay line breaks in the cell. */
const runs = (text: string, bold = false) => text.split(/\r?\n/).map((part, i) => new TextRun({ text: part, ...(bold ? { bold } : {}), ...(i > 0 ? { break: 1 } : {}) }));

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'BFBFBF' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

function sectionTable(lines: AuthorityDraft['sections'][number]['lines']): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [3200, 6400],
    borders: BORDERS,
    rows: lines.map(
      (line) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({ width: { size: 33, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: runs(line.label, true) })] }),
            new TableCell({ width: { size: 67, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: runs(line.value) })] }),
          ],
        }),
    ),
  });
}

export async function draftDocx(draft: AuthorityDraft, ctx: { locale: Locale; now: Date }): Promise<Buffer> {
  const { locale } = ctx;
  const secrecy = draft.secrecyNote ? [new Paragraph({ children: [new TextRun({ text: draft.secrecyNote, bold: true, size: 26 })], spacing: { after: 200 } })] : [];
  const body = [
    ...secrecy,
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(draft.title) }),
    new Paragraph({ children: [new TextRun({ text: `${t(locale, 'draft.recipient')}: `, bold: true }), new TextRun(draft.recipient)] }),
    new Paragraph({
      spacing: { after: 240 },
      children: [
        new TextRun({ text: `${t(locale, 'draft.eService')}: `, bold: true }),
        new ExternalHyperlink({ link: draft.eService, children: [new TextRun({ text: draft.eService, style: 'Hyperlink' })] }),
      ],
    }),
    ...draft.sections.flatMap((section) => [new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, spacing: { before: 240 }, children: runs(section.heading) }), sectionTable(section.lines)]),
  ];
  const footer = t(locale, 'draft.footer', { date: formatDateTime(ctx.now, locale) });
  const doc = new Document({
    title: draft.title,
    creator: 'Infosäk',
    description: footer,
    styles: { default: { document: { run: { font: 'Calibri', size: 22, language: { value: locale === 'en' ? 'en-GB' : 'sv-SE' } } } } },
    sections: [
      {
        // A secret document says so on every page, not only on the first.
        ...(draft.secrecyNote ? { headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: draft.secrecyNote, bold: true })] })] }) } } : {}),
        footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun({ text: footer, size: 18 })] })] }) },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
