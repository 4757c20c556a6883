/**
 * Finds Swedish in a text that should be English: the letters å, ä and ö, and common Swedish
 * words that have no such letters. Used on cards and the tab rendered with English texts from
 * data without Swedish, so every hit is a text that was not translated.
 */
const SWEDISH_WORDS = [
  'och', 'att', 'det', 'som', 'en', 'ett', 'av', 'med', 'till', 'den', 'har', 'inte', 'om', 'ska', 'kan', 'eller', 'du', 'dig', 'din', 'ditt',
  'vad', 'hur', 'nu', 'ny', 'alla', 'ingen', 'inga', 'mina', 'mitt', 'sparat', 'spara', 'skicka', 'rapportera', 'hjälp', 'typ',
  'datum', 'klockslag', 'kvartal', 'nämnd', 'utbildning', 'aktivitet', 'aktiviteter', 'genomförd', 'klar', 'senast', 'starta', 'nästa', 'tillbaka',
  'svara', 'incidenten', 'brist', 'kvittera', 'stäng', 'tilldela', 'allvarlighetsgrad', 'ja', 'nej', 'okänd', 'vid', 'efter', 'innan', 'sedan',
];

/** Names that are the same in every language. */
const PROPER_NAMES = ['Infosäk'];

export function swedishIn(text: string): string[] {
  const hits = new Set<string>();
  for (const word of text.split(/[^\p{L}]+/u).filter(Boolean)) {
    if (PROPER_NAMES.includes(word)) continue;
    const lower = word.toLocaleLowerCase('sv-SE');
    if (/[åäö]/.test(lower) || SWEDISH_WORDS.includes(lower)) hits.add(word);
  }
  return [...hits];
}
