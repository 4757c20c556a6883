import type { FormErrors } from '../../src/incidents/incident-report';
import type { ReportedMessage } from '../../src/incidents/reported-message';
import { t, type Locale } from '../../src/i18n/texts';
import { incidentFormData, type FormValues } from './incident-card-data';
import { reportedMessageView } from './reported-message-view';

/**
 * The dialog of "Rapportera till Infosäk" on a Teams message: the message as Teams gave it (who,
 * when, where, its text and its link), then the few inputs a report needs, filled in — phishing,
 * the person's own förvaltning, discovered now — so that one sentence and "Skicka" make a report.
 * The message rides along in the submit's data, signed (src/incidents/reported-message.ts).
 */
export function messageFormData(
  locale: Locale,
  options: {
    submissionId: string;
    committees: { code: string; name: string; administration: string }[];
    values: FormValues;
    message: ReportedMessage;
    messageSig: string;
    errors?: FormErrors;
    notice?: string;
  },
) {
  const form = incidentFormData(locale, options);
  const shown = reportedMessageView(locale, options.message);
  return {
    ...form,
    intro: t(locale, 'incident.messageForm.intro'),
    labels: {
      ...form.labels,
      messageDescription: t(locale, 'incident.messageForm.description'),
      messageDescriptionHint: t(locale, 'incident.messageForm.descriptionHint'),
      messageSubmit: t(locale, 'incident.messageForm.submit'),
      openMessage: shown.openLabel,
    },
    messageHeading: t(locale, 'incident.messageForm.heading'),
    messageFromLabel: shown.fromLabel,
    messageSender: shown.sender,
    messageFacts: shown.facts,
    messageLines: shown.lines,
    messageLink: shown.link,
    messageState: JSON.stringify(options.message),
    messageSig: options.messageSig,
  };
}
