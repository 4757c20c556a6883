import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { parseRateWindows } from '../../src/delivery/rate-limits';
import { broadcast, deliveryService, rememberRecipients } from './delivery-harness';

/**
 * A sender process for crash tests and the delivery benchmark: registers `count` recipients,
 * enqueues one broadcast (idempotent, so a restarted process enqueues nothing new) and sends until
 * the outbox is empty. Arguments: dataDir serviceUrl count campaignId [tenantLimits].
 */
async function main(): Promise<void> {
  const [dataDir, serviceUrl, count, campaignId, tenantLimits] = process.argv.slice(2);
  const ops = SqliteOperationalStore.open(dataDir!);
  await rememberRecipients(ops, serviceUrl!, Number(count));
  const delivery = deliveryService(ops, {
    concurrency: 8,
    ...(tenantLimits ? { limits: { perTenant: parseRateWindows(tenantLimits), perConversation: parseRateWindows('7/1s,8/2s,60/30s,1800/1h') } } : {}),
  });
  await delivery.enqueue(broadcast(campaignId!, Number(count)));
  await delivery.start();
  await delivery.drained();
  await delivery.stop();
  // maxRSS is in kilobytes: the sender's peak memory, for the benchmark.
  console.log(JSON.stringify({ ...(await delivery.campaignStatus(campaignId!)), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), throttled: delivery.throttle.throttledCount }));
  await ops.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
