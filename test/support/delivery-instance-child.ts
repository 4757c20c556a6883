import { loadConfig } from '../../src/config/config';
import { leadershipFor, openOperationalStore } from '../../src/ops/open-operational-store';
import { campaignCardBroadcast, deliveryService } from './delivery-harness';

/**
 * One app instance's sender on the operational store in Azure Table Storage, wired as the app wires
 * it (src/server/app.ts): the store and the blob lease from the configuration (OPS_STORE=azure,
 * OPS_STORAGE_CONNECTION_STRING, OPS_TABLE_PREFIX in the environment), the sender started when this
 * instance takes the lead and stopped when it loses it. The first leader enqueues the broadcast (as
 * the app's jobs run on the leader); only the leader sends. Prints `{"event":"lead"|"follow","at":ms}`
 * as it happens, and its figures as the last line when stopped with SIGTERM.
 * Arguments: count campaignId.
 */
async function main(): Promise<void> {
  const [count, campaignId] = process.argv.slice(2);
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const ops = await openOperationalStore(config);
  // As the app sets it for Table Storage (src/server/app.ts).
  const delivery = deliveryService(ops, { claimsAtOnce: 4 });
  const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
  const broadcast = campaignCardBroadcast(campaignId!, Number(count));
  const leadership = await leadershipFor(config);
  if (!leadership) throw new Error('OPS_STORE=azure behövs');
  let led = false;
  leadership.start({
    lead: async () => {
      led = true;
      say({ event: 'lead', at: Date.now() });
      // As the app's jobs run on the leader: the first leader enqueues the broadcast, a later one finds it there.
      if (!(await ops.outbox.get(broadcast[0]!.key))) await delivery.enqueue(broadcast);
      await delivery.start();
    },
    follow: async () => {
      say({ event: 'follow', at: Date.now() });
      await delivery.stop();
    },
  });
  // The figures so far, every two seconds: a process killed with SIGKILL says nothing at its end.
  const figures = () => ({ led, throttled: delivery.throttledCount, held: delivery.heldAtLeaving });
  setInterval(() => say(figures()), 2000).unref();
  process.once('SIGTERM', () => {
    void (async () => {
      await leadership.stop();
      await delivery.stop();
      say({
        ...figures(),
        // maxRSS is in kilobytes.
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        cpuSeconds: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1e5) / 10,
      });
      await ops.close();
      process.exit(0);
    })();
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
