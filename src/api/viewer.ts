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

const unauthenticated = (reason: string): Extract<Viewer, { ok: false }> => ({ ok: false, status: 401, body: { error: 'unauthenticated', reason } });

/** Who the request says it is, once that is verified (the SSO token, or a demo person's id); not yet looked up in the roles. */
export type Caller = { ok: true; personId: string; demo: boolean } | Extract<Viewer, { ok: false }>;

export interface ViewerDeps {
  config: AppConfig;
  store: Store;
  verify?: (token: string) => Promise<SsoResult>;
  /** The demo people's ids: in local mode the demo header may name only these. */
  demoUserIds: ReadonlySet<string>;
}

/**
 * Establishes the user from the request: a Teams SSO token when SSO is configured; the demo
 * picker's choice only in local mode without SSO, and only one of the demo people; otherwise
 * nobody. Reads no store, so the rate limit can count the verified person before anything costs.
 */
export async function callerOf(headers: Record<string, string | string[] | undefined>, deps: Omit<ViewerDeps, 'store'>): Promise<Caller> {
  const locale = deps.config.defaultLocale;
  if (deps.config.tabAuth && deps.verify) {
    const auth = headers.authorization;
    const match = typeof auth === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(auth) : null;
    if (!match) return unauthenticated(t(locale, 'api.reason.signInRequired'));
    const result = await deps.verify(match[1]!);
    if (!result.ok) return unauthenticated(result.reason);
    return { ok: true, personId: result.personId, demo: false };
  }
  if (deps.config.tabDemoUsers) {
    const chosen = headers[DEMO_USER_HEADER];
    if (typeof chosen !== 'string' || !chosen) return unauthenticated(t(locale, 'api.reason.chooseDemoPerson'));
    // Anyone who reaches local mode could otherwise name a real person's id and get their roles.
    if (!deps.demoUserIds.has(chosen)) return unauthenticated(t(locale, 'api.reason.notDemoPerson'));
    return { ok: true, personId: chosen, demo: true };
  }
  return unauthenticated(t(locale, 'api.reason.signInNotConfigured'));
}

/**
 * The caller looked up in the roles list, so every answer is decided from the store, not from what
 * the page claims. In the running app findPerson answers from the people directory, so a request
 * costs no roles read; its roles are then at most PEOPLE_KEEP_MS old (src/organisation/people-directory.ts).
 */
export async function viewerFor(caller: Extract<Caller, { ok: true }>, deps: Pick<ViewerDeps, 'config' | 'store'>): Promise<Viewer> {
  const person = await findPerson(deps.store, caller.personId);
  if (!person) return { ok: false, status: 403, body: { error: 'forbidden', reason: t(deps.config.defaultLocale, 'api.reason.notInRoles') } };
  return { ok: true, personId: caller.personId, person, demo: caller.demo };
}

/** callerOf, then viewerFor. */
export async function viewerOf(headers: Record<string, string | string[] | undefined>, deps: ViewerDeps): Promise<Viewer> {
  const caller = await callerOf(headers, deps);
  return caller.ok ? viewerFor(caller, deps) : caller;
}
