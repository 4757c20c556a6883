import { ManagedIdentityCredential } from '@azure/identity';
import { BlobServiceClient } from '@azure/storage-blob';
import type { Leadership } from '../server/leadership';
import { blobLeaseLeadership } from './azure/blob-lease-leadership';
import type { AppConfig } from '../config/config';
import { AzureOperationalStore } from './azure/azure-operational-store';
import { AzureTables } from './azure/azure-tables';
import type { OperationalStore } from './operational-store';
import { SqliteOperationalStore } from './sqlite-operational-store';

/** The operational store the configuration names (OPS_STORE): SQLite in DATA_DIR, or Azure Table Storage. */
export async function openOperationalStore(config: Pick<AppConfig, 'ops' | 'dataDir'>): Promise<OperationalStore> {
  if (config.ops.kind === 'sqlite') return SqliteOperationalStore.open(config.dataDir);
  const { connectionString, endpoint, tablePrefix } = config.ops;
  const target = connectionString ? { connectionString } : { endpoint, credential: credentialOf(config.ops) };
  return AzureOperationalStore.open(new AzureTables(target, tablePrefix));
}

/** In Azure the app's managed identity, with roles on the account: no shared key is kept anywhere. */
const credentialOf = (ops: { managedIdentityClientId: string }) => (ops.managedIdentityClientId ? new ManagedIdentityCredential({ clientId: ops.managedIdentityClientId }) : new ManagedIdentityCredential());

/**
 * Who leads among the instances sharing an Azure operational store (a lease on a blob in the same
 * account, 30 seconds, renewed every 10); undefined with SQLite, whose one instance always does.
 */
export async function leadershipFor(config: Pick<AppConfig, 'ops'>, log?: Parameters<typeof blobLeaseLeadership>[1]['log']): Promise<Leadership | undefined> {
  if (config.ops.kind === 'sqlite') return undefined;
  const service = config.ops.connectionString ? BlobServiceClient.fromConnectionString(config.ops.connectionString) : new BlobServiceClient(config.ops.blobEndpoint, credentialOf(config.ops));
  const container = service.getContainerClient(`${config.ops.tablePrefix.toLowerCase()}-leader`);
  await container.createIfNotExists();
  return blobLeaseLeadership(container.getBlockBlobClient('leader'), { leaseSeconds: 30, tryEveryMs: 5000, ...(log ? { log } : {}) });
}
