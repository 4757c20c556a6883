import { randomUUID } from 'node:crypto';
import { stockholmDateAndTime } from '../../src/clock/stockholm-time';
import type { FormErrors } from '../../src/incidents/incident-report';
import { reportIncident } from '../../src/incidents/report-incident';
import type { ReportedMessage } from '../../src/incidents/reported-message';
import { checkSignedMessage, signMessage } from '../../src/incidents/reported-message-signature';
import { t } from '../../src/i18n/texts';
import { homeCommitteeOf } from '../../src/organisation/organisation';
import { findPerson } from '../../src/organisation/people';
import { cardAttachment, renderCard, type AdaptiveCard } from '../cards/card-templates';
import { formValuesFrom, type FormValues } from '../cards/incident-card-data';
import { messageFormData } from '../cards/incident-message-form-card-data';
import type { BotDeps } from './bot-deps';
import type { Who } from './flow';
import type { ReadMessage } from '../message-payload';
import { receiptCard, submissionIdOf } from './incident-flows';

/** The message action's command id, as in the manifest's composeExtensions. */
export const REPORT_MESSAGE_COMMAND = 'reportMessage';

/** What a message action's dialog answers: a card in the dialog, or a short message in its place. */
export type DialogAnswer = { kind: 'dialog'; title: string; card: AdaptiveCard } | { kind: 'message'; text: string };

/** The form's first values: phishing (what people report messages for), their own förvaltning, discovered now. */
function firstValues(deps: BotDeps, home: string | undefined): FormValues {
  const now = stockholmDateAndTime(deps.clock.now());
  return { kind: 'incident', category: 'natfiske', ...(home ? { committeeCode: home } : {}), discoveredDate: now.date, discoveredTime: now.time, personalData: 'false' };
}

async function formDialog(
  who: Who & { personId: string },
  deps: BotDeps,
  message: ReportedMessage,
  form: { submissionId: string; values: FormValues; errors?: FormErrors; notice?: string },
): Promise<DialogAnswer> {
  const data = messageFormData(who.locale, {
    ...form,
    committees: await deps.committees.list(),
    message,
    messageSig: signMessage(deps.cardSecret, who.personId, message),
  });
  return { kind: 'dialog', title: t(who.locale, 'incident.messageForm.title'), card: renderCard('incidentMessageForm', data) };
}

/**
 * "Rapportera till Infosäk" on a message: the dialog with the form filled in. The bot need not be
 * in the chat where the message is — nothing is read from or written to that chat — so it never
 * asks to be installed there: adding it would show the chat's members, the sender of a suspicious
 * message among them, that someone reported it.
 */
export async function openReportDialog(who: Who, read: ReadMessage | undefined, deps: BotDeps): Promise<DialogAnswer> {
  if (!who.personId) return { kind: 'message', text: t(who.locale, 'error.generic') };
  if (!read) return { kind: 'message', text: t(who.locale, 'incident.messageForm.noMessage') };
  const [person, sender] = await Promise.all([findPerson(deps.store, who.personId), read.message.senderKind === 'intern' ? findPerson(deps.store, read.senderId) : undefined]);
  // "Kollega i kommunen" only for someone the municipality knows: a guest has an account in the tenant too.
  const message: ReportedMessage = read.message.senderKind === 'intern' && !sender ? { ...read.message, senderKind: 'ej-personal' } : read.message;
  const home = person ? homeCommitteeOf(person) : undefined;
  return formDialog({ ...who, personId: who.personId }, deps, message, { submissionId: randomUUID(), values: firstValues(deps, home) });
}

/**
 * "Skicka rapporten" in the dialog: the same path as a report in chat (validation, the number kept
 * for the form, stored once, the follow-up telling the right people, the clocks). The receipt shows
 * in the dialog, and a copy goes to the person's chat with Infosäk, where it stays.
 */
export async function submitReportDialog(who: Who, data: Record<string, unknown>, deps: BotDeps): Promise<DialogAnswer> {
  const submissionId = submissionIdOf(data);
  if (!who.personId || !submissionId) return { kind: 'message', text: t(who.locale, 'error.generic') };
  const personId = who.personId;
  const message = checkSignedMessage(deps.cardSecret, personId, { message: parsed(data.message), messageSig: data.messageSig });
  if (!message) return { kind: 'message', text: t(who.locale, 'incident.messageForm.lost') };
  const committees = await deps.committees.list();
  let outcome: Awaited<ReturnType<typeof reportIncident>>;
  try {
    outcome = await reportIncident(deps, { reporterId: personId, submissionId, form: data, committees: committees.map((c) => c.code), reportedMessage: message });
  } catch (err) {
    deps.logger.error({ err: (err as Error).message }, 'rapport kunde inte tas emot');
    return { kind: 'message', text: t(who.locale, 'incident.error.notReceived') };
  }
  const me = { ...who, personId };
  if (outcome.outcome === 'invalid') return formDialog(me, deps, message, { submissionId, values: formValuesFrom(data), errors: outcome.errors });
  if (outcome.outcome === 'alreadySent') {
    const notice = t(who.locale, 'incident.form.alreadySent', { reference: outcome.incident.reference });
    return formDialog(me, deps, message, { submissionId: randomUUID(), values: formValuesFrom(data), errors: {}, notice });
  }
  const receipt = await receiptCard(who, outcome, committees, deps);
  // Keyed by the report: sending the dialog again (a double click, a retry) queues no second copy.
  await deps.enqueue([{ key: `receipt:${outcome.incident.reference}`, campaignId: `incident:${outcome.incident.reference}`, personId, activity: { type: 'message', attachments: [cardAttachment(receipt)] } }]);
  return { kind: 'dialog', title: t(who.locale, 'incident.messageForm.received'), card: receipt };
}

function parsed(value: unknown): unknown {
  if (typeof value !== 'string' || value.length > 20_000) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}
