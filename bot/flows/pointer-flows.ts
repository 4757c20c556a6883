import { t } from '../../src/i18n/texts';
import type { Turn } from './turn';

/** Replies that point somewhere else: unknown text and the status tab. */
export async function unknownTextFlow(turn: Turn): Promise<void> {
  const shown = turn.text.length > 80 ? `${turn.text.slice(0, 80)}…` : turn.text;
  // Asterisks and underscores would be read as markdown in Teams; the person's words are shown as they wrote them.
  const plain = shown.replace(/[*_`<>[\]]/g, '');
  await turn.context.sendActivity(plain ? t(turn.locale, 'unknown.text', { text: plain }) : t(turn.locale, 'unknown.empty'));
}

export async function statusLinkFlow(turn: Turn): Promise<void> {
  await turn.context.sendActivity(t(turn.locale, 'status.text', { url: turn.deps.statusUrl() }));
}
