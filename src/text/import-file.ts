/**
 * What every file read in (a plan, the asset register) is checked for before its rows: its size,
 * and that it is UTF-8 (a BOM is dropped). Problems are named where they are ("filen", "rad 3")
 * and told all at once, in Swedish.
 */
export interface FileProblem {
  where: string;
  message: string;
}

/** A refused file's problems, as the commands print them and the tab shows them: how many, and each with its place. */
export function describeFileProblems(problems: readonly FileProblem[]): string {
  return [`${problems.length} fel, inget importerades:`, ...problems.map((p) => `  ${p.where}: ${p.message}`)].join('\n');
}

/** The file's text, or why it cannot be read: too large, or not UTF-8 (`saveAs`: how to save it so that it is). */
export function decodeImportFile(bytes: Buffer, maxBytes: number, saveAs: string): { text: string } | { problems: FileProblem[] } {
  if (bytes.length > maxBytes) return { problems: [{ where: 'filen', message: `filen är ${(bytes.length / 1048576).toFixed(1)} MB; högst ${maxBytes / 1048576} MB` }] };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    return { problems: [{ where: 'filen', message: `filen är inte UTF-8; spara den som ${saveAs}` }] };
  }
}
