import { t } from '../i18n/texts';
import type { AppConfig } from '../config/config';
import type { Person } from '../organisation/organisation';
import { findPerson } from '../organisation/people';
import type { Store } from '../store/store';
import type { ApiError } from './tab-api-types';
import type { SsoResult } from './teams-sso';

/** Who is asking, as the server established it; or the 401/403 to answer with. */
export type Viewer = { ok: true; personId: string; person: Person; demo: boolean } | { ok: false; status: 401 | 403; body: ApiError };

/** The header the local demo picker sends. Ignored whenever SSO is configured or outside local mode. */
export const DEMO_USER_HEADER = 'x-infosak-demo-user';

const unauthenticated = (reason: string): Viewer => ({ ok: false, status: 401, body: { error: 'unauthenticated', reason } });

/**
 * Establishes the user from the request: a Teams SSO token when SSO is configured; the demo
 * picker's choice only in local mode without SSO; otherwise nobody. Then looks the person up in
 * the roles list, so every answer is decided from the store, not from what the page claims.
 */
export async function viewerOf(
  headers: Record<string, string | string[] | undefined>,
  deps: { config: AppConfig; store: Store; verify?: (token: string) => Promise<SsoResult> },
): Promise<Viewer> {
  const locale = deps.config.defaultLocale;
  let personId: string;
  let demo = false;
  if (deps.config.tabAuth && deps.verify) {
    const auth = headers.authorization;
    const match = typeof auth === 'string' ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
    if (!match) return unauthenticated(t(locale, 'api.reason.signInRequired'));
    const result = await deps.verify(match[1]!);
    if (!result.ok) return unauthenticated(result.reason);
    personId = result.personId;
  } else if (deps.config.tabDemoUsers) {
    const chosen = headers[DEMO_USER_HEADER];
    if (typeof chosen !== 'string' || !chosen) return unauthenticated(t(locale, 'api.reason.chooseDemoPerson'));
    personId = chosen;
    demo = true;
  } else {
    return unauthenticated(t(locale, 'api.reason.signInNotConfigured'));
  }
  const person = await findPerson(deps.store, personId);
  if (!person) return { ok: false, status: 403, body: { error: 'forbidden', reason: t(locale, 'api.reason.notInRoles') } };
  return { ok: true, personId, person, demo };
}
