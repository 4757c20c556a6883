import type { ConversationReferences } from '../operational-store';
import type { AzureTables } from './azure-tables';
import { notYetOnAzure } from './not-yet';

/** The conversation references on Azure Table Storage. */
export const azureConversationsTables: readonly string[] = [];

export function azureConversations(tables: AzureTables): ConversationReferences {
  void tables;
  return notYetOnAzure<ConversationReferences>('conversation references');
}
