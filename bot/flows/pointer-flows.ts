import { t } from '../../src/i18n/texts';
import { textReply, type Flow } from './flow';

/** Text nobody has a command for: said back plainly, with where to start. */
export const unknownTextFlow: Flow = async (who, { text }) => {
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  // Asterisks and underscores would be read as markdown in Teams; the person's words are shown as they wrote them.
  const plain = shown.replace(/[*_`<>[\]]/g, '');
  return [textReply(plain ? t(who.locale, 'unknown.text', { text: plain }) : t(who.locale, 'unknown.empty'))];
};

/** `status`: where the status tab is. */
export const statusLinkFlow: Flow = async (who, _input, deps) => [textReply(t(who.locale, 'status.text', { url: deps.statusUrl() }))];
