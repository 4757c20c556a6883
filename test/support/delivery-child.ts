import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { parseRateWindows } from '../../src/delivery/rate-limits';
import { DEMO_TENANT_ID } from '../../src/demo/demo-organisation';
import { broadcast, campaignCardBroadcast, deliveryService, rememberRecipients } from './delivery-harness';

/**
 * A sender process for crash tests and the delivery benchmark: registers `count` recipients,
 * enqueues one broadcast (idempotent, so a restarted process enqueues nothing new) and sends until
 * the outbox is empty, with the app's default delivery settings unless given. Arguments:
 * dataDir serviceUrl count campaignId [tenantLimits|-] [tenantCeiling|-] [text|card].
 */
async function main(): Promise<void> {
  const [dataDir, serviceUrl, count, campaignId, tenantLimits, tenantCeiling, content] = process.argv.slice(2);
  const given = (v: string | undefined) => (v && v !== '-' ? v : undefined);
  // How late the sender's own timers ran: the jitter a busy machine adds before a request is even sent.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const ops = SqliteOperationalStore.open(dataDir!);
  await rememberRecipients(ops, serviceUrl!, Number(count));
  const limits = given(tenantLimits);
  const ceiling = given(tenantCeiling);
  const delivery = deliveryService(ops, {
    ...(limits ? { limits: { perTenant: parseRateWindows(limits), perConversation: parseRateWindows('7/1s,8/2s,60/30s,1800/1h') } } : {}),
    ...(ceiling ? { tenantCeiling: parseRateWindows(ceiling) } : {}),
  });
  await delivery.enqueue(content === 'card' ? campaignCardBroadcast(campaignId!, Number(count)) : broadcast(campaignId!, Number(count)));
  await delivery.start();
  await delivery.drained();
  await delivery.stop();
  const pacing = delivery.pacerOf(DEMO_TENANT_ID).throttle;
  console.log(
    JSON.stringify({
      ...(await delivery.campaignStatus(campaignId!)),
      // maxRSS is in kilobytes: the sender's peak memory, for the benchmark.
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      cpuSeconds: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1e5) / 10,
      throttled: delivery.throttledCount,
      finalAllowedPerSecond: Math.round(pacing.allowedPerSecond * 10) / 10,
      finalMargin: Math.round(pacing.margin * 1000) / 1000,
      latencyP90Ms: Math.round(delivery.concurrency.latencyMs),
      loopDelayP99Ms: Math.round(loopDelay.percentile(99) / 1e6),
      loopDelayMaxMs: Math.round(loopDelay.max / 1e6),
    }),
  );
  await ops.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
