/**
 * The one rule for free text that people write and others read (incident reports, closing notes,
 * status comments, plan titles, learning modules): characters that hide or disguise what the text
 * says are refused, not cleaned away, so that what is stored is what the writer saw.
 *
 * - badCharacters: C0 controls and DEL (tab, line feed and carriage return are allowed), C1
 *   controls U+0080–U+009F, bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 *   U+2066–U+2069, which can make "exe.txt" read as "txt.exe"), and unpaired UTF-16 surrogates.
 * - onlyInvisible: text that is not empty but shows nothing: only white space, zero-width and
 *   other default-ignorable characters (U+200B–U+200D, U+2060, U+FEFF, U+3164 …) and blank braille.
 *
 * Returns reason codes; the texts are `text.problem.<code>` (and the callers' own keys).
 */
export const FREE_TEXT_PROBLEMS = ['badCharacters', 'onlyInvisible'] as const;
export type FreeTextProblemCode = (typeof FREE_TEXT_PROBLEMS)[number];

export interface FreeTextProblem {
  code: FreeTextProblemCode;
  /** For badCharacters: the first refused character, written U+XXXX so that it can be found. */
  character?: string;
}

/** Every refused character; with the u flag, [\uD800-\uDFFF] matches only surrogates without their pair. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point of this pattern
const REFUSED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/u;

/** Every refused character of a text, to show rather than refuse (someone else's words kept as evidence: src/incidents/reported-message.ts). */
export const allRefusedCharacters = () => new RegExp(REFUSED.source, 'gu');

/** What shows nothing on screen: white space, default-ignorable code points (zero-width, fillers, joiners, variation selectors, tags), blank braille. */
const INVISIBLE = /[\s\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** U+202E, U+0085, U+D800 … */
export const codePointName = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The problem with a piece of free text, or undefined when it may be stored. Empty text is the caller's business (required or not). */
export function checkFreeText(value: string): FreeTextProblem | undefined {
  const refused = REFUSED.exec(value);
  if (refused) return { code: 'badCharacters', character: codePointName(refused[0]) };
  if (value.length > 0 && value.replace(INVISIBLE, '') === '') return { code: 'onlyInvisible' };
  return undefined;
}
