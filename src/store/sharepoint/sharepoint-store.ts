import type { Client } from '@microsoft/microsoft-graph-client';
import { ConfigError } from '../../config/config';
import { appGraphClient } from '../../graph/app-graph-client';
import type { GraphSettings } from '../../graph/graph-settings';
import { LIST_DEFINITIONS, listDefinition } from '../list-schema';
import { ListStore } from '../list-store';
import { DEFAULT_RETRY, readAllPages, readWithRetries, type RetryPolicy } from './graph-calls';
import { describeProblem, schemaProblems, type SiteList } from './list-schema-check';
import { SharePointListRepository } from './sharepoint-list-repository';

export class SchemaMismatchError extends ConfigError {
  constructor(readonly problems: string[]) {
    super(`SharePoint-listorna stämmer inte med infra/sharepoint/lists.json. Kör npm run provision, eller rätta:\n  - ${problems.join('\n  - ')}`);
  }
}

export interface SharePointConnection {
  client: Client;
  siteId: string;
}

/** Signs in with the app's identity and finds the site: what both the store and provisioning start from. */
export async function connectToSite(settings: GraphSettings, retry: RetryPolicy = DEFAULT_RETRY, sdkRetryDelaySeconds?: number): Promise<SharePointConnection> {
  const client = appGraphClient(settings, sdkRetryDelaySeconds);
  const match = /^([^:/]+):(\/sites\/.+)$/.exec(settings.site);
  if (!match) throw new ConfigError(`SHAREPOINT_SITE ska ha formen värdnamn:/sites/sökväg, t.ex. sjovik.sharepoint.com:/sites/infosak (fick "${settings.site}")`);
  const site = (await readWithRetries(() => client.api(`/sites/${match[1]}:${match[2]}`).get(), retry)) as { id: string };
  return { client, siteId: site.id };
}

export async function siteLists(connection: SharePointConnection, retry: RetryPolicy = DEFAULT_RETRY): Promise<SiteList[]> {
  return readAllPages<SiteList>(connection.client, `/sites/${connection.siteId}/lists?$select=id,displayName&$expand=columns`, undefined, retry);
}

/** Records in SharePoint lists on one site, through Microsoft Graph: the production store. */
export class SharePointStore extends ListStore {
  readonly kind = 'sharepoint' as const;

  private constructor(connection: SharePointConnection, listIds: Map<string, string>, retry: RetryPolicy) {
    super((name) => {
      const list = listDefinition(name);
      return new SharePointListRepository(connection.client, connection.siteId, listIds.get(list.displayName)!, list, retry);
    });
  }

  /** Connects, and refuses to start with a list of exactly what is missing or wrong on the site. */
  static async connect(settings: GraphSettings, options: { retry?: RetryPolicy; sdkRetryDelaySeconds?: number } = {}): Promise<SharePointStore> {
    const retry = options.retry ?? DEFAULT_RETRY;
    const connection = await connectToSite(settings, retry, options.sdkRetryDelaySeconds);
    const lists = await siteLists(connection, retry);
    const problems = schemaProblems(LIST_DEFINITIONS, lists);
    if (problems.length > 0) throw new SchemaMismatchError(problems.map(describeProblem));
    return new SharePointStore(connection, new Map(lists.map((l) => [l.displayName, l.id])), retry);
  }

  async close(): Promise<void> {
    // Nothing to release: Graph calls are stateless HTTP and MSAL's cache lives in memory.
  }
}
