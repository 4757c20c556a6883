import { ConfidentialClientApplication, ManagedIdentityApplication, ManagedIdentitySourceNames, type Configuration } from '@azure/msal-node';
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/config';
import type { GraphSettings } from './graph-settings';

const MICROSOFT_AUTHORITY_HOSTS = ['login.microsoftonline.com', 'login.microsoftonline.us', 'login.partner.microsoftonline.cn'];

/** Client credentials from the certificate file: MSAL signs its client assertion with the key and names the certificate by its SHA-256 thumbprint. */
function certificateCredential(file: string): NonNullable<Configuration['auth']['clientCertificate']> {
  const pem = readFileSync(file, 'utf8');
  const certMatch = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
  if (!certMatch) throw new ConfigError(`GRAPH_CERTIFICATE_PATH (${file}) innehåller inget certifikat`);
  const cert = new X509Certificate(certMatch[0]);
  const privateKey = createPrivateKey(pem).export({ format: 'pem', type: 'pkcs8' }).toString();
  return {
    thumbprintSha256: createHash('sha256').update(cert.raw).digest('hex'),
    privateKey,
    x5c: certMatch[0],
  };
}

const NATIONAL_CLOUD_GRAPH_HOSTS = ['graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn'];

/** Tokens are for Graph itself: a national cloud's Graph has its own audience, anything else (a proxy, a local stand-in) is Graph's. */
export function graphScopeFor(graphBaseUrl: string): string {
  const url = new URL(graphBaseUrl);
  return NATIONAL_CLOUD_GRAPH_HOSTS.includes(url.hostname) ? `${url.origin}/.default` : 'https://graph.microsoft.com/.default';
}

/** The resource a managed identity asks for: the same audience as graphScopeFor, without '/.default'. */
export function graphResourceFor(graphBaseUrl: string): string {
  return graphScopeFor(graphBaseUrl).replace(/\/\.default$/, '');
}

/**
 * Tokens for Graph with the app's own identity: the client-credentials flow for an app
 * registration, or the App Service's managed identity. MSAL caches them until shortly before they
 * expire.
 */
export class MsalTokenProvider {
  private readonly acquire: () => Promise<string>;

  constructor(settings: GraphSettings) {
    if (settings.managedIdentity) {
      if (settings.clientSecret || settings.certificatePath) throw new ConfigError('Graph: välj den hanterade identiteten eller GRAPH_CLIENT_SECRET/GRAPH_CERTIFICATE_PATH, inte båda');
      this.acquire = managedIdentityTokens(settings.managedIdentity, graphResourceFor(settings.graphBaseUrl));
    } else {
      this.acquire = clientCredentialTokens(settings);
    }
  }

  accessToken(): Promise<string> {
    return this.acquire();
  }
}

function clientCredentialTokens(settings: GraphSettings): () => Promise<string> {
  if (!settings.clientSecret && !settings.certificatePath) {
    throw new ConfigError('Graph behöver GRAPH_CLIENT_SECRET, GRAPH_CERTIFICATE_PATH eller GRAPH_MANAGED_IDENTITY=1');
  }
  const authorityHost = new URL(settings.authorityHost);
  const auth: Configuration['auth'] = {
    clientId: settings.clientId,
    authority: `${authorityHost.origin}/${settings.tenantId}`,
    ...(settings.certificatePath ? { clientCertificate: certificateCredential(settings.certificatePath) } : { clientSecret: settings.clientSecret! }),
    // An authority outside Microsoft's clouds (a sovereign proxy, or the local stand-in in tests) must be named as known.
    ...(MICROSOFT_AUTHORITY_HOSTS.includes(authorityHost.hostname) ? {} : { knownAuthorities: [authorityHost.host] }),
  };
  const app = new ConfidentialClientApplication({ auth });
  const scope = graphScopeFor(settings.graphBaseUrl);
  return async () => {
    const result = await app.acquireTokenByClientCredential({ scopes: [scope] });
    if (!result?.accessToken) throw new Error('Ingen åtkomsttoken för Graph');
    return result.accessToken;
  };
}

/**
 * Tokens from the managed identity. MSAL finds the source (on App Service: IDENTITY_ENDPOINT and
 * IDENTITY_HEADER, which App Service sets for the process) at the first request and keeps it, and
 * its token cache, for the life of the process.
 */
function managedIdentityTokens(identity: { clientId?: string }, resource: string): () => Promise<string> {
  const app = new ManagedIdentityApplication(identity.clientId ? { managedIdentityIdParams: { userAssignedClientId: identity.clientId } } : {});
  const who = identity.clientId ? `den användartilldelade hanterade identiteten ${identity.clientId}` : 'den systemtilldelade hanterade identiteten';
  return async () => {
    try {
      const result = await app.acquireToken({ resource });
      if (!result.accessToken) throw new Error('svaret saknar åtkomsttoken');
      return result.accessToken;
    } catch (err) {
      const source = app.getManagedIdentitySource();
      const hint = source === ManagedIdentitySourceNames.DEFAULT_TO_IMDS ? ' (IDENTITY_ENDPOINT och IDENTITY_HEADER saknas: körs appen utanför App Service?)' : '';
      // MSAL's ServerError carries the endpoint's status; its message starts with the (often empty) error code.
      const status = typeof (err as { status?: unknown }).status === 'number' ? `HTTP ${(err as { status: number }).status}: ` : '';
      const reason = (err as Error).message.replace(/^:\s*/, '');
      throw new Error(`Ingen åtkomsttoken för Graph från ${who} via ${source}${hint}: ${status}${reason}`, { cause: err });
    }
  };
}
