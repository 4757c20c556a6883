import { parseDocument } from 'yaml';
import type { CampaignProblem } from './plan-campaigns';

/**
 * A campaign file (YAML or JSON; one campaign or a list) read within limits: a few hundred
 * campaigns fit in far less than the size limit, and a campaign has no use for YAML aliases
 * beyond a few (a "billion laughs" file expands a handful of them into gigabytes). Every way the
 * file can fail is a problem to report, never an exception.
 */
export const MAX_CAMPAIGN_FILE_BYTES = 256 * 1024;
export const MAX_CAMPAIGN_ALIASES = 20;

export function readCampaignFile(source: string): { inputs: unknown[] } | { problems: CampaignProblem[] } {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > MAX_CAMPAIGN_FILE_BYTES) return { problems: [tooLargeCampaignFile(bytes)] };
  try {
    const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) return { problems: doc.errors.map((e) => ({ where: 'filen', message: `YAML kan inte läsas: ${e.message.split('\n')[0]}` })) };
    const parsed: unknown = doc.toJS({ maxAliasCount: MAX_CAMPAIGN_ALIASES });
    return { inputs: Array.isArray(parsed) ? parsed : [parsed] };
  } catch (err) {
    const message = /excessive alias count/i.test((err as Error).message)
      ? `YAML kan inte läsas: filen använder fler än ${MAX_CAMPAIGN_ALIASES} alias (&/*), vilket ser ut som en attack som blåser upp filen`
      : `YAML kan inte läsas: ${(err as Error).message.split('\n')[0]}`;
    return { problems: [{ where: 'filen', message }] };
  }
}

export function tooLargeCampaignFile(bytes: number): CampaignProblem {
  return { where: 'filen', message: `filen är ${Math.ceil(bytes / 1024)} kB; en kampanjfil får vara högst ${MAX_CAMPAIGN_FILE_BYTES / 1024} kB` };
}
