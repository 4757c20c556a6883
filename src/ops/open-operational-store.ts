import { ManagedIdentityCredential } from '@azure/identity';
import type { AppConfig } from '../config/config';
import { AzureOperationalStore } from './azure/azure-operational-store';
import { AzureTables } from './azure/azure-tables';
import type { OperationalStore } from './operational-store';
import { SqliteOperationalStore } from './sqlite-operational-store';

/** The operational store the configuration names (OPS_STORE): SQLite in DATA_DIR, or Azure Table Storage. */
export async function openOperationalStore(config: Pick<AppConfig, 'ops' | 'dataDir'>): Promise<OperationalStore> {
  if (config.ops.kind === 'sqlite') return SqliteOperationalStore.open(config.dataDir);
  const { connectionString, endpoint, managedIdentityClientId, tablePrefix } = config.ops;
  // In Azure the app's managed identity, with a role on the account; no shared key is kept anywhere.
  const target = connectionString ? { connectionString } : { endpoint, credential: managedIdentityClientId ? new ManagedIdentityCredential({ clientId: managedIdentityClientId }) : new ManagedIdentityCredential() };
  return AzureOperationalStore.open(new AzureTables(target, tablePrefix));
}
