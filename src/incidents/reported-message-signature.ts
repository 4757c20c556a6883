import { sameSignature, signParts } from '../text/signature';
import { isReportedMessage, reportedMessage, type ReportedMessage } from './reported-message';

/**
 * The message travels in the dialog's card between the two requests, signed for the person who
 * opened it: the card is the client's, and a triager must be able to trust that "Från: …" is what
 * Teams said, not what someone typed into a forged request.
 */
export function signMessage(secret: string, personId: string, message: ReportedMessage): string {
  return signParts(secret, ['reported-message', personId, message.senderName, message.senderKind, message.sentAt ?? '', message.place, message.link ?? '', message.text]);
}

export function checkSignedMessage(secret: string, personId: string, data: { message?: unknown; messageSig?: unknown }): ReportedMessage | undefined {
  if (!isReportedMessage(data.message) || typeof data.messageSig !== 'string') return undefined;
  // Rebuilt from the known fields: anything else the client added is not stored.
  const message = reportedMessage(data.message);
  return sameSignature(signMessage(secret, personId, message), data.messageSig) ? message : undefined;
}
