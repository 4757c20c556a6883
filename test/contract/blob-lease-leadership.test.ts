import { BlobServiceClient, type BlockBlobClient } from '@azure/storage-blob';
import { blobLeaseLeadership } from '../../src/ops/azure/blob-lease-leadership';
import type { Leadership } from '../../src/server/leadership';
import { startAzurite, type Azurite } from '../support/azurite';

/** Which of several instances sends and runs the jobs: a lease on one blob, in Azurite started by the test. */
describe('leadership by a blob lease', () => {
  let azurite: Azurite;
  let blob: BlockBlobClient;
  let n = 0;
  beforeAll(async () => {
    azurite = await startAzurite();
  }, 30_000);
  afterAll(() => azurite?.stop());
  beforeEach(async () => {
    const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('leader');
    await container.createIfNotExists();
    blob = container.getBlockBlobClient(`leader-${n++}`);
  });

  const until = async (what: () => boolean, ms: number) => {
    const end = Date.now() + ms;
    while (!what()) {
      if (Date.now() > end) throw new Error(`not within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const instance = (events: string[], name: string): Leadership => {
    const leadership = blobLeaseLeadership(blob, { leaseSeconds: 15, tryEveryMs: 200 });
    leadership.start({ lead: async () => void events.push(`${name} leads`), follow: async () => void events.push(`${name} follows`) });
    return leadership;
  };

  it('lets one of two instances lead, and the other take over at once when it stops', async () => {
    const events: string[] = [];
    const a = instance(events, 'a');
    await until(() => a.isLeading(), 3000);
    const b = instance(events, 'b');
    await new Promise((r) => setTimeout(r, 800));
    expect([a.isLeading(), b.isLeading()]).toEqual([true, false]);
    await a.stop();
    await until(() => b.isLeading(), 3000);
    expect(events).toEqual(['a leads', 'a follows', 'b leads']);
    await b.stop();
  });

  it('renews the lease while a slow start is under way, and hands the lead on when the start fails', async () => {
    const events: string[] = [];
    // Starting takes longer than the lease (a carry-over), then fails.
    let release: () => void = () => undefined;
    const slow = blobLeaseLeadership(blob, { leaseSeconds: 15, tryEveryMs: 200 });
    slow.start({
      lead: () => new Promise<void>((_, reject) => (release = () => reject(new Error('kunde inte starta')))).finally(() => events.push('a failed')),
      follow: async () => void events.push('a follows'),
    });
    await until(() => slow.isLeading(), 3000);
    const b = instance(events, 'b');
    await new Promise((r) => setTimeout(r, 16_000));
    // Still renewed after the lease time, though its start has not finished.
    expect([slow.isLeading(), b.isLeading()]).toEqual([true, false]);
    release();
    await until(() => b.isLeading(), 3000);
    await slow.stop();
    expect(events.slice(0, 3)).toEqual(['a failed', 'a follows', 'b leads']);
    await b.stop();
  }, 30_000);

  it('takes over within the lease time from a leader that died without handing it back', async () => {
    // A leader that took the lease and died: nobody renews it.
    await blob.upload('', 0);
    await blob.getBlobLeaseClient().acquireLease(15);
    const died = Date.now();
    const events: string[] = [];
    const b = instance(events, 'b');
    await new Promise((r) => setTimeout(r, 1000));
    expect(b.isLeading()).toBe(false);
    await until(() => b.isLeading(), 20_000);
    const took = Date.now() - died;
    expect(took).toBeGreaterThanOrEqual(14_000);
    expect(took).toBeLessThan(17_000);
    await b.stop();
  }, 30_000);
});
