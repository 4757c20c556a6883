import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
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

/** Tokens for Graph with the client-credentials flow; MSAL caches them until shortly before they expire. */
export class MsalTokenProvider {
  private readonly app: ConfidentialClientApplication;
  private readonly scope: string;

  constructor(settings: GraphSettings) {
    if (!settings.clientSecret && !settings.certificatePath) {
      throw new ConfigError('Graph behöver GRAPH_CLIENT_SECRET eller GRAPH_CERTIFICATE_PATH');
    }
    const authorityHost = new URL(settings.authorityHost);
    const auth: Configuration['auth'] = {
      clientId: settings.clientId,
      authority: `${authorityHost.origin}/${settings.tenantId}`,
      ...(settings.certificatePath ? { clientCertificate: certificateCredential(settings.certificatePath) } : { clientSecret: settings.clientSecret! }),
      // An authority outside Microsoft's clouds (a sovereign proxy, or the local stand-in in tests) must be named as known.
      ...(MICROSOFT_AUTHORITY_HOSTS.includes(authorityHost.hostname) ? {} : { knownAuthorities: [authorityHost.host] }),
    };
    this.app = new ConfidentialClientApplication({ auth });
    this.scope = graphScopeFor(settings.graphBaseUrl);
  }

  async accessToken(): Promise<string> {
    const result = await this.app.acquireTokenByClientCredential({ scopes: [this.scope] });
    if (!result?.accessToken) throw new Error('Ingen åtkomsttoken för Graph');
    return result.accessToken;
  }
}
