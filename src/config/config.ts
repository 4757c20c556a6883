import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { SsoSettings } from '../api/teams-sso';
import { parseRateWindows, type RateLimits, type RateWindow } from '../delivery/rate-limits';
import type { GraphSettings } from '../graph/graph-settings';

/** Where the repository lives, whether we run from sources (ts-jest) or from dist/. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json hittades inte ovanför ' + __dirname);
    dir = parent;
  }
  return dir;
}

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  // Not HOST: some shells set HOST to the machine's name, which would open local mode to the network.
  LISTEN_HOST: z.string().default(''),
  BEHIND_PROXY: flag.optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  STORE: z.enum(['sqlite', 'sharepoint']).default('sqlite'),
  DEFAULT_LOCALE: z.enum(['sv', 'en']).default('sv'),
  // The municipality's name as its reports are headed (Ledningens genomgång).
  MUNICIPALITY_NAME: z.string().trim().min(1).max(100).default('Exempelkommunen'),
  FOLLOW_TEAMS_LOCALE: flag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  // Bot Framework credentials, under the names botbuilder's ConfigurationBotFrameworkAuthentication reads.
  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppTenantId: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI', '']).default(''),
  MicrosoftAppCertificatePath: z.string().default(''),
  BOT_OPENID_METADATA_URL: z.string().url().optional(),
  BOT_TOKEN_ISSUER: z.string().url().default('https://api.botframework.com'),
  ALLOW_LOCAL_MODE_WITH_SHAREPOINT: flag.default(false),
  ALLOW_SQLITE_IN_PRODUCTION: flag.default(false),
  PLAYGROUND: flag.default(true),
  PLAYGROUND_PORT: z.coerce.number().int().min(1).max(65535).default(56150),
  PERSONA: z.string().default('medarbetare'),
  SEED_DEMO_DATA: flag.optional(),
  PUBLIC_URL: z.string().url().optional(),
  // SharePoint (and Entra ID) through Microsoft Graph, with the app's own identity: an app
  // registration with a secret or a certificate, or the App Service's managed identity.
  SHAREPOINT_SITE: z.string().default(''),
  GRAPH_TENANT_ID: z.string().default(''),
  GRAPH_CLIENT_ID: z.string().default(''),
  GRAPH_CLIENT_SECRET: z.string().default(''),
  GRAPH_CERTIFICATE_PATH: z.string().default(''),
  GRAPH_MANAGED_IDENTITY: flag.default(false),
  // A user-assigned identity's client id; empty for the system-assigned one.
  GRAPH_MANAGED_IDENTITY_CLIENT_ID: z.string().default(''),
  GRAPH_AUTHORITY_HOST: z.string().url().default('https://login.microsoftonline.com'),
  // Where the operational state lives: SQLite in DATA_DIR (one instance), or Azure Table Storage (shared by several).
  OPS_STORE: z.enum(['sqlite', 'azure']).default('sqlite'),
  // Azure: the account's table endpoint, reached with the managed identity (GRAPH_MANAGED_IDENTITY_CLIENT_ID names a
  // user-assigned one), or a connection string (Azurite on a developer's machine). Not both.
  OPS_TABLE_ENDPOINT: z.string().default(''),
  OPS_STORAGE_CONNECTION_STRING: z.string().default(''),
  // Azure: the account's blob endpoint, where the instances take turns leading by a lease (with the managed identity).
  OPS_BLOB_ENDPOINT: z.string().default(''),
  // The user-assigned identity the storage account's roles are given to (its client id); else GRAPH_MANAGED_IDENTITY_CLIENT_ID, else the system-assigned one.
  OPS_MANAGED_IDENTITY_CLIENT_ID: z.string().default(''),
  OPS_TABLE_PREFIX: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,30}$/, 'OPS_TABLE_PREFIX: bokstäver och siffror, först en bokstav').default('infosak'),
  GRAPH_BASE_URL: z.string().url().default('https://graph.microsoft.com'),
  // Proactive delivery: Teams' rate limits (defaults from Microsoft's documentation) and retries.
  SCHEDULER: flag.default(true),
  PLAN_REMINDER_DAYS_BEFORE_END: z.coerce.number().int().min(1).max(80).default(21),
  INCIDENT_RULES_FILE: z.string().default('content/rules/incident-rules.json'),
  TAB_API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(120),
  RETENTION_CLOSED_INCIDENT_MONTHS: z.coerce.number().int().min(1).max(1200).default(36),
  RETENTION_LEARNING_DELIVERY_DAYS: z.coerce.number().int().min(1).max(36500).default(365),
  STATUS_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  ASSET_REVIEW_MONTHS: z.coerce.number().int().min(1).max(60).default(12),
  HEALTH_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  LEARNING_DIR: z.string().default('content/learning/modules'),
  LEARNING_PASS_SCORE: z.coerce.number().gt(0).max(1).default(0.6),
  LEARNING_TARGET: z.coerce.number().gt(0).max(1).default(0.8),
  CARD_STATE_SECRET: z.string().refine((s) => s === '' || s.length >= 32, 'ska vara minst 32 tecken').default(''),
  DELIVERY_TENANT_LIMITS: z.string().default('30/1s'),
  // Microsoft's current documentation gives 50 a second per app per tenant: sending probes up to it from DELIVERY_TENANT_LIMITS.
  DELIVERY_TENANT_CEILING: z.string().default('50/1s'),
  DELIVERY_CONVERSATION_LIMITS: z.string().default('7/1s,8/2s,60/30s,1800/1h'),
  // An upper bound: below it the number in flight follows the Bot Connector's answer time.
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(64),
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  RESEND_UNREACHED_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  TEAMS_APP_ID: z.string().default(''),
  AAD_APP_CLIENT_ID: z.string().default(''),
  AAD_APP_TENANT_ID: z.string().default(''),
  AAD_APP_ID_URI: z.string().default(''),
  AAD_APP_OAUTH_AUTHORITY_HOST: z.string().url().default('https://login.microsoftonline.com'),
  // Reaching every employee: people and home committees from Entra ID, and the app installed for them.
  PEOPLE_SYNC: flag.default(false),
  ENTRA_MAPPING_FILE: z.string().default('content/organisation/entra-mapping.json'),
  APP_INSTALL: flag.default(true),
  // Graph allows 30 installations a second per app and tenant; the default stays below it.
  APP_INSTALL_RATE: z.coerce.number().gt(0).max(30).default(20),
  // The app's id in the tenant's app catalog, when it differs from TEAMS_APP_ID (an app uploaded to the organisation's catalog).
  TEAMS_CATALOG_APP_ID: z.string().default(''),
});

export type AppConfig = {
  port: number;
  /** The address to listen on: 127.0.0.1 in local mode unless LISTEN_HOST says otherwise; '' = every interface. */
  listenHost: string;
  /**
   * The app is behind a reverse proxy (App Service's front end) that appends the caller's address
   * to X-Forwarded-For; the rate limit then takes that last entry instead of the socket's address.
   */
  behindProxy: boolean;
  dataDir: string;
  storeKind: 'sqlite' | 'sharepoint';
  /** The operational store: SQLite in dataDir, or Azure Table Storage shared by every instance. */
  ops: { kind: 'sqlite' } | { kind: 'azure'; tablePrefix: string; connectionString: string; endpoint: string; blobEndpoint: string; managedIdentityClientId: string };
  defaultLocale: 'sv' | 'en';
  /** The municipality's name, at the head of the yearly report. */
  municipalityName: string;
  /** Answer in the language of the person's Teams client instead of always in defaultLocale. */
  followTeamsLocale: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  production: boolean;
  bot: {
    appId: string;
    appPassword: string;
    tenantId: string;
    appType: string;
    certificatePath: string;
    openIdMetadataUrl: string | undefined;
    /** The issuer the Bot Connector's tokens carry; used with openIdMetadataUrl. */
    tokenIssuer: string;
  };
  /** Local mode: no bot credentials, so Bot Framework traffic is accepted unauthenticated. */
  localMode: boolean;
  /** Local mode may run against a real tenant's SharePoint (ALLOW_LOCAL_MODE_WITH_SHAREPOINT=1). */
  allowLocalModeWithSharePoint: boolean;
  playground: { enabled: boolean; port: number; persona: string };
  seedDemoData: boolean;
  /** Where people reach the server, e.g. https://infosak.example.se; http://localhost:PORT locally. */
  publicUrl: string;
  teamsAppId: string;
  /** Set when STORE=sharepoint (and for provisioning): how to reach the site. */
  graph: GraphSettings | undefined;
  delivery: {
    limits: RateLimits;
    /** How far the rate per tenant is probed above limits.perTenant while no 429 comes. */
    tenantCeiling: RateWindow[];
    /** The most sends in flight at once. */
    concurrency: number;
    maxAttempts: number;
    /** Days back that an incident notification which found no chat is sent again when the person next reaches the bot (0: never). */
    resendUnreachedDays: number;
  };
  /** Who is told of incidents and which legal clocks run: content/rules/incident-rules.json by default. */
  incidentRulesFile: string;
  /** How long the tab's overview figures may be kept before they are read again. */
  statusCacheSeconds: number;
  /** Months a classification or risk analysis with no review date of its own stays current. */
  assetReviewMonths: number;
  /** How long /api/health keeps its answer, so frequent probes do not spend SharePoint's budget (0: check at every probe). */
  healthCacheSeconds: number;
  /** Gallring: months a closed incident is kept after its last change; days learning deliveries are kept. */
  retention: { closedIncidentMonths: number; learningDeliveryDays: number };
  /** Requests a minute one caller may make to the tab's API before 429. */
  tabApiRateLimitPerMinute: number;
  /** Teams SSO for the tab's API; undefined = not configured (then only the local demo picker, and only in local mode). */
  tabAuth: SsoSettings | undefined;
  /** The tab may offer a demo-person picker: local mode, no SSO configured, not production. */
  tabDemoUsers: boolean;
  learning: {
    /** Where the module files are. */
    dir: string;
    /** Share of a quiz that must be right, unless a module says otherwise. */
    passScore: number;
    /** The completion rate to reach; the audit found 48 % with e-mailed training. */
    target: number;
    /** Signs the module card's position; empty = a random key kept in DATA_DIR (one instance only). */
    cardStateSecret: string;
  };
  /** Run scheduled jobs in-process, where the lead is (SCHEDULER=0 leaves them to `npm run job`). */
  schedulerEnabled: boolean;
  /** How many days before a quarter ends coordinators are reminded of what is not done. */
  planReminderDaysBeforeEnd: number;
  /** People from Entra ID (PEOPLE_SYNC): the mapping file that gives each a home committee. */
  people: { sync: boolean; mappingFile: string };
  /**
   * Installing the app for people who lack it before a message goes to them (APP_INSTALL, on unless
   * turned off; it needs Graph and TEAMS_APP_ID), at most `perSecond` installations a second.
   */
  appInstall: { enabled: boolean; perSecond: number; catalogAppId: string };
  timeZone: 'Europe/Stockholm';
  version: string;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Ogiltig konfiguration: ${problems}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production') {
    const missing = missingForProduction(e);
    const refused = refusedInProduction(e);
    const problems = [
      ...(missing.length ? [`Produktionsläge (NODE_ENV=production) kräver: ${missing.join('; ')}`] : []),
      ...(refused.length ? [`Produktionsläge (NODE_ENV=production) tillåter inte: ${refused.join('; ')}`] : []),
    ];
    if (problems.length) throw new ConfigError(problems.join('. '));
  }
  const graph = graphSettingsFrom(e, e.STORE === 'sharepoint');
  if (e.PEOPLE_SYNC && !graph) {
    throw new ConfigError('PEOPLE_SYNC=1 kräver en Graph-identitet: GRAPH_TENANT_ID, GRAPH_CLIENT_ID och GRAPH_CLIENT_SECRET eller GRAPH_CERTIFICATE_PATH, eller GRAPH_MANAGED_IDENTITY=1');
  }
  const root = projectRoot();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const version = (require(path.join(root, 'package.json')) as { version: string }).version;
  return {
    port: e.PORT,
    listenHost: e.LISTEN_HOST || (e.MicrosoftAppId === '' ? '127.0.0.1' : ''),
    // App Service sets WEBSITE_INSTANCE_ID on every instance; its front end appends the caller's address.
    behindProxy: e.BEHIND_PROXY ?? Boolean(env.WEBSITE_INSTANCE_ID),
    dataDir: path.resolve(root, e.DATA_DIR),
    storeKind: e.STORE,
    ops: opsStoreFrom(e),
    defaultLocale: e.DEFAULT_LOCALE,
    municipalityName: e.MUNICIPALITY_NAME,
    followTeamsLocale: e.FOLLOW_TEAMS_LOCALE,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    bot: { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, tenantId: e.MicrosoftAppTenantId, appType: e.MicrosoftAppType, certificatePath: e.MicrosoftAppCertificatePath, openIdMetadataUrl: e.BOT_OPENID_METADATA_URL, tokenIssuer: e.BOT_TOKEN_ISSUER },
    localMode: e.MicrosoftAppId === '',
    allowLocalModeWithSharePoint: e.ALLOW_LOCAL_MODE_WITH_SHAREPOINT,
    playground: { enabled: e.PLAYGROUND && e.MicrosoftAppId === '', port: e.PLAYGROUND_PORT, persona: e.PERSONA },
    // Demo people never go into a real tenant's lists unless asked for, nor into production at all.
    seedDemoData: e.SEED_DEMO_DATA ?? (e.STORE === 'sqlite' && e.NODE_ENV !== 'production'),
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    teamsAppId: e.TEAMS_APP_ID,
    graph,
    incidentRulesFile: path.resolve(root, e.INCIDENT_RULES_FILE),
    statusCacheSeconds: e.STATUS_CACHE_SECONDS,
    assetReviewMonths: e.ASSET_REVIEW_MONTHS,
    healthCacheSeconds: e.HEALTH_CACHE_SECONDS,
    retention: { closedIncidentMonths: e.RETENTION_CLOSED_INCIDENT_MONTHS, learningDeliveryDays: e.RETENTION_LEARNING_DELIVERY_DAYS },
    tabApiRateLimitPerMinute: e.TAB_API_RATE_LIMIT_PER_MINUTE,
    tabAuth: tabAuthFrom(e),
    tabDemoUsers: e.AAD_APP_CLIENT_ID === '' && e.MicrosoftAppId === '' && e.NODE_ENV !== 'production',
    learning: { dir: path.resolve(root, e.LEARNING_DIR), passScore: e.LEARNING_PASS_SCORE, target: e.LEARNING_TARGET, cardStateSecret: e.CARD_STATE_SECRET },
    schedulerEnabled: e.SCHEDULER,
    planReminderDaysBeforeEnd: e.PLAN_REMINDER_DAYS_BEFORE_END,
    delivery: {
      limits: { perTenant: rateWindows('DELIVERY_TENANT_LIMITS', e.DELIVERY_TENANT_LIMITS), perConversation: rateWindows('DELIVERY_CONVERSATION_LIMITS', e.DELIVERY_CONVERSATION_LIMITS) },
      tenantCeiling: rateWindows('DELIVERY_TENANT_CEILING', e.DELIVERY_TENANT_CEILING),
      concurrency: e.DELIVERY_CONCURRENCY,
      maxAttempts: e.DELIVERY_MAX_ATTEMPTS,
      resendUnreachedDays: e.RESEND_UNREACHED_DAYS,
    },
    people: { sync: e.PEOPLE_SYNC, mappingFile: path.resolve(root, e.ENTRA_MAPPING_FILE) },
    appInstall: { enabled: e.APP_INSTALL, perSecond: e.APP_INSTALL_RATE, catalogAppId: e.TEAMS_CATALOG_APP_ID || e.TEAMS_APP_ID },
    timeZone: 'Europe/Stockholm',
    version,
  };
}

/**
 * What production needs and local mode does without: an authenticated bot (SingleTenant with a
 * secret or a certificate, a user-assigned managed identity, or MultiTenant for registrations made
 * before single-tenant became the rule), Teams SSO for the tab, and an https address.
 */
export function missingForProduction(e: z.infer<typeof EnvSchema>): string[] {
  const missing: string[] = [];
  if (!e.MicrosoftAppId) missing.push('MicrosoftAppId (botens app-id, eller den hanterade identitetens klient-id)');
  switch (e.MicrosoftAppType) {
    case 'SingleTenant':
      if (!e.MicrosoftAppTenantId) missing.push('MicrosoftAppTenantId');
      if (!e.MicrosoftAppPassword && !e.MicrosoftAppCertificatePath) missing.push('MicrosoftAppPassword eller MicrosoftAppCertificatePath');
      break;
    case 'UserAssignedMSI':
      if (!e.MicrosoftAppTenantId) missing.push('MicrosoftAppTenantId');
      break;
    case 'MultiTenant':
      if (!e.MicrosoftAppPassword && !e.MicrosoftAppCertificatePath) missing.push('MicrosoftAppPassword eller MicrosoftAppCertificatePath');
      break;
    default:
      missing.push('MicrosoftAppType (SingleTenant, UserAssignedMSI eller MultiTenant)');
  }
  if (!e.AAD_APP_CLIENT_ID) missing.push('AAD_APP_CLIENT_ID (flikens inloggning med Teams SSO)');
  if (!e.PUBLIC_URL?.startsWith('https://')) missing.push('PUBLIC_URL med https://');
  return missing;
}

/**
 * What production refuses even when asked: demo people, whose ids are in the source code, would
 * get roles; and records belong in SharePoint, unless SQLite is chosen on purpose (a single
 * instance with its own backups).
 */
function refusedInProduction(e: z.infer<typeof EnvSchema>): string[] {
  const refused: string[] = [];
  if (e.SEED_DEMO_DATA === true) refused.push('SEED_DEMO_DATA=1 (demopersonerna har kända id:n och skulle få roller)');
  if (e.STORE === 'sqlite' && !e.ALLOW_SQLITE_IN_PRODUCTION) refused.push('STORE=sqlite för handlingarna utan ALLOW_SQLITE_IN_PRODUCTION=1 (använd STORE=sharepoint)');
  return refused;
}

/** localhost, 127.0.0.0/8 or ::1: an address only this machine reaches. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || /^::ffff:127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * What the server (not the command-line tools) refuses to start with: local mode, which takes Bot
 * Framework traffic and the tab's demo picker without sign-in, against a real tenant's SharePoint
 * (Microsoft Graph, not the local stand-in), unless ALLOW_LOCAL_MODE_WITH_SHAREPOINT=1 asks for it.
 */
export function refuseUnsafeServerStart(config: AppConfig): void {
  const graph = config.graph;
  if (!config.localMode || config.storeKind !== 'sharepoint' || !graph || config.allowLocalModeWithSharePoint) return;
  const local = isLoopbackHost(new URL(graph.graphBaseUrl).hostname) && isLoopbackHost(new URL(graph.authorityHost).hostname);
  if (local) return;
  throw new ConfigError(
    'Lokalt läge (utan MicrosoftAppId, alltså utan inloggning) startar inte mot en riktig SharePoint-klient: sätt MicrosoftAppId, eller ALLOW_LOCAL_MODE_WITH_SHAREPOINT=1 om det verkligen är meningen.',
  );
}

/** Teams SSO settings when AAD_APP_CLIENT_ID is set; the tenant is required with it. */
function tabAuthFrom(e: z.infer<typeof EnvSchema>): SsoSettings | undefined {
  if (!e.AAD_APP_CLIENT_ID) return undefined;
  const tenantId = e.AAD_APP_TENANT_ID || e.MicrosoftAppTenantId;
  if (!tenantId) throw new ConfigError('Ogiltig konfiguration: AAD_APP_TENANT_ID saknas (krävs med AAD_APP_CLIENT_ID)');
  const host = new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).host;
  return {
    clientId: e.AAD_APP_CLIENT_ID,
    tenantId,
    appIdUri: e.AAD_APP_ID_URI || `api://${host}/${e.AAD_APP_CLIENT_ID}`,
    authorityHost: e.AAD_APP_OAUTH_AUTHORITY_HOST.replace(/\/$/, ''),
  };
}

function rateWindows(name: string, text: string) {
  try {
    return parseRateWindows(text);
  } catch (err) {
    throw new ConfigError(`Ogiltig konfiguration: ${name}: ${(err as Error).message}`);
  }
}

const GraphEnvSchema = EnvSchema.pick({
  SHAREPOINT_SITE: true,
  GRAPH_TENANT_ID: true,
  GRAPH_CLIENT_ID: true,
  GRAPH_CLIENT_SECRET: true,
  GRAPH_CERTIFICATE_PATH: true,
  GRAPH_MANAGED_IDENTITY: true,
  GRAPH_MANAGED_IDENTITY_CLIENT_ID: true,
  GRAPH_AUTHORITY_HOST: true,
  GRAPH_BASE_URL: true,
});

/**
 * Graph settings from the environment for a caller that needs Graph but not the SharePoint store
 * (people from Entra ID): the same rules as loadConfig's `graph`, except that SHAREPOINT_SITE is
 * never required; `site` is '' when it is not given.
 */
export function graphIdentityFrom(env: NodeJS.ProcessEnv = process.env): GraphSettings | undefined {
  const parsed = GraphEnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Ogiltig konfiguration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return graphSettingsFrom(parsed.data, false);
}

/**
 * The Graph settings, or undefined when none are given; names every missing or conflicting
 * variable. `required` (STORE=sharepoint) asks for Graph and SHAREPOINT_SITE; otherwise Graph may
 * come without a site (site ''), for people from Entra ID, and connectToSite refuses an empty site
 * with its own message. The identity is an app registration (GRAPH_CLIENT_ID with a secret or a
 * certificate, GRAPH_TENANT_ID) or, with GRAPH_MANAGED_IDENTITY=1, the App Service's managed
 * identity: system-assigned, or user-assigned when GRAPH_MANAGED_IDENTITY_CLIENT_ID names it.
 */
function graphSettingsFrom(e: z.infer<typeof GraphEnvSchema>, required: boolean): GraphSettings | undefined {
  const managed = e.GRAPH_MANAGED_IDENTITY;
  if (managed) {
    const registration = (['GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET', 'GRAPH_CERTIFICATE_PATH'] as const).filter((k) => e[k]);
    if (registration.length > 0) {
      throw new ConfigError(
        `Graph-identiteten är tvetydig: GRAPH_MANAGED_IDENTITY=1 loggar in som App Service-appens hanterade identitet, utan hemlighet, men ${registration.join(' och ')} gäller en app-registrering. ` +
          `Ta bort ${registration.join(' och ')}, eller GRAPH_MANAGED_IDENTITY` +
          (registration.includes('GRAPH_CLIENT_ID') ? ' (en användartilldelad identitet anges med GRAPH_MANAGED_IDENTITY_CLIENT_ID)' : ''),
      );
    }
  } else if (e.GRAPH_MANAGED_IDENTITY_CLIENT_ID) {
    throw new ConfigError('GRAPH_MANAGED_IDENTITY_CLIENT_ID gäller bara med GRAPH_MANAGED_IDENTITY=1: sätt den, eller ta bort GRAPH_MANAGED_IDENTITY_CLIENT_ID');
  }
  const missing = [
    ...(required && !e.SHAREPOINT_SITE ? ['SHAREPOINT_SITE'] : []),
    ...(managed
      ? []
      : [
          ...(e.GRAPH_TENANT_ID ? [] : ['GRAPH_TENANT_ID']),
          ...(e.GRAPH_CLIENT_ID ? [] : ['GRAPH_CLIENT_ID']),
          ...(e.GRAPH_CLIENT_SECRET || e.GRAPH_CERTIFICATE_PATH ? [] : ['GRAPH_CLIENT_SECRET eller GRAPH_CERTIFICATE_PATH']),
        ]),
  ];
  const given = managed || [e.SHAREPOINT_SITE, e.GRAPH_TENANT_ID, e.GRAPH_CLIENT_ID, e.GRAPH_CLIENT_SECRET, e.GRAPH_CERTIFICATE_PATH].some(Boolean);
  const instead = missing.some((m) => m.startsWith('GRAPH_CLIENT')) ? ' (eller GRAPH_MANAGED_IDENTITY=1 i stället för app-registreringen)' : '';
  if (!given) {
    if (required) throw new ConfigError(`STORE=sharepoint kräver ${missing.join(', ')}${instead}`);
    return undefined;
  }
  if (missing.length > 0) throw new ConfigError(`${required ? 'SharePoint' : 'Graph'}-inställningarna är ofullständiga: ${missing.join(', ')} saknas${instead}`);
  return {
    tenantId: e.GRAPH_TENANT_ID,
    clientId: e.GRAPH_CLIENT_ID,
    ...(e.GRAPH_CLIENT_SECRET ? { clientSecret: e.GRAPH_CLIENT_SECRET } : {}),
    ...(e.GRAPH_CERTIFICATE_PATH ? { certificatePath: e.GRAPH_CERTIFICATE_PATH } : {}),
    ...(managed ? { managedIdentity: e.GRAPH_MANAGED_IDENTITY_CLIENT_ID ? { clientId: e.GRAPH_MANAGED_IDENTITY_CLIENT_ID } : {} } : {}),
    authorityHost: e.GRAPH_AUTHORITY_HOST,
    graphBaseUrl: e.GRAPH_BASE_URL,
    site: e.SHAREPOINT_SITE,
  };
}

/** Reads ./.env when present (Node's own loader, no extra dependency); real environment variables win. */
export function loadDotEnv(root = projectRoot()): void {
  const file = path.join(root, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

/** OPS_STORE=azure needs one way to the tables: the endpoint (managed identity) or a connection string. */
function opsStoreFrom(e: z.infer<typeof EnvSchema>): AppConfig['ops'] {
  if (e.OPS_STORE === 'sqlite') return { kind: 'sqlite' };
  // Azure gives the endpoints with a trailing slash (primaryEndpoints in the Bicep file).
  const [endpoint, connectionString] = [e.OPS_TABLE_ENDPOINT.trim().replace(/\/+$/, ''), e.OPS_STORAGE_CONNECTION_STRING.trim()];
  if (!endpoint === !connectionString) {
    throw new ConfigError('OPS_STORE=azure kräver antingen OPS_TABLE_ENDPOINT (tabelltjänstens adress, med den hanterade identiteten) eller OPS_STORAGE_CONNECTION_STRING (t.ex. Azurite lokalt), inte båda.');
  }
  const blobEndpoint = e.OPS_BLOB_ENDPOINT.trim().replace(/\/+$/, '');
  if (endpoint && !blobEndpoint) throw new ConfigError('OPS_STORE=azure med OPS_TABLE_ENDPOINT kräver också OPS_BLOB_ENDPOINT (blobtjänstens adress): där turas instanserna om att leda.');
  // Without it each instance would make its own key, and a module card sent by one would be refused by the next.
  if (!e.CARD_STATE_SECRET) throw new ConfigError('OPS_STORE=azure kräver CARD_STATE_SECRET (minst 32 tecken, samma i alla instanser): den signerar utbildningskortens läge.');
  return { kind: 'azure', tablePrefix: e.OPS_TABLE_PREFIX, connectionString, endpoint, blobEndpoint, managedIdentityClientId: e.OPS_MANAGED_IDENTITY_CLIENT_ID.trim() || e.GRAPH_MANAGED_IDENTITY_CLIENT_ID };
}
