import type { ModuleLibrary } from '../learning/module-library';
import type { OperationalStore } from '../ops/operational-store';
import { REPOSITORY_NAMES } from '../store/list-schema';
import type { Store } from '../store/store';

export interface Health {
  status: 'ok' | 'degraded';
  store: { kind: Store['kind']; status: 'ok' | 'unreachable' | 'schema-missing'; problems: string[] };
  learningModules: { loaded: number; broken: number };
  outbox: { pending: number };
}

// Every list in infra/sharepoint/lists.json, so a list added there is checked too.
const LISTS = REPOSITORY_NAMES;

const withTimeout = <T>(work: Promise<T>, ms: number) =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`inget svar på ${ms} ms`)), ms).unref())]);

/**
 * What an operator (and App Service's health check) needs to know: can every list be read, and
 * if not, is the store unreachable or is a list missing. Kept for `cacheMs` (HEALTH_CACHE_SECONDS,
 * default 10 s; 0 checks at every probe), so frequent probes do not spend SharePoint's budget.
 */
export function healthProbe(deps: { store: Store; ops: OperationalStore; library: ModuleLibrary; cacheMs?: number }): () => Promise<Health> {
  let cached: { at: number; health: Promise<Health> } | undefined;
  const check = async (): Promise<Health> => {
    const problems: string[] = [];
    let missing = false;
    await Promise.all(
      LISTS.map(async (name) => {
        try {
          await withTimeout<unknown>(deps.store[name].query(undefined, { top: 1 }), 5000);
        } catch (err) {
          // GraphStoreError carries Graph's status; a list that is gone answers 404.
          const status = (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
          if (status === 404) missing = true;
          problems.push(`${deps.store[name].listName}: ${status === 404 ? 'listan saknas' : (err as Error).message}`);
        }
      }),
    );
    const storeStatus = problems.length === 0 ? 'ok' : missing ? 'schema-missing' : 'unreachable';
    const broken = new Set(deps.library.problems.map((p) => p.file)).size;
    return {
      status: storeStatus === 'ok' ? 'ok' : 'degraded',
      store: { kind: deps.store.kind, status: storeStatus, problems: problems.sort() },
      learningModules: { loaded: deps.library.modules.length, broken },
      outbox: { pending: await deps.ops.outbox.pendingCount() },
    };
  };
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at >= (deps.cacheMs ?? 10_000)) cached = { at: now, health: check() };
    return cached.health;
  };
}
