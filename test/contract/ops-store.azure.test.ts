import { AzureOperationalStore } from '../../src/ops/azure/azure-operational-store';
import { azuriteTablesForSuite } from '../support/azurite';
import { operationalStoreContract } from './ops-store-contract';

/** The operational store on Azure Table Storage, against Azurite started by the test: the same contract as SQLite's. */
const { freshPrefix, tablesAt } = azuriteTablesForSuite();

operationalStoreContract('Azure Table Storage on Azurite', async () => {
  // Fresh tables for every test.
  const ops = await AzureOperationalStore.open(tablesAt(freshPrefix()));
  return { ops, close: () => ops.close() };
});
