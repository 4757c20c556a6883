import type { OperationalStore } from '../operational-store';
import { azureOutbox, azureOutboxTables } from './azure-outbox';
import { azureLedger, azureLedgerTables } from './azure-ledger';
import { azureCounters, azureCountersTables } from './azure-counters';
import { azureTasks, azureTasksTables } from './azure-tasks';
import { azureLearningAnswers, azureLearningAnswersTables } from './azure-learning-answers';
import { azureConversations, azureConversationsTables } from './azure-conversations';
import { azureJobRuns, azureJobRunsTables } from './azure-job-runs';
import { azureStatusTallies, azureStatusTalliesTables } from './azure-status-tallies';
import { azureStaffRegister, azureStaffRegisterTables } from './azure-staff-register';
import { azureInstallations, azureInstallationsTables } from './azure-installations';
import type { AzureTables } from './azure-tables';

/**
 * The operational store on Azure Table Storage (OPS_STORE=azure): the same contract as SQLite's
 * (test/contract/ops-store-contract.ts), shared by every instance of the app. Each part keeps its
 * own tables; their partition keys are chosen for how the part is read and written (see each file).
 */
export class AzureOperationalStore implements OperationalStore {
  readonly outbox: OperationalStore['outbox'];
  readonly ledger: OperationalStore['ledger'];
  readonly counters: OperationalStore['counters'];
  readonly tasks: OperationalStore['tasks'];
  readonly learningAnswers: OperationalStore['learningAnswers'];
  readonly conversations: OperationalStore['conversations'];
  readonly jobRuns: OperationalStore['jobRuns'];
  readonly tallies: OperationalStore['tallies'];
  readonly staff: OperationalStore['staff'];
  readonly installations: OperationalStore['installations'];

  private constructor(tables: AzureTables) {
    this.outbox = azureOutbox(tables);
    this.ledger = azureLedger(tables);
    this.counters = azureCounters(tables);
    this.tasks = azureTasks(tables);
    this.learningAnswers = azureLearningAnswers(tables);
    this.conversations = azureConversations(tables);
    this.jobRuns = azureJobRuns(tables);
    this.tallies = azureStatusTallies(tables);
    this.staff = azureStaffRegister(tables);
    this.installations = azureInstallations(tables);
  }

  /** Opens the store, creating its tables where they do not exist. */
  static async open(tables: AzureTables): Promise<AzureOperationalStore> {
    await tables.ensure([...new Set([azureOutboxTables, azureLedgerTables, azureCountersTables, azureTasksTables, azureLearningAnswersTables, azureConversationsTables, azureJobRunsTables, azureStatusTalliesTables, azureStaffRegisterTables, azureInstallationsTables].flat())]);
    return new AzureOperationalStore(tables);
  }

  async close(): Promise<void> {
    // The table clients hold no connection of their own to close.
  }
}
