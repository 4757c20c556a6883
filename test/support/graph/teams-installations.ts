import type { UsersDirectory } from './users-directory';

/**
 * Apps installed in users' personal scope, as Teams keeps them behind Graph, for proactive
 * installation: POST /users/{id}/teamwork/installedApps (201 with no body, as documented; 409 when
 * installed already; 403 when the tenant's policy blocks the app for the user; 404 for a user not in
 * the directory; 429 with Retry-After over Teams' limit of 30 installations a second per app and
 * tenant) and GET of the same collection, `$filter=teamsApp/id eq '…'` and `$expand=teamsApp`.
 * Users are known by id only (Graph also takes a userPrincipalName, which the directory lacks).
 */
export interface InstallationAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface InstallationStats {
  /** Installation requests (POST), throttled ones included. */
  requests: number;
  installed: number;
  conflicts: number;
  blocked: number;
  notFound: number;
  throttled: number;
}

/** The Infosäk app's id in the local tenant's app catalog. */
export const LOCAL_TEAMS_APP_ID = '7c1e2f3a-4b5d-4e6f-8a9b-0c1d2e3f4a5b';

type Listener = (userId: string, appId: string) => void;

const notFound = (userId: string): InstallationAnswer => ({
  status: 404,
  body: { error: { code: 'NotFound', message: `User '${userId}' could not be found or does not have Microsoft Teams.` } },
});

const missingPermission = (): InstallationAnswer => ({
  status: 403,
  body: { error: { code: 'Forbidden', message: "Missing role permissions on the request. API requires one of 'TeamsAppInstallation.ReadWriteSelfForUser.All, TeamsAppInstallation.ReadWriteForUser.All'." } },
});

/** A one-on-one chat's id as Graph gives it for a user and a bot. */
export const chatIdOf = (userId: string, appId: string) => `19:${userId}_${appId}@unq.gbl.spaces`;

export class TeamsInstallations {
  /** The app the helpers below mean when given no other. */
  appId = LOCAL_TEAMS_APP_ID;
  /** Users whom the tenant's app permission or setup policy keeps from having the app. */
  readonly blockedUsers = new Set<string>();
  /** The apps in the tenant's catalog; installing another is 404, as Graph answers an unknown catalog id. */
  readonly catalog = new Set<string>([LOCAL_TEAMS_APP_ID]);
  /** Whether the app calling has TeamsAppInstallation.ReadWriteSelfForUser.All; without it every call is 403. */
  permissionGranted = true;
  /** Installations allowed per app and tenant in a sliding window; every arrival counts, throttled ones too. */
  rateLimit = { requests: 30, windowMs: 1_000 };
  readonly stats: InstallationStats = { requests: 0, installed: 0, conflicts: 0, blocked: 0, notFound: 0, throttled: 0 };
  /** What the onInstalled listeners threw, so a test can see it instead of the server falling over. */
  readonly listenerErrors: unknown[] = [];
  /** userId → appId → installation id. */
  private readonly installed = new Map<string, Map<string, string>>();
  private readonly arrivals = new Map<string, number[]>();
  private readonly forced: number[] = [];
  private readonly listeners: Listener[] = [];

  constructor(
    private readonly directory: UsersDirectory,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Called after each 201, once the answer is on its way, as Teams then sends the bot its installationUpdate. */
  onInstalled(listener: Listener): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  /** The user has the app already (installed by hand, or by an admin's setup policy). */
  preinstalled(userId: string, appId = this.appId): void {
    this.record(userId, appId);
  }

  installedFor(userId: string, appId = this.appId): boolean {
    return this.installed.get(userId)?.has(appId) ?? false;
  }

  /** The next n installation requests are answered 429 with this Retry-After. */
  throttleNext(n: number, retryAfterSeconds: number): void {
    for (let i = 0; i < n; i++) this.forced.push(retryAfterSeconds);
  }

  resetStats(): void {
    Object.assign(this.stats, { requests: 0, installed: 0, conflicts: 0, blocked: 0, notFound: 0, throttled: 0 });
    this.arrivals.clear();
  }

  /** POST /users/{id}/teamwork/installedApps */
  install(userId: string, body: unknown): InstallationAnswer {
    this.stats.requests++;
    const forced = this.forced.shift();
    if (forced !== undefined) return this.throttled(forced);
    const bind = (body as Record<string, unknown> | undefined)?.['teamsApp@odata.bind'];
    const m = typeof bind === 'string' ? /\/appCatalogs\/teamsApps\/([^/?#]+)$/.exec(bind) : null;
    if (!m) return { status: 400, body: { error: { code: 'BadRequest', message: "The request body must bind 'teamsApp' to /appCatalogs/teamsApps/{id}." } } };
    const appId = decodeURIComponent(m[1]!);
    const wait = this.arrive(appId);
    if (wait !== undefined) return this.throttled(wait);
    if (!this.permissionGranted) return missingPermission();
    if (!this.catalog.has(appId)) {
      return { status: 404, body: { error: { code: 'NotFound', message: `The definition for app '${appId}' was not found in the org-wide catalog.` } } };
    }
    if (!this.directory.users.has(userId)) {
      this.stats.notFound++;
      return notFound(userId);
    }
    if (this.blockedUsers.has(userId)) {
      this.stats.blocked++;
      return { status: 403, body: { error: { code: 'Forbidden', message: 'The app cannot be installed for this user: it is blocked by the app permission policy.' } } };
    }
    if (this.installedFor(userId, appId)) {
      this.stats.conflicts++;
      return { status: 409, body: { error: { code: 'Conflict', message: 'App is already installed for the user.' } } };
    }
    this.record(userId, appId);
    this.stats.installed++;
    // After the answer, as Teams' installationUpdate follows the installation rather than preceding it.
    setImmediate(() => {
      for (const listener of [...this.listeners]) {
        try {
          listener(userId, appId);
        } catch (err) {
          this.listenerErrors.push(err);
        }
      }
    });
    return { status: 201, body: undefined };
  }

  /** GET /users/{id}/teamwork/installedApps/{installationId}/chat: the one-on-one chat between the user and the app. */
  chat(userId: string, installationId: string): InstallationAnswer {
    if (!this.permissionGranted) return missingPermission();
    const appId = [...(this.installed.get(userId) ?? new Map<string, string>()).entries()].find(([, id]) => id === installationId)?.[0];
    if (!appId) return { status: 404, body: { error: { code: 'NotFound', message: `The installation '${installationId}' does not exist.` } } };
    return { status: 200, body: { id: chatIdOf(userId, appId), chatType: 'oneOnOne' } };
  }

  /** GET /users/{id}/teamwork/installedApps, optionally `$filter=teamsApp/id eq '…'` and `$expand=teamsApp`. */
  list(userId: string, query: URLSearchParams): InstallationAnswer {
    if (!this.permissionGranted) return missingPermission();
    if (!this.directory.users.has(userId)) return notFound(userId);
    const filter = query.get('$filter');
    let only: string | undefined;
    if (filter) {
      const m = /^\s*teamsApp\/id\s+eq\s+'((?:[^']|'')*)'\s*$/.exec(filter);
      if (!m) return { status: 400, body: { error: { code: 'BadRequest', message: `Invalid filter clause: ${filter}` } } };
      only = m[1]!.replace(/''/g, "'");
    }
    const expand = (query.get('$expand') ?? '').split(',').map((s) => s.trim());
    const value = [...(this.installed.get(userId) ?? new Map<string, string>()).entries()]
      .filter(([appId]) => only === undefined || appId === only)
      .map(([appId, id]) => ({ id, ...(expand.includes('teamsApp') ? { teamsApp: { id: appId, displayName: 'Infosäk', distributionMethod: 'organization' } } : {}) }));
    return { status: 200, body: { '@odata.count': value.length, value } };
  }

  private record(userId: string, appId: string): void {
    let apps = this.installed.get(userId);
    if (!apps) this.installed.set(userId, (apps = new Map()));
    // Graph's installation id: base64 of "{userId}##{appId}".
    apps.set(appId, Buffer.from(`${userId}##${appId}`).toString('base64'));
  }

  /** Counts an arrival for the app; over the limit, the seconds until the window has room again. */
  private arrive(appId: string): number | undefined {
    const now = this.now();
    const { requests, windowMs } = this.rateLimit;
    const all = [...(this.arrivals.get(appId) ?? []).filter((t) => t > now - windowMs), now];
    this.arrivals.set(appId, all);
    if (all.length <= requests) return undefined;
    // The next request gets through once enough of these, this one included, have left the window.
    const freedAt = all[all.length - requests]! + windowMs;
    return Math.max(1, Math.ceil((freedAt - now) / 1000));
  }

  private throttled(retryAfterSeconds: number): InstallationAnswer {
    this.stats.throttled++;
    return {
      status: 429,
      headers: { 'Retry-After': String(retryAfterSeconds) },
      body: { error: { code: 'TooManyRequests', message: 'Too many requests. Please retry after the time given in the Retry-After header.' } },
    };
  }
}
