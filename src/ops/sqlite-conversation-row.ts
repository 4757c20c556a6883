import type { ConversationRecord } from './conversation-record';

/** A row of the conversations table in ops.db, as SQLite gives it. */
export interface ConversationRow {
  conversation_id: string;
  person_id: string | null;
  tenant_id: string;
  service_url: string;
  conversation_type: ConversationRecord['conversationType'];
  reference: string;
  welcomed_at: string | null;
  updated_at: string;
}

export function toRecord(row: ConversationRow): ConversationRecord {
  return {
    conversationId: row.conversation_id,
    ...(row.person_id ? { personId: row.person_id } : {}),
    tenantId: row.tenant_id,
    serviceUrl: row.service_url,
    conversationType: row.conversation_type,
    reference: JSON.parse(row.reference) as Record<string, unknown>,
    ...(row.welcomed_at ? { welcomedAt: row.welcomed_at } : {}),
    updatedAt: row.updated_at,
  };
}
