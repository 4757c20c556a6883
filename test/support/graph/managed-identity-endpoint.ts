import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { listenOnLoopback } from '../loopback-server';
import type { TokenAuthority } from './token-authority';

/** A managed identity as Entra ID knows it: its client (application) id and the app roles granted to it. */
export interface ManagedIdentity {
  clientId: string;
  roles?: string[];
}

/** What the endpoint was asked, for tests to check. */
export interface IdentityRequest {
  resource: string | null;
  apiVersion: string | null;
  clientId: string | null;
  identityHeader: string | undefined;
  status: number;
}

/**
 * A local stand-in for App Service's managed identity endpoint, so that MSAL's real
 * ManagedIdentityApplication code path runs in tests: GET {IDENTITY_ENDPOINT}?resource=…
 * &api-version=2019-08-01[&client_id=… for a user-assigned identity] with the header
 * X-IDENTITY-HEADER: {IDENTITY_HEADER}. Like App Service it listens on plain http on the loopback
 * address. Its tokens are signed by the local token authority, so the local Graph server accepts
 * them as it accepts tokens from client credentials.
 */
export class ManagedIdentityEndpoint {
  /** The secret App Service puts in IDENTITY_HEADER; change it to play a stale header. */
  identityHeader: string = randomUUID();
  readonly requests: IdentityRequest[] = [];
  readonly systemAssigned: ManagedIdentity;
  private readonly userAssigned = new Map<string, ManagedIdentity>();
  private server?: http.Server;
  private listening?: { port: number; stop(): Promise<void> };

  constructor(
    private readonly authority: TokenAuthority,
    systemAssigned: ManagedIdentity = { clientId: randomUUID() },
  ) {
    this.systemAssigned = systemAssigned;
  }

  /** Assigns a user-assigned identity to the (pretend) App Service. */
  assign(identity: ManagedIdentity): this {
    this.userAssigned.set(identity.clientId, identity);
    return this;
  }

  get url(): string {
    if (!this.listening) throw new Error('ManagedIdentityEndpoint har inte startat');
    return `http://127.0.0.1:${this.listening.port}/msi/token`;
  }

  /** The two variables App Service sets for the process. */
  get env(): { IDENTITY_ENDPOINT: string; IDENTITY_HEADER: string } {
    return { IDENTITY_ENDPOINT: this.url, IDENTITY_HEADER: this.identityHeader };
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const { status, body } = this.answer(req.method ?? 'GET', url, req.headers['x-identity-header'] as string | undefined);
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    });
    this.listening = await listenOnLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await this.listening?.stop();
    this.listening = undefined;
  }

  private answer(method: string, url: URL, identityHeader: string | undefined): { status: number; body: unknown } {
    const q = url.searchParams;
    const request: IdentityRequest = { resource: q.get('resource'), apiVersion: q.get('api-version'), clientId: q.get('client_id'), identityHeader, status: 0 };
    this.requests.push(request);
    const reply = (status: number, body: unknown) => {
      request.status = status;
      return { status, body };
    };
    const failure = (status: number, message: string) => reply(status, { statusCode: status, message, correlationId: randomUUID() });

    if (method !== 'GET' || url.pathname !== '/msi/token') return failure(404, `${method} ${url.pathname} not found.`);
    if (identityHeader !== this.identityHeader) return failure(401, 'The X-IDENTITY-HEADER header is missing or does not match.');
    if (request.apiVersion !== '2019-08-01') return failure(400, `api-version ${request.apiVersion} is not supported here.`);
    if (!request.resource) return failure(400, 'The resource parameter is required.');
    const identity = request.clientId ? this.userAssigned.get(request.clientId) : this.systemAssigned;
    if (!identity) return failure(400, 'Unable to load the proper Managed Identity.');

    const now = Math.floor(Date.now() / 1000);
    const expiresOn = now + 86_399; // managed identity tokens live about a day
    const accessToken = this.authority.signToken({
      aud: request.resource,
      iss: this.authority.issuer,
      iat: now,
      nbf: now,
      exp: expiresOn,
      appid: identity.clientId,
      azp: identity.clientId,
      idtyp: 'app',
      oid: randomUUID(),
      roles: identity.roles ?? ['Sites.Selected'],
      sub: identity.clientId,
      tid: this.authority.tenantId,
      ver: '1.0',
    });
    // expires_on as a string of epoch seconds, as App Service sends it.
    return reply(200, { access_token: accessToken, expires_on: String(expiresOn), resource: request.resource, token_type: 'Bearer', client_id: identity.clientId });
  }
}
