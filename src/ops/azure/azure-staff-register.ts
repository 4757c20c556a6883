import type { StaffRegister } from '../operational-store';
import type { AzureTables } from './azure-tables';
import { notYetOnAzure } from './not-yet';

/** The staff register on Azure Table Storage. */
export const azureStaffRegisterTables: readonly string[] = [];

export function azureStaffRegister(tables: AzureTables): StaffRegister {
  void tables;
  return notYetOnAzure<StaffRegister>('staff register');
}
