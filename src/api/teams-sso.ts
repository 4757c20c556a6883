import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';

/** The app registration the tab's Teams SSO tokens are issued for. */
export interface SsoSettings {
  clientId: string;
  tenantId: string;
  /** api://<domain>/<clientId>: the audience of v1 tokens (Teams' default). */
  appIdUri: string;
  /** https://login.microsoftonline.com, or the local token authority in tests. */
  authorityHost: string;
}

export type SsoResult = { ok: true; personId: string; tenantId: string; name: string } | { ok: false; reason: string };

/**
 * Verifies a token from `authentication.getAuthToken()`: RS256 signature against the tenant's
 * published keys (fetched once, refreshed when a new key id appears), issuer (v1 or v2 form for
 * the tenant), audience (the app id URI, or the client id for v2 tokens), expiry and not-before
 * with two minutes' skew, the tenant, and the delegated scope Teams asks for.
 */
export function teamsSsoVerifier(settings: SsoSettings, keys?: JWTVerifyGetKey): (token: string) => Promise<SsoResult> {
  const host = settings.authorityHost.replace(/\/$/, '');
  const jwks = keys ?? createRemoteJWKSet(new URL(`${host}/${settings.tenantId}/discovery/v2.0/keys`), { cooldownDuration: 30_000, timeoutDuration: 5_000 });
  const issuers = [`https://sts.windows.net/${settings.tenantId}/`, `${host}/${settings.tenantId}/v2.0`, `https://login.microsoftonline.com/${settings.tenantId}/v2.0`];
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, jwks, {
        algorithms: ['RS256'],
        issuer: issuers,
        audience: [settings.appIdUri, settings.clientId],
        clockTolerance: 120,
        requiredClaims: ['exp', 'oid', 'tid'],
      });
      if (payload.tid !== settings.tenantId) return { ok: false, reason: 'Token från en annan klient (tenant).' };
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
      if (!scopes.includes('access_as_user')) return { ok: false, reason: 'Token saknar behörigheten access_as_user.' };
      return { ok: true, personId: String(payload.oid), tenantId: String(payload.tid), name: typeof payload.name === 'string' ? payload.name : '' };
    } catch (err) {
      return { ok: false, reason: reasonOf(err) };
    }
  };
}

function reasonOf(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'Token har gått ut.';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') return 'Token är utfärdad för en annan app (audience).';
    if (err.claim === 'iss') return 'Token har fel utfärdare (issuer).';
    if (err.claim === 'nbf') return 'Token gäller inte ännu.';
    return `Token saknar eller har fel ${err.claim}.`;
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'Tokens signatur stämmer inte.';
  if (err instanceof errors.JWKSNoMatchingKey) return 'Token är signerad med en okänd nyckel.';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'Token använder en otillåten algoritm.';
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return 'Token kan inte läsas.';
  if (err instanceof errors.JWKSTimeout) return 'Nycklarna för att kontrollera token kunde inte hämtas.';
  return 'Token kunde inte kontrolleras.';
}
