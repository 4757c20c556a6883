import { BotConnectorSender } from '../../bot/proactive-sender';
import { systemClock } from '../../src/clock/clock';
import { loadConfig } from '../../src/config/config';
import { DEMO_TENANT_ID } from '../../src/demo/demo-organisation';
import { DeliveryService, type DeliveryOptions } from '../../src/delivery/delivery-service';
import type { OutboundMessage } from '../../src/ops/outbox-types';
import { createLogger } from '../../src/logging/logger';
import type { OperationalStore } from '../../src/ops/operational-store';
import { createBotAdapter } from '../../src/server/bot-adapter';
import { BOT_ID } from './teams-activities';

/** The recipient's aadObjectId and personal conversation id for number n. */
export const recipientId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const conversationIdOf = (n: number) => `a:personal-${n}`;

/** Registers personal chats for recipients 0..count-1 as if each had installed the app. */
export async function rememberRecipients(ops: OperationalStore, serviceUrl: string, count: number, from = 0): Promise<void> {
  for (let n = from; n < from + count; n++) {
    await ops.conversations.remember({
      conversationId: conversationIdOf(n),
      personId: recipientId(n),
      tenantId: DEMO_TENANT_ID,
      serviceUrl,
      conversationType: 'personal',
      reference: {
        activityId: `seed-${n}`,
        user: { id: `29:user-${n}`, aadObjectId: recipientId(n) },
        bot: { id: BOT_ID, name: 'Infosäk' },
        conversation: { id: conversationIdOf(n), conversationType: 'personal', tenantId: DEMO_TENANT_ID },
        channelId: 'msteams',
        serviceUrl,
        locale: 'sv-SE',
      },
      updatedAt: new Date().toISOString(),
    });
  }
}

export function broadcast(campaignId: string, count: number, from = 0): OutboundMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `test:${campaignId}:${recipientId(from + i)}`,
    campaignId,
    personId: recipientId(from + i),
    activity: { type: 'message', text: `Hej nummer ${from + i}` },
  }));
}

/** A delivery service that sends through botbuilder's real CloudAdapter (local mode) to `serviceUrl`. */
export function deliveryService(ops: OperationalStore, options: Partial<DeliveryOptions> = {}): DeliveryService {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const logger = createLogger('silent');
  return new DeliveryService(ops, new BotConnectorSender(createBotAdapter(config, logger).proactive, ''), systemClock, logger, {
    backoff: { baseMs: 20, maxMs: 2000 },
    ...options,
  });
}
