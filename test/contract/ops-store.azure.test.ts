import { AzureOperationalStore } from '../../src/ops/azure/azure-operational-store';
import { AzureTables } from '../../src/ops/azure/azure-tables';
import { startAzurite, type Azurite } from '../support/azurite';
import { operationalStoreContract } from './ops-store-contract';

/** The operational store on Azure Table Storage, against Azurite started by the test: the same contract as SQLite's. */
let azurite: Azurite;
let run = 0;
beforeAll(async () => {
  azurite = await startAzurite();
}, 30_000);
afterAll(() => azurite?.stop());

operationalStoreContract('Azure Table Storage on Azurite', async () => {
  // Fresh tables for every test: a prefix of its own in the one account.
  const ops = await AzureOperationalStore.open(new AzureTables({ connectionString: azurite.connectionString }, `t${Date.now().toString(36)}${(run++).toString(36)}`));
  return { ops, close: () => ops.close() };
});
