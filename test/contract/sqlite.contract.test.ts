import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { describeStoreContract } from './store-contract';

describeStoreContract('SQLite', async () => {
  const store = SqliteStore.inMemory();
  return { store, close: () => store.close() };
});
