import type { Client } from '@microsoft/microsoft-graph-client';
import { createGraphClient } from './graph-client';
import type { GraphSettings } from './graph-settings';
import { MsalTokenProvider } from './msal-token-provider';

/** A Graph client acting as the app itself (no user): the lists, Entra ID's people and the app's installations all go through one. */
export function appGraphClient(settings: GraphSettings, sdkRetryDelaySeconds?: number): Client {
  const tokens = new MsalTokenProvider(settings);
  return createGraphClient({
    baseUrl: settings.graphBaseUrl,
    accessToken: () => tokens.accessToken(),
    ...(sdkRetryDelaySeconds !== undefined ? { retryDelaySeconds: sdkRetryDelaySeconds } : {}),
  });
}
