import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, CertificateServiceClientCredentialsFactory, type ConnectorClientOptions } from 'botframework-connector';
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { singleAttemptConnectorOptions } from '../../bot/proactive-sender';
import type { AppConfig } from '../config/config';
import { t } from '../i18n/texts';
import type { Logger } from '../logging/logger';

/**
 * A certificate instead of a secret: the PEM file holds the certificate and its private key. The
 * public certificate is sent along (x5c), so a renewed certificate from the same issuer keeps
 * working without changing the app registration (subject name and issuer authentication).
 */
function certificateCredentials(config: AppConfig): CertificateServiceClientCredentialsFactory {
  const pem = readFileSync(config.bot.certificatePath, 'utf8');
  const certificate = new X509Certificate(pem);
  const thumbprint = certificate.fingerprint.replace(/:/g, '');
  const publicPem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0] ?? '';
  return new CertificateServiceClientCredentialsFactory(config.bot.appId, thumbprint, pem, config.bot.tenantId || undefined, publicPem);
}

/**
 * Where the Bot Connector's signing keys are published, and the rest of the channel's settings
 * with it. As soon as one of these is given, botbuilder takes all of them as given (its
 * BotFrameworkAuthenticationFactory) and leaves the others undefined — the allowed token issuer
 * too, which refuses every token. So an overridden metadata address comes with the public cloud's
 * values for everything else, and the issuer from BOT_TOKEN_ISSUER.
 */
function channelSettings(config: AppConfig): Record<string, string | boolean> {
  if (!config.bot.openIdMetadataUrl) return {};
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: config.bot.tokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: config.bot.openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/** A CloudAdapter, plus the one that sends proactive messages (BotConnectorSender). */
export type BotAdapter = CloudAdapter & {
  /**
   * Authenticated the same way, but its connector clients make one HTTP request per send and
   * never retry on their own (singleAttemptConnectorOptions), so that the delivery service alone
   * decides about retries. Replies within a turn go through the adapter itself, with the SDK's retries.
   */
  readonly proactive: CloudAdapter;
};

/**
 * botbuilder's CloudAdapter, authenticated as configured: SingleTenant with a secret or a
 * certificate, UserAssignedMSI (the App Service's managed identity, no secret at all), or
 * MultiTenant for old registrations. With no MicrosoftAppId (local mode) botbuilder accepts
 * unauthenticated Bot Framework traffic; with one set, every request must carry a valid token.
 */
export function createBotAdapter(config: AppConfig, logger: Logger): BotAdapter {
  const adapter = cloudAdapter(config, logger);
  return Object.assign(adapter, { proactive: cloudAdapter(config, logger, singleAttemptConnectorOptions()) });
}

function cloudAdapter(config: AppConfig, logger: Logger, connectorClientOptions?: ConnectorClientOptions): CloudAdapter {
  const settings = {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppTenantId: config.bot.tenantId,
    MicrosoftAppType: config.bot.appType || (config.bot.appId ? 'SingleTenant' : ''),
    ...channelSettings(config),
  };
  const withCertificate = config.bot.certificatePath && config.bot.appType !== 'UserAssignedMSI';
  const credentials = withCertificate ? certificateCredentials(config) : undefined;
  // ConnectorClientOptions are ConfigurationBotFrameworkAuthentication's fifth argument; the third and fourth keep their defaults.
  const auth = new ConfigurationBotFrameworkAuthentication(settings, credentials, undefined, undefined, connectorClientOptions);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: { name: error.name, message: error.message, stack: error.stack }, activityType: context.activity.type }, 'fel i botten');
    if (context.activity.type === 'message') {
      await context.sendActivity(t(config.defaultLocale, 'error.generic')).catch(() => undefined);
    }
  };
  return adapter;
}
