import { convert } from 'html-to-text';
import { reportedMessage, type MessagePlace, type ReportedMessage, type SenderKind } from '../src/incidents/reported-message';

/**
 * The message a person reported from its "…" menu, read from the payload Teams sends with the
 * message action (composeExtension/fetchTask, commandContext "message"). Teams gives the body as
 * HTML; it becomes plain text with html-to-text, links written out with their real address
 * ("klicka här [https://…]"), because where a link leads is what a triager of phishing needs.
 */
/** The part of Teams' messagePayload (botbuilder's MessageActionsPayload) that is read here; everything else is left. */
export interface MessagePayloadFields {
  createdDateTime?: string;
  subject?: string | null;
  linkToMessage?: string;
  body?: { contentType?: string; content?: string };
  from?: { user?: { userIdentityType?: string; displayName?: string } | null; application?: { displayName?: string } | null } | null;
}

export function messageFromPayload(payload: MessagePayloadFields | undefined, conversation: { conversationType?: string; id?: string }): ReportedMessage | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const body = payload.body;
  const content = typeof body?.content === 'string' ? body.content : '';
  const text = body?.contentType === 'text' ? content : htmlToText(content);
  const subject = typeof payload.subject === 'string' && payload.subject.trim() ? `${payload.subject.trim()}\n\n` : '';
  const user = payload.from?.user;
  const app = payload.from?.application;
  return reportedMessage({
    senderName: (typeof user?.displayName === 'string' && user.displayName) || (typeof app?.displayName === 'string' && app.displayName) || '',
    senderKind: senderKindOf(user?.userIdentityType, Boolean(app)),
    ...(typeof payload.createdDateTime === 'string' ? { sentAt: payload.createdDateTime } : {}),
    place: placeOf(conversation),
    ...(typeof payload.linkToMessage === 'string' ? { link: payload.linkToMessage } : {}),
    text: subject + text,
  });
}

function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true, ignoreHref: false } },
      // Pictures and emoji images say nothing a triager can read; their alt text is kept where there is one.
      { selector: 'img', format: 'skip' },
    ],
  });
}

function senderKindOf(identity: unknown, isApp: boolean): SenderKind {
  switch (identity) {
    case 'aadUser':
    case 'onPremiseAadUser':
      return 'intern';
    case 'federatedUser':
      return 'extern';
    case 'anonymousGuest':
      return 'gast';
    default:
      return isApp ? 'app' : 'okand';
  }
}

/** Where the message was: a meeting's chat is a group chat whose id says so. */
function placeOf(conversation: { conversationType?: string; id?: string }): MessagePlace {
  if (conversation.conversationType === 'channel') return 'kanal';
  if (conversation.id?.includes('meeting_')) return 'mote';
  if (conversation.conversationType === 'groupChat') return 'gruppchatt';
  return 'chatt';
}
