import type { Clock } from '../clock/clock';
import type { AppConfig } from '../config/config';
import { InstallBeforeSend } from '../delivery/install-before-send';
import { installAppFor, installedChatOf } from '../directory/app-installation';
import { appGraphClient } from '../graph/app-graph-client';
import type { Logger } from '../logging/logger';
import type { OperationalStore } from '../ops/operational-store';

/**
 * The installation step of the delivery, when it can be on: APP_INSTALL not turned off, a Graph
 * identity, and the app's id in the catalog. Otherwise undefined, and a person without a chat is
 * AppNotInstalled at once, as before there was installation. The reason is returned for the log.
 */
export function appInstallerFor(config: AppConfig, ops: OperationalStore, logger: Logger, clock: Clock): { installer?: InstallBeforeSend; why: string } {
  if (!config.appInstall.enabled) return { why: 'avstängd (APP_INSTALL=0)' };
  if (!config.graph) return { why: 'av: ingen Graph-identitet (GRAPH_*)' };
  const appId = config.appInstall.catalogAppId;
  if (!appId) return { why: 'av: appens id saknas (TEAMS_APP_ID eller TEAMS_CATALOG_APP_ID)' };
  const client = appGraphClient(config.graph);

  /**
   * The chat of someone who has the app already, found through Graph and kept as their personal
   * chat: its conversation reference is the bot's last one with this chat's id (Company
   * Communicator does the same), since a tenant's chats share the service URL and the bot's account.
   */
  const openKnownChat = async (personId: string): Promise<boolean> => {
    const [chatId, template] = await Promise.all([
      installedChatOf(client, personId, appId).catch((err: unknown) => {
        logger.warn({ err: (err as Error).message }, 'chatten för en installerad app kunde inte läsas från Graph');
        return undefined;
      }),
      ops.conversations.latest(),
    ]);
    if (!chatId || !template) return false;
    const conversation = { id: chatId, conversationType: 'personal', tenantId: template.tenantId };
    await ops.conversations.remember({
      conversationId: chatId,
      personId,
      tenantId: template.tenantId,
      serviceUrl: template.serviceUrl,
      conversationType: 'personal',
      reference: { channelId: 'msteams', serviceUrl: template.serviceUrl, conversation, bot: template.reference.bot, user: { aadObjectId: personId } },
      updatedAt: clock.now().toISOString(),
    });
    return true;
  };

  const installer = new InstallBeforeSend(ops.installations, ops.outbox, {
    install: (personId) => installAppFor(client, personId, appId),
    openKnownChat,
    perSecond: config.appInstall.perSecond,
    onSetupProblem: (detail) => logger.error({ detail }, 'installationen av appen stoppad: inställningen hindrar varje installation'),
  });
  return { installer, why: `på, högst ${config.appInstall.perSecond} i sekunden` };
}
