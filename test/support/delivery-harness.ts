import { cardAttachment } from '../../bot/cards/card-templates';
import { campaignCard } from '../../bot/cards/learning-cards';
import { BotConnectorSender } from '../../bot/proactive-sender';
import { systemClock } from '../../src/clock/clock';
import { loadConfig } from '../../src/config/config';
import { DEMO_TENANT_ID } from '../../src/demo/demo-organisation';
import { DeliveryService, type DeliveryOptions } from '../../src/delivery/delivery-service';
import type { Campaign } from '../../src/learning/campaign';
import { loadModuleLibrary } from '../../src/learning/module-library';
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

/**
 * A learning campaign's first card to recipients from..from+count-1, built as the app builds it
 * (bot/notifiers/learning-notifier.ts): the module's introduction card from the module library,
 * one activity shared by every recipient.
 */
export function campaignCardBroadcast(campaignId: string, count: number, from = 0, moduleId = 'natfiske'): OutboundMessage[] {
  const library = loadModuleLibrary(loadConfig({ LOG_LEVEL: 'silent' }).learning.dir);
  const module = library.byId(moduleId) ?? library.modules[0];
  if (!module) throw new Error('inga utbildningsmoduler att skicka');
  const campaign: Campaign = {
    campaignId,
    moduleId: module.id,
    audience: 'alla',
    committeeCodes: [],
    startDate: '2026-03-02',
    dueDate: '2026-03-31',
    reminderEveryDays: 7,
    maxReminders: 2,
    createdBy: 'bench',
    createdAt: '2026-03-01T08:00:00Z',
  };
  const activity = { type: 'message', attachments: [cardAttachment(campaignCard('sv', module, campaign, 0))] };
  return Array.from({ length: count }, (_, i) => ({
    key: `learning:${campaignId}:0:${recipientId(from + i)}`,
    campaignId,
    personId: recipientId(from + i),
    activity,
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
