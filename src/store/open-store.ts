import type { Clock } from '../clock/clock';
import type { AppConfig } from '../config/config';
import { SharePointStore } from './sharepoint/sharepoint-store';
import { SqliteStore } from './sqlite/sqlite-store';
import type { Store } from './store';

/** The store the configuration asks for. SQLite is the default, so the app runs with no tenant. */
export async function openStore(config: AppConfig, clock: Clock): Promise<Store> {
  switch (config.storeKind) {
    case 'sqlite':
      return SqliteStore.open(config.dataDir, clock);
    case 'sharepoint':
      // loadConfig has already insisted on the Graph settings for this store.
      return SharePointStore.connect(config.graph!);
  }
}
