import AdmZip from 'adm-zip';

/**
 * What a reader of a Word document sees, read from its XML (a .docx is a zip; the body is
 * word/document.xml): the paragraphs with their style, and the tables as rows of cell texts.
 */
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export function documentXml(file: Buffer): string {
  const entry = new AdmZip(file).getEntry('word/document.xml');
  if (!entry) throw new Error('no word/document.xml: not a Word document');
  return entry.getData().toString('utf8');
}

/** The text of one piece of the body: its runs' texts joined, a tab or break as a space. */
export function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br)\/>/g)].map((m) => (m[1] !== undefined ? unescape(m[1]) : ' ')).join('');
}

/** Every paragraph of a body's XML in order (in tables too), with its style id ('' for the default) and its own XML. */
export function paragraphsOf(xml: string): { style: string; text: string; xml: string }[] {
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) => ({ style: /<w:pStyle w:val="([^"]+)"\/>/.exec(m[1]!)?.[1] ?? '', text: textOf(m[1]!), xml: m[0] }));
}

export const docxParagraphs = (file: Buffer) => paragraphsOf(documentXml(file));

/** Every table as rows of cell texts, and whether its first row repeats as a header on each page. */
export function docxTables(file: Buffer): { header: boolean; rows: string[][] }[] {
  return [...documentXml(file).matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) => {
    const rows = [...t[1]!.matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)];
    return {
      header: /<w:tblHeader\/>/.test(rows[0]?.[1] ?? ''),
      rows: rows.map((r) => [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => textOf(c[1]!).trim())),
    };
  });
}
