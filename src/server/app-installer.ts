import type { AppConfig } from '../config/config';
import { InstallBeforeSend } from '../delivery/install-before-send';
import { installAppFor } from '../directory/app-installation';
import { appGraphClient } from '../graph/app-graph-client';
import type { OperationalStore } from '../ops/operational-store';

/**
 * The installation step of the delivery, when it can be on: APP_INSTALL not turned off, a Graph
 * identity, and the app's id in the catalog. Otherwise undefined, and a person without a chat is
 * AppNotInstalled at once, as before there was installation. The reason is returned for the log.
 */
export function appInstallerFor(config: AppConfig, ops: OperationalStore): { installer?: InstallBeforeSend; why: string } {
  if (!config.appInstall.enabled) return { why: 'avstängd (APP_INSTALL=0)' };
  if (!config.graph) return { why: 'av: ingen Graph-identitet (GRAPH_*)' };
  const appId = config.appInstall.catalogAppId;
  if (!appId) return { why: 'av: appens id saknas (TEAMS_APP_ID eller TEAMS_CATALOG_APP_ID)' };
  const client = appGraphClient(config.graph);
  const installer = new InstallBeforeSend(ops.installations, ops.outbox, { install: (personId) => installAppFor(client, personId, appId), perSecond: config.appInstall.perSecond });
  return { installer, why: `på, högst ${config.appInstall.perSecond} i sekunden` };
}
