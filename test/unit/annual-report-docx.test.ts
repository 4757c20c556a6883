import AdmZip from 'adm-zip';
import { annualReportDocx } from '../../src/annual-report/annual-report-docx';
import type { AnnualReport } from '../../src/annual-report/annual-report';
import type { Locale } from '../../src/i18n/texts';
import { sampleAnnualReport } from '../support/annual-report-fixture';
import { documentXml, paragraphsOf } from '../support/docx-text';

/** The Word document's body XML for a report. */
async function documentXmlOf(report: AnnualReport, locale: Locale = 'sv'): Promise<string> {
  return documentXml(await annualReportDocx(report, { locale }));
}

const paragraphs = paragraphsOf;
const texts = (xml: string) => paragraphs(xml).map((p) => p.text);
const withStyle = (xml: string, style: string) => paragraphs(xml).filter((p) => p.style === style);

const HEADINGS_SV = [
  'Sammanfattning',
  'Handlingsplanen',
  'Utbildning',
  'Incidenter',
  'Informationstillgångar',
  'Jämförelse med föregående år',
  'Analys',
  'Slutsatser',
  'Beslut',
  'Prioriteringar för nästa år',
];

describe('the annual report as a Word document', () => {
  let xml: string;
  beforeAll(async () => {
    xml = await documentXmlOf(sampleAnnualReport());
  });

  it('opens with the title in Word’s Title style, then the municipality, the scope and the Stockholm date', () => {
    const all = texts(xml).filter(Boolean);
    expect(withStyle(xml, 'Title').map((p) => p.text)).toEqual(['Ledningens genomgång – informationssäkerhet och dataskydd 2026']);
    expect(all.slice(0, 4)).toEqual(['Ledningens genomgång – informationssäkerhet och dataskydd 2026', 'Exempelby kommun', 'Omfattning: hela kommunen', 'Framtagen 24 november 2026']);
  });

  it('counts the information assets per nämnd and the measures by status, with the day they are counted on', () => {
    const all = texts(xml);
    expect(all).toContain('Kritiska system (samhällsviktiga och verksamhetskritiska) med aktuell KLASSA-klassning och riskanalys den 24 november 2026. En klassning eller analys utan eget översynsdatum räknas som aktuell i 12 månader.');
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => paragraphs(m[0]).map((p) => p.text));
    const coverage = tables.find((cells) => cells[0] === 'Nämnd' && cells[1] === 'Kritiska system')!;
    expect(coverage.slice(6, 12)).toEqual(['Socialnämnden', '3', '2 av 3 (67\u00a0%)', '1 av 3 (33\u00a0%)', '4', '1']);
    // A nämnd with no critical system has no share to give.
    expect(coverage.slice(12, 18)).toEqual(['Kultur- och fritidsnämnden', '0', '–', '–', '0', '0']);
    expect(tables.find((cells) => cells.includes('varav försenade'))).toEqual(['Nyckeltal', 'Antal', 'Ej påbörjad', '2', 'Pågående', '3', 'Genomförd', '1', 'Struken', '1', 'varav försenade', '1']);
  });

  it('has the Heading 1 sections in order', () => {
    expect(withStyle(xml, 'Heading1').map((p) => p.text)).toEqual(HEADINGS_SV);
  });

  it('has the plan’s Heading 2 parts: the rollup, each nämnd, carried over and actions after incidents', () => {
    expect(withStyle(xml, 'Heading2').map((p) => p.text).slice(0, 6)).toEqual([
      'Aktiviteterna i hela kommunen',
      'Socialnämnden',
      'Kultur- och fritidsnämnden',
      'Kommunstyrelsen',
      'Flyttas till nästa år',
      'Åtgärder efter incidenter',
    ]);
  });

  it('leaves the four headings for people to write, each with exactly one prompt line and nothing else', () => {
    const all = paragraphs(xml);
    const start = all.findIndex((p) => p.text === 'Analys');
    // From Analys on, the body is heading, prompt, heading, prompt …: no table, no figure, no empty line.
    const tail = all.slice(start);
    expect(tail.map((p) => p.text)).toEqual([
      'Analys',
      'Skriv ledningens analys av årets resultat här.',
      'Slutsatser',
      'Skriv de slutsatser ledningen drar här.',
      'Beslut',
      'Skriv ledningens beslut här, med vem som ansvarar och när det ska vara klart.',
      'Prioriteringar för nästa år',
      'Skriv de prioriteringar ledningen sätter för nästa år här.',
    ]);
    for (const prompt of [tail[1], tail[3], tail[5], tail[7]]) {
      expect(prompt?.xml).toContain('<w:i/>');
      expect(prompt?.xml).not.toContain('<w:pStyle');
    }
    expect(xml.slice(xml.indexOf('>Analys<')).includes('<w:tbl>')).toBe(false);
  });

  it('repeats every table’s first row on each page and keeps rows whole', () => {
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) {
      const rows = [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
      expect(rows[0]).toContain('<w:tblHeader/>');
      for (const row of rows) expect(row).toContain('<w:cantSplit/>');
      expect(rows.slice(1).some((row) => row.includes('<w:tblHeader/>'))).toBe(false);
    }
  });

  it('is an A4 page', () => {
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
  });

  it('writes the figures the Swedish way: a non-breaking space before %, thousands apart, a decimal comma', () => {
    const all = texts(xml);
    expect(all).toContain('1\u00a0234 av 1\u00a0990 (62\u00a0%)');
    expect(all.join('\n')).toContain('Samtliga: 62\u00a0% har gått årets utbildning (1\u00a0234 av 1\u00a0990), 18 procentenheter under målet (80\u00a0%) och 14 procentenheter över revisionens utgångsläge (48\u00a0%).');
    expect(all).toContain('5,5 timmar');
    expect(all).toContain('3 dygn');
  });

  it('shows each quarter’s own status, a dash for quarters the activity does not run in, and the last comment', () => {
    const all = texts(xml);
    const start = all.indexOf('Kryptera hårddiskarna i hemtjänstens bärbara datorer', all.indexOf('Socialnämnden'));
    expect(all.slice(start, start + 8)).toEqual(['Kryptera hårddiskarna i hemtjänstens bärbara datorer', '–', '–', '–', 'Pågående', 'Pågående', 'Hälften av datorerna är krypterade.', 'Johan Berg, 10 november 2026']);
  });

  it('counts incidents by category and quarter under the category names', () => {
    const all = texts(xml);
    const row = all.indexOf('Nätfiske eller bedrägeriförsök');
    expect(all.slice(row, row + 6)).toEqual(['Nätfiske eller bedrägeriförsök', '2', '3', '1', '2', '8']);
  });

  it('names only the nämnd a one-committee report is for', async () => {
    const kfn = { code: 'KFN', name: 'Kultur- och fritidsnämnden', administration: 'Kultur- och fritidsförvaltningen' };
    const one = await documentXmlOf(sampleAnnualReport({ scope: { whole: false, committees: [kfn] } }));
    const scope = texts(one).find((p) => p.startsWith('Omfattning:'));
    expect(scope).toBe('Omfattning: Kultur- och fritidsnämnden');
    expect(withStyle(one, 'Heading2').map((p) => p.text)).toContain('Aktiviteterna i nämnderna');
  });

  it('says in one sentence that there is no previous year when the records hold none', async () => {
    const first = await documentXmlOf(sampleAnnualReport({ previous: undefined }));
    const all = paragraphs(first).filter((p) => p.text !== '');
    const at = all.findIndex((p) => p.text === 'Jämförelse med föregående år');
    expect(all[at + 1]?.text).toBe('Uppgifterna innehåller inget föregående år att jämföra med.');
    expect(all[at + 2]?.text).toBe('Analys');
    // The summary has no column for a previous year either.
    expect(texts(first)).not.toContain('2025');
  });

  it('speaks English when asked', async () => {
    const en = await documentXmlOf(sampleAnnualReport(), 'en');
    expect(withStyle(en, 'Title').map((p) => p.text)).toEqual(['Management review – information security and data protection 2026']);
    expect(withStyle(en, 'Heading1').map((p) => p.text)).toEqual([
      'Summary',
      'The action plan',
      'Training',
      'Incidents',
      'Information assets',
      'Comparison with the previous year',
      'Analysis',
      'Conclusions',
      'Decisions',
      'Priorities for next year',
    ]);
    expect(texts(en)).toContain('1,234 of 1,990 (62%)');
    expect(texts(en)).toContain('Produced 24 November 2026');
  });

  it('sets no direct formatting on headings: their look comes from the styles alone', () => {
    const headings = [...withStyle(xml, 'Title'), ...withStyle(xml, 'Heading1'), ...withStyle(xml, 'Heading2')];
    expect(headings.length).toBeGreaterThan(15);
    for (const heading of headings) {
      expect(heading.xml).not.toContain('<w:sz');
      expect(heading.xml).not.toContain('<w:rPr>');
    }
  });

  it('numbers the pages in the footer under the title', async () => {
    const zip = new AdmZip(await annualReportDocx(sampleAnnualReport(), { locale: 'sv' }));
    const footer = zip
      .getEntries()
      .filter((e) => /^word\/footer\d*\.xml$/.test(e.entryName))
      .map((e) => e.getData().toString('utf8'))
      .join('');
    expect(footer).toContain('Ledningens genomgång – informationssäkerhet och dataskydd 2026');
    expect(footer).toMatch(/Sida [\s\S]*PAGE[\s\S]* av [\s\S]*NUMPAGES/);
  });
});
