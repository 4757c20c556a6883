import type { Clock } from '../clock/clock';
import { ConfigError, type AppConfig } from '../config/config';
import { SqliteStore } from './sqlite/sqlite-store';
import type { Store } from './store';

/** The store the configuration asks for. SQLite is the default, so the app runs with no tenant. */
export function openStore(config: AppConfig, clock: Clock): Store {
  switch (config.storeKind) {
    case 'sqlite':
      return SqliteStore.open(config.dataDir, clock);
    case 'sharepoint':
      throw new ConfigError('STORE=sharepoint stöds inte av den här versionen; använd STORE=sqlite.');
  }
}
