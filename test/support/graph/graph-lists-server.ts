import { randomUUID } from 'node:crypto';
import { listenOnLoopback } from '../loopback-server';
import https from 'node:https';
import { TEST_TLS } from '../tls/test-tls';
import { etagOf, genericListColumns, newColumn, sharePointDateTime, type ColumnData, type Facet, type ItemData, type ListData, type SiteData } from './list-data';
import { FilterSyntaxError, matches, orderValue, parseFilter } from './odata-filter';
import type { TokenAuthority } from './token-authority';
import { TeamsInstallations, type InstallationAnswer } from './teams-installations';
import { UsersDirectory, type DirectoryAnswer } from './users-directory';

/**
 * A local Microsoft Graph for the SharePoint-list subset Infosäk uses, faithful to
 * shared/docs/GRAPH-NOTES.md: site by path, lists, columns, items with `fields`, $expand, $filter
 * on one indexed column, $orderby, $top and @odata.nextLink paging, the non-indexed 400, eTags and
 * 412, $batch, Graph's error body — and switches that add latency, throttle (429/503 with
 * Retry-After) or drop a response after the write was committed.
 */
export interface FaultSettings {
  latencyMs: number;
  /** Share of requests (0–1) that fail. */
  failureRate: number;
  /** What a failing request does; one is drawn per failure. */
  failures: ('429' | '503' | 'drop')[];
  /** Retry-After sent with 429 and 503, in seconds. */
  retryAfterSeconds: number;
  /** Share of the requests inside a $batch that are answered 429 on their own. */
  innerThrottleRate: number;
  /**
   * How a value that clashes with a unique column is refused: 409 as Graph answers today, 500 as
   * SharePoint's own API does (SPDuplicateValuesFoundException), or 400; Graph does not document it.
   */
  duplicateAnswer: 409 | 500 | 400;
  /** Leave the eTag out of a PATCH …/fields answer (not promised by the documentation's example). */
  omitUpdateEtag: boolean;
  /**
   * A new column whose name clashes with one the list has (Title, Name, …, in any case): refused, or
   * created under another internal name (the name with a 0 after it), as SharePoint does when an
   * internal name is taken. Either way, in both ways of creating columns (with the list, or one by one).
   */
  columnNameClash: 'refuse' | 'rename';
}

export interface GraphStats {
  requests: number;
  /** Estimated SharePoint resource units: 1 to get one item, 2 for a query or a write; each request in a $batch counts. */
  resourceUnits: number;
  throttled: number;
  dropped: number;
  batches: number;
}

interface InternalRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

interface InternalResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Resource units this request costs. */
  cost: number;
}

class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const SEGMENT = '[^/]+';

export class GraphListsServer {
  readonly sites = new Map<string, SiteData>();
  /** Entra ID's users and groups, for the people sync (users-directory.ts). */
  readonly directory = new UsersDirectory();
  /** Apps installed for users in Teams, for proactive installation (teams-installations.ts). */
  readonly installations = new TeamsInstallations(this.directory);
  readonly stats: GraphStats = { requests: 0, resourceUnits: 0, throttled: 0, dropped: 0, batches: 0 };
  /**
   * SharePoint's list view threshold: in a list of more items, a query is refused when its filter
   * matches more, or cannot use an index (`ne`, or a column read without one). Paging and $top do
   * not help. Reading a whole list without a filter is served at any size (by id, a page at a time).
   */
  listViewThreshold = 5_000;
  faults: FaultSettings = { latencyMs: 0, failureRate: 0, failures: ['429'], retryAfterSeconds: 0, innerThrottleRate: 0, duplicateAnswer: 409, omitUpdateEtag: false, columnNameClash: 'refuse' };
  /** Requests seen, for tests that assert what was sent (method and path with query). */
  readonly log: { method: string; url: string; status: number }[] = [];
  /** When each answered request arrived and was answered (ms, performance.now()), for telling sequential requests from parallel ones. */
  readonly timeline: { method: string; url: string; start: number; end: number }[] = [];
  private server?: https.Server;
  private listening?: { port: number; stop(): Promise<void> };
  private random: () => number = Math.random;
  private readonly forced: ('429' | '503' | 'drop')[] = [];

  constructor(private readonly authority: TokenAuthority) {}

  get origin(): string {
    if (!this.listening) throw new Error('GraphListsServer har inte startat');
    return `https://localhost:${this.listening.port}`;
  }

  /** A deterministic random source for fault injection, so a failing run can be repeated. */
  seed(seed: number): void {
    let s = seed >>> 0;
    this.random = () => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  addSite(hostname: string, path: string, displayName = 'Infosäk'): SiteData {
    const site: SiteData = { id: `${hostname},${randomUUID()},${randomUUID()}`, hostname, path, displayName, lists: new Map() };
    this.sites.set(site.id, site);
    return site;
  }

  /** The next requests fail in these ways, one each, before the random faults apply again. */
  failNext(...failures: ('429' | '503' | 'drop')[]): void {
    this.forced.push(...failures);
  }

  resetStats(): void {
    Object.assign(this.stats, { requests: 0, resourceUnits: 0, throttled: 0, dropped: 0, batches: 0 });
    this.log.length = 0;
  }

  async start(): Promise<this> {
    this.server = https.createServer({ key: TEST_TLS.key, cert: TEST_TLS.cert }, (req, res) => void this.onRequest(req, res));
    this.listening = await listenOnLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await this.listening?.stop();
    this.listening = undefined;
  }

  // ---- HTTP layer: auth, latency, faults ----

  private async onRequest(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const start = performance.now();
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', this.origin);
    this.stats.requests++;
    const requestId = randomUUID();
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      this.log.push({ method: req.method ?? 'GET', url: url.pathname + url.search, status });
      this.timeline.push({ method: req.method ?? 'GET', url: url.pathname + url.search, start, end: performance.now() });
      const payload = body === undefined ? '' : JSON.stringify(body);
      res.writeHead(status, {
        'request-id': requestId,
        'client-request-id': String(req.headers['client-request-id'] ?? requestId),
        ...(payload ? { 'Content-Type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8' } : {}),
        ...headers,
      });
      res.end(payload);
    };
    const errorBody = (code: string, message: string) => ({
      error: { code, message, innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ''), 'request-id': requestId, 'client-request-id': String(req.headers['client-request-id'] ?? requestId) } },
    });

    if (this.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, this.faults.latencyMs));

    const auth = String(req.headers.authorization ?? '');
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const verdict = token ? this.authority.verifyAccessToken(token, 'https://graph.microsoft.com') : { error: 'missing token' };
    if (verdict.error) {
      send(401, errorBody('InvalidAuthenticationToken', `Access token validation failure: ${verdict.error}.`));
      return;
    }

    let fault: '429' | '503' | 'drop' | undefined = this.forced.shift();
    if (!fault && this.faults.failureRate > 0 && this.random() < this.faults.failureRate) {
      fault = this.faults.failures[Math.floor(this.random() * this.faults.failures.length)];
    }
    if (fault === '429' || fault === '503') {
      this.stats.throttled++;
      this.stats.resourceUnits += 2; // throttled calls still count
      const retry = { 'Retry-After': String(this.faults.retryAfterSeconds) };
      if (fault === '429') send(429, errorBody('activityLimitReached', 'The request has been throttled'), retry);
      else send(503, errorBody('serviceNotAvailable', 'The service is temporarily unavailable'), retry);
      return;
    }

    let body: unknown;
    try {
      body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
    } catch {
      send(400, errorBody('BadRequest', 'Unable to read JSON request payload.'));
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const path = url.pathname.replace(/^\/v1\.0/, '');
    const result =
      path === '/$batch' && req.method === 'POST'
        ? this.batch(body)
        : this.dispatch({ method: req.method ?? 'GET', path: decodeURIComponent(path), query: url.searchParams, headers, body });
    this.stats.resourceUnits += result.cost;

    if (fault === 'drop') {
      // The work is done and committed; the caller never hears about it.
      this.stats.dropped++;
      this.log.push({ method: req.method ?? 'GET', url: url.pathname + url.search, status: 0 });
      req.socket.destroy();
      return;
    }
    if (result.status >= 400 && result.body && typeof result.body === 'object' && 'error' in result.body) {
      const e = (result.body as { error: { code: string; message: string } }).error;
      send(result.status, errorBody(e.code, e.message), result.headers);
      return;
    }
    send(result.status, result.body, result.headers);
  }

  // ---- $batch ----

  private batch(body: unknown): InternalResponse {
    this.stats.batches++;
    const requests = (body as { requests?: unknown })?.requests;
    const bad = (message: string): InternalResponse => ({ status: 400, body: { error: { code: 'BadRequest', message } }, cost: 0 });
    if (!Array.isArray(requests)) return bad('Invalid batch payload format.');
    if (requests.length > 20) return bad('The number of batch requests exceeds the maximum of 20.');
    const ids = new Set<string>();
    for (const r of requests as { id?: unknown }[]) {
      if (typeof r.id !== 'string' || ids.has(r.id)) return bad('Batch request ids must be unique strings.');
      ids.add(r.id);
    }
    const results = new Map<string, InternalResponse>();
    let cost = 0;
    for (const r of requests as { id: string; method: string; url: string; headers?: Record<string, string>; body?: unknown; dependsOn?: string[] }[]) {
      const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      let result: InternalResponse;
      if (r.dependsOn?.some((d) => (results.get(d)?.status ?? 424) >= 400)) {
        result = { status: 424, body: { error: { code: 'FailedDependency', message: 'A dependency of this request failed.' } }, cost: 0 };
      } else if (r.body !== undefined && !headers['content-type']) {
        result = { status: 400, body: { error: { code: 'BadRequest', message: 'Content-Type header is required when a body is present.' } }, cost: 0 };
      } else if (this.faults.innerThrottleRate > 0 && this.random() < this.faults.innerThrottleRate) {
        this.stats.throttled++;
        result = {
          status: 429,
          headers: { 'Retry-After': String(this.faults.retryAfterSeconds) },
          body: { error: { code: 'activityLimitReached', message: 'The request has been throttled' } },
          cost: 2,
        };
      } else {
        const url = new URL(r.url.startsWith('/') ? r.url : `/${r.url}`, 'https://graph.local');
        result = this.dispatch({ method: r.method, path: decodeURIComponent(url.pathname), query: url.searchParams, headers, body: r.body });
      }
      cost += result.cost;
      results.set(r.id, result);
    }
    // Graph answers a batch's requests in any order.
    const responses = [...results.entries()].reverse().map(([id, r]) => ({ id, status: r.status, headers: { 'Content-Type': 'application/json', ...r.headers }, body: r.body }));
    return { status: 200, body: { responses }, cost };
  }

  // ---- routing ----

  private dispatch(req: InternalRequest): InternalResponse {
    try {
      return this.route(req);
    } catch (err) {
      if (err instanceof GraphHttpError) return { status: err.status, body: { error: { code: err.code, message: err.message } }, cost: 1 };
      if (err instanceof FilterSyntaxError) return { status: 400, body: { error: { code: 'BadRequest', message: err.message } }, cost: 1 };
      throw err;
    }
  }

  private route(req: InternalRequest): InternalResponse {
    const { method, path } = req;
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/users/delta') return this.directoryAnswer(this.directory.delta(this.origin, req.query));
    if ((m = new RegExp(`^/users/(${SEGMENT})/teamwork/installedApps$`).exec(path))) {
      // Teams' own limits, not SharePoint's resource units: no cost.
      if (method === 'POST') return this.directoryAnswer(this.installations.install(m[1]!, req.body), 0);
      if (method === 'GET') return this.directoryAnswer(this.installations.list(m[1]!, req.query), 0);
    }
    if (method === 'GET' && (m = new RegExp(`^/users/(${SEGMENT})/teamwork/installedApps/(${SEGMENT})/chat$`).exec(path))) {
      return this.directoryAnswer(this.installations.chat(decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)), 0);
    }
    if (method === 'GET' && (m = new RegExp(`^/groups/(${SEGMENT})/transitiveMembers$`).exec(path))) return this.directoryAnswer(this.directory.members(this.origin, m[1]!, req.query));
    if (method === 'GET' && (m = /^\/sites\/([^/:]+):(\/sites\/[^:]+?):?$/.exec(path))) return this.siteByPath(m[1]!, m[2]!);
    if ((m = new RegExp(`^/sites/(${SEGMENT})/lists$`).exec(path))) {
      if (method === 'GET') return this.listLists(this.site(m[1]!), req);
      if (method === 'POST') return this.createList(this.site(m[1]!), req.body);
    }
    if ((m = new RegExp(`^/sites/(${SEGMENT})/lists/(${SEGMENT})$`).exec(path)) && method === 'GET') {
      return { status: 200, body: this.listJson(this.list(m[1]!, m[2]!), req.query), cost: 1 };
    }
    if ((m = new RegExp(`^/sites/(${SEGMENT})/lists/(${SEGMENT})/columns$`).exec(path))) {
      const list = this.list(m[1]!, m[2]!);
      if (method === 'GET') return { status: 200, body: { value: list.columns.map(columnJson) }, cost: 2 };
      if (method === 'POST') return this.addColumn(list, req.body);
    }
    if ((m = new RegExp(`^/sites/(${SEGMENT})/lists/(${SEGMENT})/columns/(${SEGMENT})$`).exec(path)) && method === 'PATCH') {
      return this.patchColumn(this.list(m[1]!, m[2]!), m[3]!, req.body);
    }
    if ((m = new RegExp(`^/sites/(${SEGMENT})/lists/(${SEGMENT})/items$`).exec(path))) {
      const list = this.list(m[1]!, m[2]!);
      if (method === 'GET') return this.queryItems(m[1]!, list, req);
      if (method === 'POST') return this.createItem(list, req.body);
    }
    if ((m = new RegExp(`^/sites/(${SEGMENT})/lists/(${SEGMENT})/items/(\\d+)$`).exec(path))) {
      const list = this.list(m[1]!, m[2]!);
      const item = this.item(list, m[3]!);
      if (method === 'GET') return { status: 200, body: this.itemJson(m[1]!, list, item, wantsFields(req.query)), cost: 1 };
      if (method === 'PATCH') return this.updateItem(m[1]!, list, item, req, true);
      if (method === 'DELETE') {
        list.items.delete(item.id);
        return { status: 204, cost: 2 };
      }
    }
    if ((m = new RegExp(`^/sites/(${SEGMENT})/lists/(${SEGMENT})/items/(\\d+)/fields$`).exec(path)) && method === 'PATCH') {
      const list = this.list(m[1]!, m[2]!);
      return this.updateItem(m[1]!, list, this.item(list, m[3]!), req, false);
    }
    throw new GraphHttpError(400, 'BadRequest', `Resource not found for the segment '${path.split('/').pop()}'.`);
  }

  private directoryAnswer(answer: DirectoryAnswer | InstallationAnswer, cost = 1): InternalResponse {
    return { status: answer.status, body: answer.body, ...('headers' in answer && answer.headers ? { headers: answer.headers } : {}), cost };
  }

  // ---- sites, lists, columns ----

  private site(id: string): SiteData {
    const site = this.sites.get(id);
    if (!site) throw new GraphHttpError(404, 'itemNotFound', 'Requested site could not be found');
    return site;
  }

  private siteByPath(hostname: string, path: string): InternalResponse {
    const site = [...this.sites.values()].find((s) => s.hostname === hostname && s.path.toLowerCase() === path.toLowerCase());
    if (!site) throw new GraphHttpError(404, 'itemNotFound', 'Requested site could not be found');
    return {
      status: 200,
      body: { id: site.id, displayName: site.displayName, name: site.path.split('/').pop(), webUrl: `https://${site.hostname}${site.path}`, createdDateTime: '2024-01-01T00:00:00Z' },
      cost: 1,
    };
  }

  private list(siteId: string, listId: string): ListData {
    const list = this.site(siteId).lists.get(listId);
    if (!list) throw new GraphHttpError(404, 'itemNotFound', 'The specified list was not found');
    return list;
  }

  private listJson(list: ListData, query: URLSearchParams) {
    const expand = (query.get('$expand') ?? query.get('expand') ?? '').split(',').map((s) => s.trim());
    return {
      id: list.id,
      name: list.displayName.replace(/\s+/g, ''),
      displayName: list.displayName,
      createdDateTime: list.created,
      list: { template: 'genericList', hidden: false, contentTypesEnabled: false },
      ...(expand.includes('columns') ? { columns: list.columns.map(columnJson) } : {}),
    };
  }

  private listLists(site: SiteData, req: InternalRequest): InternalResponse {
    return { status: 200, body: { value: [...site.lists.values()].map((l) => this.listJson(l, req.query)) }, cost: 2 };
  }

  private createList(site: SiteData, body: unknown): InternalResponse {
    const b = body as { displayName?: string; columns?: unknown[]; list?: { template?: string } };
    if (!b?.displayName) throw new GraphHttpError(400, 'invalidRequest', 'displayName is required');
    if ([...site.lists.values()].some((l) => l.displayName.toLowerCase() === b.displayName!.toLowerCase())) {
      throw new GraphHttpError(409, 'nameAlreadyExists', 'A list, survey, discussion board, or document library with the specified title already exists in this Web site.');
    }
    const list: ListData = { id: randomUUID(), displayName: b.displayName, created: sharePointDateTime(new Date().toISOString()), columns: genericListColumns(), items: new Map(), nextId: 1 };
    for (const c of b.columns ?? []) list.columns.push(this.namedFreely(list, parseColumn(c)));
    site.lists.set(list.id, list);
    return { status: 201, body: this.listJson(list, new URLSearchParams('$expand=columns')), cost: 2 };
  }

  private addColumn(list: ListData, body: unknown): InternalResponse {
    const column = this.namedFreely(list, parseColumn(body));
    list.columns.push(column);
    return { status: 201, body: columnJson(column), cost: 2 };
  }

  /** A column's name checked against the list's columns' names and display names, as SharePoint does: refused or renamed (columnNameClash). */
  private namedFreely(list: ListData, column: ColumnData): ColumnData {
    const taken = (name: string) => list.columns.some((c) => c.name.toLowerCase() === name.toLowerCase() || c.displayName.toLowerCase() === name.toLowerCase());
    if (!taken(column.name)) return column;
    if (this.faults.columnNameClash === 'refuse') throw new GraphHttpError(409, 'nameAlreadyExists', `A duplicate field name "${column.name}" was found.`);
    let internal = `${column.name}0`;
    for (let n = 1; taken(internal); n++) internal = `${column.name}${n}`;
    return { ...column, name: internal };
  }

  private patchColumn(list: ListData, columnId: string, body: unknown): InternalResponse {
    const column = list.columns.find((c) => c.id === columnId);
    if (!column) throw new GraphHttpError(404, 'itemNotFound', 'Column not found');
    const b = body as Partial<{ indexed: boolean; enforceUniqueValues: boolean; required: boolean; displayName: string; choice: { choices?: string[] } }>;
    if (b.indexed !== undefined) column.indexed = b.indexed;
    if (b.enforceUniqueValues !== undefined) {
      if (b.enforceUniqueValues && !column.indexed) throw new GraphHttpError(400, 'invalidRequest', 'You must index this column before enforcing unique values.');
      column.enforceUniqueValues = b.enforceUniqueValues;
    }
    if (b.required !== undefined) column.required = b.required;
    if (b.displayName !== undefined) column.displayName = b.displayName;
    if (b.choice !== undefined) {
      if (column.facet !== 'choice') throw new GraphHttpError(400, 'invalidRequest', `Column '${column.name}' is not a choice column`);
      // The list of choices is replaced; values already stored are kept even if no longer among them, as in SharePoint.
      column.choices = [...(b.choice.choices ?? column.choices)];
    }
    return { status: 200, body: columnJson(column), cost: 2 };
  }

  // ---- items ----

  private item(list: ListData, id: string): ItemData {
    const item = list.items.get(Number(id));
    if (!item) throw new GraphHttpError(404, 'itemNotFound', 'The resource could not be found.');
    return item;
  }

  private itemJson(siteId: string, list: ListData, item: ItemData, withFields: boolean) {
    const etag = etagOf(item);
    return {
      '@odata.etag': etag,
      eTag: etag,
      id: String(item.id),
      createdDateTime: item.created,
      lastModifiedDateTime: item.modified,
      webUrl: `https://${this.sites.get(siteId)!.hostname}/Lists/${encodeURIComponent(list.displayName)}/${item.id}_.000`,
      createdBy: { user: { displayName: 'Infosäk' } },
      lastModifiedBy: { user: { displayName: 'Infosäk' } },
      parentReference: { id: randomUUID(), siteId },
      contentType: { id: '0x0100', name: 'Item' },
      ...(withFields ? { 'fields@odata.context': 'fields', fields: this.fieldsJson(item) } : {}),
    };
  }

  private fieldsJson(item: ItemData) {
    return {
      '@odata.etag': etagOf(item),
      ...item.fields,
      id: String(item.id),
      ContentType: 'Item',
      Modified: item.modified,
      Created: item.created,
      AuthorLookupId: '6',
      EditorLookupId: '6',
      _UIVersionString: `${item.version}.0`,
      Attachments: false,
    };
  }

  /** Checks and converts field values as SharePoint would, or throws its 400. */
  private writableFields(list: ListData, fields: unknown): Record<string, unknown> {
    if (!fields || typeof fields !== 'object') throw new GraphHttpError(400, 'invalidRequest', 'Invalid request');
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields as Record<string, unknown>)) {
      if (name.startsWith('@odata')) continue;
      const column = list.columns.find((c) => c.name === name);
      if (!column || column.readOnly) throw new GraphHttpError(400, 'invalidRequest', `Field '${name}' is not recognized`);
      if (value === null) {
        out[name] = null;
        continue;
      }
      out[name] = convertValue(column, value);
      // A rich-text column keeps what is saved as HTML, as SharePoint does.
      if (column.facet === 'text' && column.textType === 'richText' && typeof out[name] === 'string') out[name] = `<div class="ExternalClass0">${escapeHtml(out[name] as string)}</div>`;
    }
    return out;
  }

  /**
   * Per list and unique column, value → item id, so a create among 300,000 items does not compare
   * against every one (the benches fill lists at a large municipality's size). An entry is checked
   * against the item before it is believed: a removed or changed item leaves a stale entry behind.
   */
  private readonly uniqueValues = new WeakMap<ListData, Map<string, Map<string, number>>>();

  private uniqueIndex(list: ListData, column: string): Map<string, number> {
    let byColumn = this.uniqueValues.get(list);
    if (!byColumn) this.uniqueValues.set(list, (byColumn = new Map()));
    let index = byColumn.get(column);
    if (!index) {
      byColumn.set(column, (index = new Map()));
      for (const item of list.items.values()) if (item.fields[column] !== undefined && item.fields[column] !== null) index.set(uniqueKey(item.fields[column]), item.id);
    }
    return index;
  }

  private assertUnique(list: ListData, fields: Record<string, unknown>, exceptId?: number): void {
    for (const column of list.columns.filter((c) => c.enforceUniqueValues)) {
      const value = fields[column.name];
      if (value === undefined || value === null) continue;
      const index = this.uniqueIndex(list, column.name);
      const holder = index.get(uniqueKey(value));
      const other = holder === undefined ? undefined : list.items.get(holder);
      const clash = other !== undefined && other.id !== exceptId && orderValue(other.fields[column.name], value) === 0;
      if (clash) {
        const message = `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${column.name}].`;
        if (this.faults.duplicateAnswer === 500) throw new GraphHttpError(500, 'generalException', `Microsoft.SharePoint.SPDuplicateValuesFoundException: ${message}`);
        if (this.faults.duplicateAnswer === 400) throw new GraphHttpError(400, 'invalidRequest', message);
        throw new GraphHttpError(409, 'nameAlreadyExists', message);
      }
    }
  }

  /** Records the unique values of an item just written. */
  private noteUnique(list: ListData, item: ItemData): void {
    for (const column of list.columns.filter((c) => c.enforceUniqueValues)) {
      const value = item.fields[column.name];
      if (value !== undefined && value !== null) this.uniqueIndex(list, column.name).set(uniqueKey(value), item.id);
    }
  }

  private createItem(list: ListData, body: unknown): InternalResponse {
    const fields = this.writableFields(list, (body as { fields?: unknown })?.fields);
    this.assertUnique(list, fields);
    for (const c of list.columns.filter((c) => c.maxLength && c.facet === 'text' && !c.allowMultipleLines)) {
      if (typeof fields[c.name] === 'string' && (fields[c.name] as string).length > c.maxLength) {
        throw new GraphHttpError(400, 'invalidRequest', `The value for field '${c.name}' exceeds its maximum length.`);
      }
    }
    const now = sharePointDateTime(new Date().toISOString());
    const item: ItemData = { id: list.nextId++, guid: randomUUID(), version: 1, created: now, modified: now, fields };
    list.items.set(item.id, item);
    this.noteUnique(list, item);
    const siteId = [...this.sites.values()].find((s) => s.lists.get(list.id) === list)!.id;
    return { status: 201, body: this.itemJson(siteId, list, item, true), cost: 2 };
  }

  private updateItem(siteId: string, list: ListData, item: ItemData, req: InternalRequest, wrapped: boolean): InternalResponse {
    const ifMatch = req.headers['if-match'];
    if (ifMatch && ifMatch !== '*' && ifMatch !== etagOf(item)) {
      throw new GraphHttpError(412, 'resourceModified', 'The resource has changed since the caller last read it; usually an eTag mismatch');
    }
    const raw = wrapped ? (req.body as { fields?: unknown })?.fields : req.body;
    const fields = this.writableFields(list, raw);
    this.assertUnique(list, fields, item.id);
    for (const [name, value] of Object.entries(fields)) {
      if (value === null) delete item.fields[name];
      else item.fields[name] = value;
    }
    item.version++;
    item.modified = sharePointDateTime(new Date().toISOString());
    this.noteUnique(list, item);
    const fieldsAnswer = this.fieldsJson(item) as Record<string, unknown>;
    if (this.faults.omitUpdateEtag) delete fieldsAnswer['@odata.etag'];
    return { status: 200, body: wrapped ? this.itemJson(siteId, list, item, true) : fieldsAnswer, cost: 2 };
  }

  private queryItems(siteId: string, list: ListData, req: InternalRequest): InternalResponse {
    const q = req.query;
    const honourNonIndexed = (req.headers.prefer ?? '').includes('HonorNonIndexedQueriesWarningMayFailRandomly');
    const requireIndexed = (field: string) => {
      const column = list.columns.find((c) => c.name === field);
      if (!column) throw new GraphHttpError(400, 'invalidRequest', `Field '${field}' is not recognized`);
      if (!column.indexed && !honourNonIndexed) {
        throw new GraphHttpError(
          400,
          'invalidRequest',
          `Field '${field}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.`,
        );
      }
    };
    let items = [...list.items.values()];
    const filterText = q.get('$filter');
    if (filterText) {
      const filter = parseFilter(filterText);
      requireIndexed(filter.field);
      const column = list.columns.find((c) => c.name === filter.field)!;
      items = items.filter((i) => matches(i.fields[filter.field], filter, column.facet === 'dateTime'));
      const large = list.items.size > this.listViewThreshold;
      if (large && (filter.op === 'ne' || !column.indexed || items.length > this.listViewThreshold)) {
        // What SharePoint answers through Graph is not documented; its own API answers 500 with this exception.
        throw new GraphHttpError(500, 'generalException', 'Microsoft.SharePoint.SPQueryThrottledException: The attempted operation is prohibited because it exceeds the list view threshold.');
      }
    }
    const orderBy = q.get('$orderby');
    if (orderBy) {
      const om = /^fields\/([A-Za-z_][A-Za-z0-9_]*)(?:\s+(asc|desc))?$/.exec(orderBy.trim());
      if (!om) throw new GraphHttpError(400, 'BadRequest', `Invalid $orderby: ${orderBy}`);
      requireIndexed(om[1]!);
      const direction = om[2] === 'desc' ? -1 : 1;
      items.sort((a, b) => direction * orderValue(a.fields[om[1]!], b.fields[om[1]!]) || a.id - b.id);
    } else {
      items.sort((a, b) => a.id - b.id);
    }
    const top = Math.min(Number(q.get('$top') ?? 200) || 200, 5000);
    const skip = q.get('$skiptoken') ? Number(new URLSearchParams(Buffer.from(q.get('$skiptoken')!, 'base64').toString()).get('p_Offset')) : 0;
    const page = items.slice(skip, skip + top);
    const body: Record<string, unknown> = { value: page.map((i) => this.itemJson(siteId, list, i, wantsFields(q))) };
    if (skip + top < items.length) {
      const next = new URLSearchParams(q);
      const last = page[page.length - 1]!;
      next.set('$skiptoken', Buffer.from(`Paged=TRUE&p_ID=${last.id}&p_Offset=${skip + top}`).toString('base64'));
      body['@odata.nextLink'] = `${this.origin}/v1.0/sites/${siteId}/lists/${list.id}/items?${next.toString()}`;
    }
    return { status: 200, body, cost: 2 };
  }
}

function wantsFields(query: URLSearchParams): boolean {
  const expand = query.get('$expand') ?? query.get('expand') ?? '';
  return /(^|,)\s*fields/.test(expand);
}

function parseColumn(body: unknown): ColumnData {
  const b = body as Record<string, unknown>;
  if (typeof b?.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(b.name)) throw new GraphHttpError(400, 'invalidRequest', 'A column needs a valid name');
  const facets = (['text', 'number', 'dateTime', 'boolean', 'choice'] as Facet[]).filter((f) => b[f] !== undefined);
  if (facets.length !== 1) throw new GraphHttpError(400, 'invalidRequest', 'A column must have exactly one type facet');
  const facet = facets[0]!;
  const text = (b.text ?? {}) as { allowMultipleLines?: boolean; maxLength?: number; textType?: string };
  const choice = (b.choice ?? {}) as { choices?: string[] };
  if (b.enforceUniqueValues && !b.indexed) throw new GraphHttpError(400, 'invalidRequest', 'You must index this column before enforcing unique values.');
  return newColumn({
    name: b.name,
    displayName: typeof b.displayName === 'string' ? b.displayName : b.name,
    facet,
    allowMultipleLines: Boolean(text.allowMultipleLines),
    textType: text.textType === 'plain' || (!text.allowMultipleLines && text.textType === undefined) ? 'plain' : 'richText',
    maxLength: text.allowMultipleLines ? 0 : (text.maxLength ?? 255),
    choices: choice.choices ?? [],
    indexed: Boolean(b.indexed),
    enforceUniqueValues: Boolean(b.enforceUniqueValues),
    required: Boolean(b.required),
  });
}

function columnJson(c: ColumnData) {
  const facet =
    c.facet === 'text'
      ? { text: { allowMultipleLines: c.allowMultipleLines, appendChangesToExistingText: false, linesForEditing: c.allowMultipleLines ? 6 : 0, maxLength: c.maxLength, textType: c.textType } }
      : c.facet === 'choice'
        ? { choice: { allowTextEntry: false, choices: c.choices, displayAs: 'dropDownMenu' } }
        : c.facet === 'number'
          ? { number: { decimalPlaces: 'automatic', displayAs: 'number' } }
          : c.facet === 'dateTime'
            ? { dateTime: { displayAs: 'default', format: 'dateTime' } }
            : { boolean: {} };
  return {
    id: c.id,
    name: c.name,
    displayName: c.displayName,
    columnGroup: 'Custom Columns',
    description: '',
    enforceUniqueValues: c.enforceUniqueValues,
    hidden: c.hidden,
    indexed: c.indexed,
    readOnly: c.readOnly,
    required: c.required,
    ...facet,
  };
}

/** SharePoint's conversions on write; a value of the wrong type is its "General exception". */
function convertValue(column: ColumnData, value: unknown): unknown {
  const general = () => new GraphHttpError(400, 'generalException', 'General exception while processing');
  switch (column.facet) {
    case 'text':
      if (typeof value !== 'string') throw general();
      return value;
    case 'choice':
      if (typeof value !== 'string' || !column.choices.includes(value)) throw new GraphHttpError(400, 'invalidRequest', `Value '${String(value)}' is not a valid choice for '${column.name}'`);
      return value;
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) throw general();
      return n;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw general();
      return value;
    case 'dateTime':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw general();
      return sharePointDateTime(value);
  }
}

/** A unique column's value as SharePoint compares it: text without regard to case. */
function uniqueKey(value: unknown): string {
  return typeof value === 'boolean' ? `b:${Number(value)}` : `t:${String(value).toLocaleLowerCase('sv-SE')}`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
