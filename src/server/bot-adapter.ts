import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { CertificateServiceClientCredentialsFactory } from 'botframework-connector';
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
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
 * botbuilder's CloudAdapter, authenticated as configured: SingleTenant with a secret or a
 * certificate, UserAssignedMSI (the App Service's managed identity, no secret at all), or
 * MultiTenant for old registrations. With no MicrosoftAppId (local mode) botbuilder accepts
 * unauthenticated Bot Framework traffic; with one set, every request must carry a valid token.
 */
export function createBotAdapter(config: AppConfig, logger: Logger): CloudAdapter {
  const settings = {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppTenantId: config.bot.tenantId,
    MicrosoftAppType: config.bot.appType || (config.bot.appId ? 'SingleTenant' : ''),
    // Where the Bot Connector's signing keys are published; set only for a national cloud (or a local stand-in).
    ...(config.bot.openIdMetadataUrl
      ? { ToBotFromChannelOpenIdMetadataUrl: config.bot.openIdMetadataUrl, ToBotFromEmulatorOpenIdMetadataUrl: config.bot.openIdMetadataUrl }
      : {}),
  };
  const withCertificate = config.bot.certificatePath && config.bot.appType !== 'UserAssignedMSI';
  const auth = withCertificate ? new ConfigurationBotFrameworkAuthentication(settings, certificateCredentials(config)) : new ConfigurationBotFrameworkAuthentication(settings);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: { name: error.name, message: error.message, stack: error.stack }, activityType: context.activity.type }, 'fel i botten');
    if (context.activity.type === 'message') {
      await context.sendActivity(t(config.defaultLocale, 'error.generic')).catch(() => undefined);
    }
  };
  return adapter;
}
