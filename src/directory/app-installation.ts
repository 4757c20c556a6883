import { GraphError, RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client';

/**
 * Proactive installation of the Teams app for one user, as Company Communicator does it, so that
 * the bot can reach someone who never opened the app: POST /users/{id}/teamwork/installedApps
 * (application permission TeamsAppInstallation.ReadWriteSelfForUser.All). After a 201 Teams sends
 * the bot an installationUpdate activity, which is where the conversation reference comes from.
 */
export type InstallOutcome =
  | { kind: 'installed' }
  | { kind: 'alreadyInstalled' }
  /** 403: the tenant's app permission or setup policy does not allow the app for this user. */
  | { kind: 'blocked'; detail: string }
  /** 404: no such user, or a user without Teams. */
  | { kind: 'notFound'; detail: string }
  /** 429, 5xx or a lost answer: send again later, after retryAfterSeconds when Graph said. */
  | { kind: 'retry'; retryAfterSeconds?: number; detail: string }
  /**
   * Not about the person but the setup: the permission is missing, or the app id is not in the
   * tenant's catalog. Every installation would fail the same way, so the caller stops asking.
   */
  | { kind: 'setup'; detail: string }
  | { kind: 'failed'; detail: string };

/**
 * Sent with every installation request: the SDK's RetryHandler would otherwise retry a 429 itself
 * (it retries POST too, sleeping Retry-After up to three times) and the caller, who paces a whole
 * campaign against Teams' 30 installations a second per app and tenant, would never learn of it.
 * It applies to whatever client is passed, however createGraphClient configured its retries.
 */
const NO_SDK_RETRY = new RetryHandlerOptions(0, 0);

/**
 * Installs the app for a user, with exactly one request. `teamsAppId` is the app's id in the
 * tenant's app catalog (for an app published to the organisation's catalog it differs from the
 * manifest's id, which is the catalog entry's externalId).
 */
export async function installAppFor(client: Client, userId: string, teamsAppId: string): Promise<InstallOutcome> {
  try {
    await client
      .api(`/users/${encodeURIComponent(userId)}/teamwork/installedApps`)
      .middlewareOptions([NO_SDK_RETRY])
      .post({ 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${encodeURIComponent(teamsAppId)}` });
    return { kind: 'installed' };
  } catch (err) {
    return installOutcomeOf(err);
  }
}

/** What a failed installation request means for the caller. */
export function installOutcomeOf(err: unknown): InstallOutcome {
  const status = err instanceof GraphError ? err.statusCode : undefined;
  const said = err instanceof Error && err.message ? `: ${err.message}` : '';
  if (status === 409) return { kind: 'alreadyInstalled' };
  // Graph words these, not codes them: "Missing role permissions on the request. API requires one of …", and "… not found in the … catalog".
  const message = err instanceof Error ? err.message : '';
  if (status === 403 && /missing role permissions|api requires one of|insufficient privileges|authorization_requestdenied/i.test(message)) {
    return { kind: 'setup', detail: `behörigheten TeamsAppInstallation.ReadWriteSelfForUser.All saknas${said}` };
  }
  if (status === 404 && /catalog|teamsapp|app definition|the app/i.test(message)) return { kind: 'setup', detail: `appen finns inte i organisationens appkatalog (TEAMS_CATALOG_APP_ID)${said}` };
  if (status === 403) return { kind: 'blocked', detail: 'stoppad av organisationens appbehörighetsprincip' };
  if (status === 404) return { kind: 'notFound', detail: 'användaren finns inte eller har inte Teams' };
  if (status !== undefined && (status === 429 || status >= 500)) {
    const seconds = retryAfterSecondsOf(err);
    return { kind: 'retry', ...(seconds !== undefined ? { retryAfterSeconds: seconds } : {}), detail: status === 429 ? 'strypt av Graph (429)' : `Graph svarade ${status}${said}` };
  }
  // A dropped connection (the SDK's status -1, or fetch's TypeError): whether Teams installed the
  // app is unknown, and sending again is safe because a second installation is answered 409.
  if (status === -1 || (status === undefined && err instanceof TypeError)) return { kind: 'retry', detail: `inget svar från Graph${said}` };
  return { kind: 'failed', detail: status === undefined ? `anropet misslyckades${said}` : `Graph svarade ${status}${said}` };
}

/**
 * Retry-After from a Graph error, in seconds: the SDK keeps the failed response's headers on
 * GraphError.headers (GraphErrorHandler copies rawResponse.headers). The header is seconds (a
 * fraction has been seen) or an HTTP date.
 */
export function retryAfterSecondsOf(err: unknown): number | undefined {
  const header = err instanceof GraphError ? err.headers?.get('Retry-After') : undefined;
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/**
 * The personal chat between a user and the app already installed for them, as Company
 * Communicator finds it: the installation (filtered by the app's catalog id), then its chat. For
 * someone who has the app (a setup policy installed it) but whose chat the bot has never seen:
 * Teams sends no installationUpdate for an installation that already exists. Undefined when the
 * app is not installed for them.
 */
export async function installedChatOf(client: Client, userId: string, teamsAppId: string): Promise<string | undefined> {
  const user = `/users/${encodeURIComponent(userId)}/teamwork/installedApps`;
  const found = (await client.api(user).filter(`teamsApp/id eq '${teamsAppId.replace(/'/g, "''")}'`).expand('teamsApp').get()) as { value: { id: string }[] };
  const installation = found.value[0];
  if (!installation) return undefined;
  const chat = (await client.api(`${user}/${encodeURIComponent(installation.id)}/chat`).get()) as { id: string };
  return chat.id;
}
