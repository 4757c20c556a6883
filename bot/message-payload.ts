import { convert } from 'html-to-text';
import { reportedMessage, type MessagePlace, type ReportedMessage, type SenderKind } from '../src/incidents/reported-message';

/** The part of Teams' messagePayload (botbuilder's MessageActionsPayload) that is read here; everything else is left. */
export interface MessagePayloadFields {
  createdDateTime?: string;
  subject?: string | null;
  linkToMessage?: string;
  body?: { contentType?: string; content?: string };
  from?: { user?: { userIdentityType?: string; id?: string; displayName?: string; tenantId?: string } | null; application?: { displayName?: string } | null } | null;
}

/** The message as read, and the sender's Entra object id (not stored): whether they are staff is the flow's to find out. */
export interface ReadMessage {
  message: ReportedMessage;
  senderId?: string;
}

/**
 * The message a person reported from its "…" menu, read from the payload Teams sends with the
 * message action (composeExtension/fetchTask, commandContext "message"). Teams gives the body as
 * HTML; it becomes plain text with html-to-text, links written out with their real address
 * ("klicka här [https://…]"), because where a link leads is what a triager of phishing needs.
 */
export function messageFromPayload(payload: MessagePayloadFields | undefined, conversation: { conversationType?: string; id?: string; tenantId?: string }): ReadMessage | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const body = payload.body;
  const content = typeof body?.content === 'string' ? body.content : '';
  const text = body?.contentType === 'text' ? content : htmlToText(content);
  const subject = typeof payload.subject === 'string' && payload.subject.trim() ? `${payload.subject.trim()}\n\n` : '';
  const user = payload.from?.user;
  const app = payload.from?.application;
  const message = reportedMessage({
    senderName: (typeof user?.displayName === 'string' && user.displayName) || (typeof app?.displayName === 'string' && app.displayName) || '',
    senderKind: senderKindOf(user?.userIdentityType, Boolean(app), user?.tenantId, conversation.tenantId),
    ...(typeof payload.createdDateTime === 'string' ? { sentAt: payload.createdDateTime } : {}),
    place: placeOf(conversation),
    ...(typeof payload.linkToMessage === 'string' ? { link: payload.linkToMessage } : {}),
    text: subject + text,
  });
  return { message, ...(typeof user?.id === 'string' && user.id ? { senderId: user.id } : {}) };
}

function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    formatters: {
      imageAlt: (elem, _walk, builder) => {
        const alt = typeof elem.attribs?.alt === 'string' ? elem.attribs.alt.trim() : '';
        builder.addInline(alt || '[bild]', { noWordTransform: true });
      },
    },
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true, ignoreHref: false } },
      // A picture is kept as its alt text (an emoji's is the emoji), never its address: "[bild]" where it has none.
      { selector: 'img', format: 'imageAlt' },
    ],
  });
}

/**
 * Whose message, as far as Teams tells: an Entra account of this tenant is taken for a colleague
 * here, and the flow then keeps that only for someone on the municipality's staff (a B2B guest has
 * an account in the tenant too); another tenant's account, a personal Microsoft account, Skype,
 * phone or e-mail users are external; an anonymous meeting participant is a guest.
 */
function senderKindOf(identity: unknown, isApp: boolean, senderTenant: unknown, ownTenant: string | undefined): SenderKind {
  switch (identity) {
    case 'aadUser':
    case 'onPremiseAadUser':
      return typeof senderTenant === 'string' && ownTenant && senderTenant !== ownTenant ? 'extern' : 'intern';
    case 'federatedUser':
    case 'personalMicrosoftAccountUser':
    case 'skypeUser':
    case 'phoneUser':
    case 'emailUser':
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
