import { formatDateTime } from '../../src/clock/stockholm-time';
import type { ReportedMessage } from '../../src/incidents/reported-message';
import { t, type Locale } from '../../src/i18n/texts';

/** A reported Teams message as the dialog and the incident card show it: who, when, where, its text and its link. */
export function reportedMessageView(locale: Locale, message: ReportedMessage) {
  const kind = t(locale, `incident.senderKind.${message.senderKind}`);
  return {
    facts: [
      { title: t(locale, 'incident.messageForm.from'), value: message.senderName ? `${message.senderName} (${kind})` : kind },
      ...(message.sentAt ? [{ title: t(locale, 'incident.messageForm.sent'), value: formatDateTime(new Date(message.sentAt), locale) }] : []),
      { title: t(locale, 'incident.messageForm.where'), value: t(locale, `incident.messagePlace.${message.place}`) },
    ],
    text: message.text || t(locale, 'incident.messageForm.noText'),
    link: message.link ?? '',
    openLabel: t(locale, 'incident.messageForm.open'),
  };
}
