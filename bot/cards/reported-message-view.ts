import { formatDateTime } from '../../src/clock/stockholm-time';
import type { ReportedMessage } from '../../src/incidents/reported-message';
import { t, type Locale } from '../../src/i18n/texts';

const HOST_END = /[/?#]/;

/** An address as a phishing report shows it, so that no client makes it a link: hxxps://login.example[.]net/reset. */
function defangUrl(url: string): string {
  const scheme = /^(https?):\/\//i.exec(url);
  const rest = scheme ? url.slice(scheme[0].length) : url;
  const cut = rest.search(HOST_END);
  const host = cut === -1 ? rest : rest.slice(0, cut);
  const path = cut === -1 ? '' : rest.slice(cut);
  return `${scheme ? `${scheme[1]!.replace(/tt/i, 'xx')}://` : ''}${host.replace(/\./g, '[.]')}${path}`;
}

/** Every address in someone else's message, defanged (the stored text keeps them as they were: it is evidence). */
export function defanged(text: string): string {
  return text.replace(/\b(?:https?:\/\/|www\.)[^\s<>"'\])]+/gi, defangUrl);
}

/** At most this many lines, each its own block: a message of a thousand one-letter lines would pass Teams' card size. */
const MAX_LINES = 40;

/** One text run a line (a run's line breaks are not kept by every client); the lines past the last joined into it. */
function linesOf(text: string): string[] {
  const lines = text.split(/\n+/).filter((line) => line.trim());
  return lines.length <= MAX_LINES ? lines : [...lines.slice(0, MAX_LINES - 1), lines.slice(MAX_LINES - 1).join(' ')];
}

/**
 * A reported Teams message as the dialog and the incident card show it: who, when, where, its
 * text and its link. The sender's name and the text are someone else's words: the cards put them
 * in text runs, which no client reads as markdown, so "[Logga in](https://…)" cannot become a link
 * with a harmless label, nor "**Från:** Kommundirektören" look like the card's own facts.
 */
export function reportedMessageView(locale: Locale, message: ReportedMessage) {
  const kind = t(locale, `incident.senderKind.${message.senderKind}`);
  return {
    fromLabel: `${t(locale, 'incident.messageForm.from')}: `,
    sender: message.senderName ? `${defanged(message.senderName)} (${kind})` : kind,
    facts: [
      ...(message.sentAt ? [{ title: t(locale, 'incident.messageForm.sent'), value: formatDateTime(new Date(message.sentAt), locale) }] : []),
      { title: t(locale, 'incident.messageForm.where'), value: t(locale, `incident.messagePlace.${message.place}`) },
    ],
    lines: linesOf(message.text ? defanged(message.text) : t(locale, 'incident.messageForm.noText')),
    link: message.link ?? '',
    openLabel: t(locale, 'incident.messageForm.open'),
  };
}
