import type { AppInstallations } from '../operational-store';
import type { AzureTables } from './azure-tables';
import { notYetOnAzure } from './not-yet';

/** The app installations on Azure Table Storage. */
export const azureInstallationsTables: readonly string[] = [];

export function azureInstallations(tables: AzureTables): AppInstallations {
  void tables;
  return notYetOnAzure<AppInstallations>('app installations');
}
