import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { AppConfig } from '../config/config';
import { t } from '../i18n/texts';
import type { Logger } from '../logging/logger';

/**
 * botbuilder's CloudAdapter. With no MicrosoftAppId (local mode) botbuilder accepts unauthenticated
 * Bot Framework traffic; with one set, every request must carry a valid Bot Framework token.
 */
export function createBotAdapter(config: AppConfig, logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppTenantId: config.bot.tenantId,
    MicrosoftAppType: config.bot.appType || (config.bot.appId ? 'SingleTenant' : ''),
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: { name: error.name, message: error.message, stack: error.stack }, activityType: context.activity.type }, 'fel i botten');
    if (context.activity.type === 'message') {
      await context.sendActivity(t(config.defaultLocale, 'error.generic')).catch(() => undefined);
    }
  };
  return adapter;
}
