/**
 * Which instance runs the work only one may do at a time: the sender (the tenant's rate limit is
 * one budget for all instances), the durable tasks and the scheduled jobs. With SQLite there is one
 * instance and it always leads; with Azure Table Storage the instances take turns by a blob lease.
 */
export interface Leadership {
  /** Begins: `lead` when this instance becomes the leader, `follow` when it stops being it. */
  start(handlers: { lead: () => Promise<void>; follow: () => Promise<void> }): void;
  /** Stops leading (handing the lease back at once, so another takes over without waiting for it to run out). */
  stop(): Promise<void>;
  isLeading(): boolean;
}
