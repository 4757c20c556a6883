import { TableClient, TableServiceClient, type TableEntity } from '@azure/data-tables';
import type { TokenCredential } from '@azure/core-auth';

/**
 * The operational store's tables in Azure Table Storage: reached with a connection string (Azurite
 * locally) or with the app's managed identity (no shared keys in Azure). Every table's name starts
 * with the same prefix, so two installations (or two test runs) can share an account.
 */
export type AzureTablesTarget = { connectionString: string } | { endpoint: string; credential: TokenCredential };

export class AzureTables {
  private readonly clients = new Map<string, TableClient>();

  constructor(
    private readonly target: AzureTablesTarget,
    /** Letters and digits only, as table names are; e.g. "infosak". */
    private readonly prefix: string,
  ) {
    if (!/^[A-Za-z][A-Za-z0-9]{0,30}$/.test(prefix)) throw new Error(`table prefix "${prefix}" must be letters and digits, starting with a letter`);
  }

  /** The client for one table ("Outbox" → infosakOutbox). */
  table(name: string): TableClient {
    let client = this.clients.get(name);
    if (!client) {
      const full = `${this.prefix}${name}`;
      // Azurite speaks plain HTTP on loopback; Azure is reached only over HTTPS.
      client = 'connectionString' in this.target ? TableClient.fromConnectionString(this.target.connectionString, full, { allowInsecureConnection: true }) : new TableClient(this.target.endpoint, full, this.target.credential);
      this.clients.set(name, client);
    }
    return client;
  }

  /** Creates the tables that do not exist yet (at start; creating an existing table is not an error). */
  async ensure(names: readonly string[]): Promise<void> {
    const service = 'connectionString' in this.target ? TableServiceClient.fromConnectionString(this.target.connectionString, { allowInsecureConnection: true }) : new TableServiceClient(this.target.endpoint, this.target.credential);
    await Promise.all(names.map((name) => service.createTable(`${this.prefix}${name}`)));
  }
}

/**
 * A value as a PartitionKey or RowKey: those may not hold / \ # ? or control characters, which
 * person ids, message keys and kinds may; percent-encoding keeps them apart and keeps the order
 * of plain ASCII keys.
 */
export const safeKey = (value: string): string => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The HTTP status of a storage error (409 conflict, 412 precondition failed, 404 not found), or undefined. */
export const statusOf = (err: unknown): number | undefined => (err as { statusCode?: number } | undefined)?.statusCode;

export type Entity<T extends object> = TableEntity<T> & { etag?: string };
