import { allRefusedCharacters, codePointName } from '../text/free-text';
import { DESCRIPTION_MAX } from './incident-report';

/**
 * A Teams message someone reported as suspicious ("Rapportera till Infosäk" on the message): what
 * the incident needs from it and nothing more — who sent it and from where, when, where it was,
 * the link back to it, and its text as plain text. Not its id, reactions, mentions or attachments.
 */
export const MESSAGE_PLACES = ['chatt', 'gruppchatt', 'kanal', 'mote'] as const;
export type MessagePlace = (typeof MESSAGE_PLACES)[number];

/**
 * Whose message: a colleague (someone on the municipality's staff), an account in the tenant that
 * is not staff (a guest, say), someone from another organisation, an anonymous meeting
 * participant, an app, or not told.
 */
export const SENDER_KINDS = ['intern', 'ej-personal', 'extern', 'gast', 'app', 'okand'] as const;
export type SenderKind = (typeof SENDER_KINDS)[number];

export interface ReportedMessage {
  senderName: string;
  senderKind: SenderKind;
  /** When it was sent (ISO 8601), as Teams gave it. */
  sentAt?: string;
  place: MessagePlace;
  /** The message's link in Teams (teams.microsoft.com/l/message/…): triagers open it from the card. */
  link?: string;
  /** Its text, as the reporter saw it, cut to the form's limit. */
  text: string;
}

export const MESSAGE_TEXT_MAX = DESCRIPTION_MAX;
const NAME_MAX = 200;

/**
 * Characters that hide or turn text around (the free-text rule refuses them in what people write)
 * are shown as [U+202E] in someone else's message: they are evidence, and stored that way they
 * cannot disguise what the triager reads.
 */
export function visibleText(text: string, max: number): string {
  const shown = text.replace(allRefusedCharacters(), (c) => `[${codePointName(c)}]`).replace(/\n{3,}/g, '\n\n').trim();
  return shown.length > max ? `${shown.slice(0, max - 1).trimEnd()}…` : shown;
}

/** A link is kept only when it leads into Teams: the card opens it, and nothing else may hide behind "Öppna meddelandet". */
export function teamsLink(link: unknown): string | undefined {
  if (typeof link !== 'string' || link.length > 2048) return undefined;
  try {
    const url = new URL(link);
    return url.protocol === 'https:' && (url.hostname === 'teams.microsoft.com' || url.hostname === 'teams.cloud.microsoft') ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** The message as stored, from what the Teams payload gave (bot/message-payload.ts reads it). */
export function reportedMessage(input: { senderName: string; senderKind: SenderKind; sentAt?: string; place: MessagePlace; link?: string; text: string }): ReportedMessage {
  const sentAt = input.sentAt && !Number.isNaN(Date.parse(input.sentAt)) ? new Date(input.sentAt).toISOString() : undefined;
  const link = teamsLink(input.link);
  return {
    senderName: visibleText(input.senderName, NAME_MAX),
    senderKind: input.senderKind,
    ...(sentAt ? { sentAt } : {}),
    place: input.place,
    ...(link ? { link } : {}),
    text: visibleText(input.text, MESSAGE_TEXT_MAX),
  };
}

export function isReportedMessage(value: unknown): value is ReportedMessage {
  const m = value as ReportedMessage;
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.senderName === 'string' &&
    (SENDER_KINDS as readonly string[]).includes(m.senderKind) &&
    (MESSAGE_PLACES as readonly string[]).includes(m.place) &&
    typeof m.text === 'string' &&
    (m.sentAt === undefined || typeof m.sentAt === 'string') &&
    (m.link === undefined || typeof m.link === 'string')
  );
}
