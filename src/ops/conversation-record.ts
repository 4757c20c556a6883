/**
 * What the bot remembers of a conversation so that it can write to it later (proactive messages).
 * Operational state, not a record of value: it lives in the operational store, never in SharePoint.
 */
export interface ConversationRecord {
  conversationId: string;
  /** aadObjectId of the person, for personal chats. */
  personId?: string;
  tenantId: string;
  serviceUrl: string;
  conversationType: 'personal' | 'groupChat' | 'channel';
  /** The botbuilder ConversationReference, as JSON. */
  reference: Record<string, unknown>;
  welcomedAt?: string;
  updatedAt: string;
}
