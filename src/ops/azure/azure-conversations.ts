/**
 * The conversation references on Azure Table Storage.
 *
 * Partitions: table Conversations has one per conversation (PartitionKey the conversation id made
 * safe, RowKey `conversation`): get, remember and markWelcomed are point reads and writes, the
 * welcome mark set once with the ETag it was read with. The same table holds one more row,
 * PartitionKey `|latest` ('|' never comes out of safeKey), naming the conversation heard from last:
 * Table Storage cannot sort by updatedAt, so each remember moves it forward when it is newer.
 * Table ConversationsByPerson has one partition per person (the id in lower case, as SQLite keeps
 * it, made safe), a row per conversation of theirs: personalChatOf reads that one small partition
 * and checks each against the conversation itself (a row left behind by a conversation that changed
 * hands, or by a remember cut short, is never believed).
 */
import type { TableClient, TableEntityResult } from '@azure/data-tables';
import type { ConversationRecord } from '../conversation-record';
import type { ConversationReferences } from '../operational-store';
import { safeKey, type AzureTables } from './azure-tables';
import { getOrUndefined, inParallel, listAll, optimistically, textOf, textProperties } from './azure-entities';
import { odata } from '@azure/data-tables';

const TABLE = 'Conversations';
const BY_PERSON = 'ConversationsByPerson';
export const azureConversationsTables: readonly string[] = [TABLE, BY_PERSON];

const ROW = 'conversation';
const LATEST = { partitionKey: '|latest', rowKey: 'latest' };

type ConversationRow = Record<string, unknown> & {
  conversationId: string;
  /** In lower case; '' for none (a merge must be able to clear it). */
  personId: string;
  tenantId: string;
  serviceUrl: string;
  conversationType: ConversationRecord['conversationType'];
  welcomedAt?: string;
  updatedAt: string;
};

interface LatestRow {
  conversationId: string;
  updatedAt: string;
}

const toRecord = (row: TableEntityResult<ConversationRow>): ConversationRecord => ({
  conversationId: row.conversationId,
  ...(row.personId ? { personId: row.personId } : {}),
  tenantId: row.tenantId,
  serviceUrl: row.serviceUrl,
  conversationType: row.conversationType,
  reference: JSON.parse(textOf(row, 'reference')) as Record<string, unknown>,
  ...(row.welcomedAt ? { welcomedAt: row.welcomedAt } : {}),
  updatedAt: row.updatedAt,
});

class AzureConversationReferences implements ConversationReferences {
  constructor(
    private readonly table: TableClient,
    private readonly byPerson: TableClient,
  ) {}

  async remember(r: Omit<ConversationRecord, 'welcomedAt'>): Promise<void> {
    const personId = r.personId ? r.personId.toLowerCase() : '';
    // Merge: every field but the welcome mark is written, so an earlier welcome stays. Sent as a
    // transaction of one: Azurite (3.35) garbles non-ASCII text in a plain upsert's body beyond
    // 64 KiB (a long reference), not in a transaction's; on Azure both are the same upsert.
    await this.table.submitTransaction([
      [
        'upsert',
        {
          partitionKey: safeKey(r.conversationId),
          rowKey: ROW,
          conversationId: r.conversationId,
          personId,
          tenantId: r.tenantId,
          serviceUrl: r.serviceUrl,
          conversationType: r.conversationType,
          ...textProperties('reference', JSON.stringify(r.reference)),
          updatedAt: r.updatedAt,
        },
        'Merge',
      ],
    ]);
    if (personId) await this.byPerson.upsertEntity({ partitionKey: safeKey(personId), rowKey: safeKey(r.conversationId), conversationId: r.conversationId }, 'Replace');
    await this.moveLatest(r.conversationId, r.updatedAt);
  }

  async get(conversationId: string): Promise<ConversationRecord | undefined> {
    const row = await getOrUndefined<ConversationRow>(this.table, safeKey(conversationId), ROW);
    return row && toRecord(row);
  }

  async personalChatOf(personId: string): Promise<ConversationRecord | undefined> {
    const person = personId.toLowerCase();
    const listed = await listAll<{ conversationId: string }>(this.byPerson, odata`PartitionKey eq ${safeKey(person)}`, ['conversationId']);
    const chats = (await inParallel(listed, (l) => this.get(l.conversationId))).filter((c): c is ConversationRecord => c?.personId === person && c.conversationType === 'personal');
    return chats.reduce<ConversationRecord | undefined>((latest, c) => (latest === undefined || c.updatedAt > latest.updatedAt ? c : latest), undefined);
  }

  async latest(): Promise<ConversationRecord | undefined> {
    const pointer = await getOrUndefined<LatestRow>(this.table, LATEST.partitionKey, LATEST.rowKey);
    return pointer && this.get(pointer.conversationId);
  }

  async markWelcomed(conversationId: string, at: string): Promise<boolean> {
    return optimistically(
      `welcome ${conversationId}`,
      async () => {
        const row = await getOrUndefined<ConversationRow>(this.table, safeKey(conversationId), ROW);
        if (!row || row.welcomedAt) return false;
        await this.table.updateEntity({ partitionKey: safeKey(conversationId), rowKey: ROW, welcomedAt: at }, 'Merge', { etag: row.etag });
        return true;
      },
      [412],
    );
  }

  /** Names the conversation heard from last, unless one heard from later is named already. */
  private async moveLatest(conversationId: string, updatedAt: string): Promise<void> {
    await optimistically(
      'latest conversation',
      async () => {
        const pointer = await getOrUndefined<LatestRow>(this.table, LATEST.partitionKey, LATEST.rowKey);
        const row = { ...LATEST, conversationId, updatedAt };
        if (!pointer) return void (await this.table.createEntity(row));
        if (pointer.conversationId === conversationId ? pointer.updatedAt === updatedAt : pointer.updatedAt > updatedAt) return;
        await this.table.updateEntity(row, 'Replace', { etag: pointer.etag });
      },
      [409, 412],
    );
  }
}

export function azureConversations(tables: AzureTables): ConversationReferences {
  return new AzureConversationReferences(tables.table(TABLE), tables.table(BY_PERSON));
}
