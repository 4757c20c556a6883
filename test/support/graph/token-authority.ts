import { createHash, createPublicKey, generateKeyPairSync, randomUUID, sign, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { listenOnLoopback } from '../loopback-server';
import https from 'node:https';
import { TEST_TLS } from '../tls/test-tls';

/**
 * A local stand-in for the Microsoft identity platform's token endpoint, so that the real MSAL
 * client-credentials code path runs in tests: OpenID metadata, the v2.0 token endpoint (client
 * secret or a certificate-signed client assertion), and the signing keys (JWKS).
 */
export interface RegisteredClient {
  clientId: string;
  secret?: string;
  /** PEM certificate whose private key signs the client assertion. */
  certificatePem?: string;
  roles?: string[];
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class TokenAuthority {
  readonly tenantId: string;
  private server?: https.Server;
  private listening?: { port: number; stop(): Promise<void> };
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly kid = randomUUID();
  private readonly clients = new Map<string, RegisteredClient>();
  tokensIssued = 0;
  private readonly usedAssertionIds = new Set<string>();

  constructor(tenantId = '5e7c0f2a-9b1d-4c3e-8f6a-2d4b6c8e0a1f') {
    this.tenantId = tenantId;
  }

  register(client: RegisteredClient): this {
    this.clients.set(client.clientId, client);
    return this;
  }

  get origin(): string {
    if (!this.listening) throw new Error('TokenAuthority har inte startat');
    return `https://localhost:${this.listening.port}`;
  }

  get publicKey(): KeyObject {
    return this.keys.publicKey;
  }

  get issuer(): string {
    return `https://sts.windows.net/${this.tenantId}/`;
  }

  async start(): Promise<this> {
    this.server = https.createServer({ key: TEST_TLS.key, cert: TEST_TLS.cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const { status, body } = this.handle(req.method ?? 'GET', new URL(req.url ?? '/', this.origin), Buffer.concat(chunks).toString());
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      });
    });
    this.listening = await listenOnLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await this.listening?.stop();
    this.listening = undefined;
  }

  /** Signs a token as the authority would; tests also use it to forge bad ones. */
  signToken(claims: Record<string, unknown>, options: { key?: KeyObject; kid?: string } = {}): string {
    const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: options.kid ?? this.kid }));
    const payload = b64url(JSON.stringify(claims));
    const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), options.key ?? this.keys.privateKey);
    return `${header}.${payload}.${b64url(signature)}`;
  }

  /** Checks a bearer token as a resource (Graph) would: signature, audience, expiry. Returns the claims or why not. */
  verifyAccessToken(token: string, audience: string): { claims?: Record<string, unknown>; error?: string } {
    const parts = token.split('.');
    if (parts.length !== 3) return { error: 'malformed token' };
    const [h, p, s] = parts as [string, string, string];
    const ok = verify('RSA-SHA256', Buffer.from(`${h}.${p}`), this.keys.publicKey, Buffer.from(s, 'base64url'));
    if (!ok) return { error: 'invalid signature' };
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    if (claims.aud !== audience) return { error: `invalid audience ${String(claims.aud)}` };
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return { error: 'token expired' };
    return { claims };
  }

  private handle(method: string, url: URL, rawBody: string): { status: number; body: unknown } {
    const tenantPrefix = `/${this.tenantId}`;
    if (method === 'GET' && url.pathname === `${tenantPrefix}/v2.0/.well-known/openid-configuration`) {
      return {
        status: 200,
        body: {
          token_endpoint: `${this.origin}${tenantPrefix}/oauth2/v2.0/token`,
          authorization_endpoint: `${this.origin}${tenantPrefix}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${this.origin}${tenantPrefix}/oauth2/v2.0/logout`,
          jwks_uri: `${this.origin}${tenantPrefix}/discovery/v2.0/keys`,
          issuer: `${this.origin}/${this.tenantId}/v2.0`,
          response_modes_supported: ['query', 'fragment', 'form_post'],
          token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        },
      };
    }
    if (method === 'GET' && url.pathname === `${tenantPrefix}/discovery/v2.0/keys`) {
      const jwk = this.keys.publicKey.export({ format: 'jwk' });
      return { status: 200, body: { keys: [{ ...jwk, kid: this.kid, use: 'sig', kty: 'RSA', alg: 'RS256' }] } };
    }
    if (method === 'POST' && url.pathname === `${tenantPrefix}/oauth2/v2.0/token`) {
      return this.issueToken(new URLSearchParams(rawBody), `${this.origin}${tenantPrefix}/oauth2/v2.0/token`);
    }
    return { status: 404, body: { error: 'not_found', error_description: `${method} ${url.pathname}` } };
  }

  private issueToken(form: URLSearchParams, tokenEndpoint: string): { status: number; body: unknown } {
    const error = (code: string, description: string, status = 400) => ({
      status,
      body: { error: code, error_description: `${description}\r\nTrace ID: ${randomUUID()}`, error_codes: [status === 401 ? 7000215 : 900144] },
    });
    if (form.get('grant_type') !== 'client_credentials') return error('unsupported_grant_type', 'AADSTS70003: only client_credentials is supported here.');
    const client = this.clients.get(form.get('client_id') ?? '');
    if (!client) return error('unauthorized_client', `AADSTS700016: Application with identifier '${form.get('client_id')}' was not found in the directory.`);
    const scope = form.get('scope') ?? '';
    if (!scope.split(' ').some((s) => s.endsWith('/.default'))) return error('invalid_scope', 'AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default.');

    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    if (secret !== null) {
      if (secret !== client.secret) return error('invalid_client', 'AADSTS7000215: Invalid client secret provided.', 401);
    } else if (assertion !== null) {
      const problem = this.checkAssertion(assertion, client, tokenEndpoint);
      if (problem) return error('invalid_client', `AADSTS700027: ${problem}`, 401);
    } else {
      return error('invalid_client', 'AADSTS7000218: The request body must contain client_assertion or client_secret.', 401);
    }

    const resource = scope.split(' ').find((s) => s.endsWith('/.default'))!.replace(/\/\.default$/, '');
    const now = Math.floor(Date.now() / 1000);
    const accessToken = this.signToken({
      aud: resource,
      iss: this.issuer,
      iat: now,
      nbf: now,
      exp: now + 3599,
      appid: client.clientId,
      azp: client.clientId,
      idtyp: 'app',
      oid: randomUUID(),
      roles: client.roles ?? ['Sites.Selected'],
      sub: client.clientId,
      tid: this.tenantId,
      ver: '1.0',
    });
    this.tokensIssued++;
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken } };
  }

  private checkAssertion(assertion: string, client: RegisteredClient, tokenEndpoint: string): string | undefined {
    if (!client.certificatePem) return 'No certificate is registered for this client.';
    const parts = assertion.split('.');
    if (parts.length !== 3) return 'Client assertion is not a JWT.';
    const [h, p, s] = parts as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, string>;
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const cert = new X509Certificate(client.certificatePem);
    const thumbprint256 = createHash('sha256').update(cert.raw).digest('base64url');
    const thumbprint1 = createHash('sha1').update(cert.raw).digest('base64url');
    if (header['x5t#S256'] !== thumbprint256 && header.x5t !== thumbprint1) return 'The certificate thumbprint does not match a registered key.';
    const algorithm = header.alg === 'PS256' ? { key: createPublicKey(client.certificatePem), padding: 6, saltLength: 32 } : createPublicKey(client.certificatePem);
    if (!verify('sha256', Buffer.from(`${h}.${p}`), algorithm as never, Buffer.from(s, 'base64url'))) return 'Client assertion contains an invalid signature.';
    if (claims.aud !== tokenEndpoint) return `Invalid audience ${String(claims.aud)}.`;
    if (claims.iss !== client.clientId || claims.sub !== client.clientId) return 'Issuer and subject must be the client id.';
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return 'Client assertion has expired.';
    const jti = String(claims.jti ?? '');
    if (this.usedAssertionIds.has(jti)) return 'Client assertion has been used before.';
    this.usedAssertionIds.add(jti);
    return undefined;
  }
}
