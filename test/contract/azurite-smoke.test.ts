import { TableClient } from '@azure/data-tables';
import { startAzurite, type Azurite } from '../support/azurite';

/** The local Azure Storage the operational store's Azure tests run on: started and stopped by the test itself. */
describe('Azurite, started by the tests', () => {
  let azurite: Azurite;
  beforeAll(async () => {
    azurite = await startAzurite();
  }, 30_000);
  afterAll(() => azurite?.stop());

  it('keeps an entity and refuses a second with the same keys', async () => {
    const table = TableClient.fromConnectionString(azurite.connectionString, 'probe', { allowInsecureConnection: true });
    await table.createTable();
    await table.createEntity({ partitionKey: 'p', rowKey: 'r', value: 1 });
    await expect(table.createEntity({ partitionKey: 'p', rowKey: 'r', value: 2 })).rejects.toMatchObject({ statusCode: 409 });
    expect((await table.getEntity<{ value: number }>('p', 'r')).value).toBe(1);
  });
});
