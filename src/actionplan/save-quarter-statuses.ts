import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock/clock';
import { hasRole, type Person } from '../organisation/organisation';
import { checkFreeText } from '../text/free-text';
import type { OperationalStore } from '../ops/operational-store';
import { dropTrail, promiseTrail, writeTrail, type ChangeTrail } from '../store/change-trail';
import { changedFields } from '../store/record-audit';
import type { Store } from '../store/store';
import { ConcurrencyConflictError } from '../store/store-errors';
import { ACTIVITY_STATUSES, type ActivityStatus, type ActivityStatusValue, type Quarter } from './activity';
import { offeredStatus } from './offered-status';
import { quarterActivities } from './quarter-activities';
import { quarterStatusKey } from './quarter-status';

export const COMMENT_MAX = 1000;

export interface StatusInput {
  activityId: string;
  status: string;
  comment: string;
  /** The version the card showed ('' when no status was recorded). */
  seenVersion: string;
}

/** Why one activity's status was not saved: the bot words it with the activity's title. */
export interface StatusProblem {
  title: string;
  code: 'unknownStatus' | 'commentTooLong' | 'commentBadCharacters' | 'commentOnlyInvisible';
}

export interface SaveOutcome {
  saved: string[];
  /** What each saved activity was set to, in the order saved: the bot's summary of the save. */
  changes: { activityId: string; title: string; status: ActivityStatusValue }[];
  conflicts: string[];
  problems: StatusProblem[];
  carriedOver: string[];
}

/** Only the committee's coordinators and the security officer may set its statuses. */
export type SaveRefusal = 'notCoordinator';

/** Who may set a committee's statuses: its coordinators and the security officer. */
export function canSetStatus(person: Person | undefined, committeeCode: string): boolean {
  return Boolean(person && (hasRole(person, 'samordnare', committeeCode) || hasRole(person, 'sakerhetsansvarig')));
}

const nextYearId = (activityId: string, year: number) => `${year + 1}-${activityId.replace(/^\d{4}-/, '')}`;

/**
 * Saves the statuses a coordinator set on the quarter's card. Each status is written against the
 * version the card showed: if someone saved in between, that activity is left as they set it and
 * named as a conflict. "Flyttas till nästa år" puts the activity into next year's plan for the committee.
 */
type WriteResult = { title: string; conflict: true } | { activityId: string; title: string; status: ActivityStatusValue; carriedOver?: true };

export async function saveQuarterStatuses(
  deps: { store: Store; ops: OperationalStore; clock: Clock },
  actor: { personId: string; person: Person | undefined },
  target: { year: number; quarter: Quarter; committeeCode: string },
  inputs: StatusInput[],
): Promise<SaveOutcome | { refused: SaveRefusal }> {
  if (!canSetStatus(actor.person, target.committeeCode)) return { refused: 'notCoordinator' };
  const { store } = deps;
  const now = deps.clock.now().toISOString();
  const outcome: SaveOutcome = { saved: [], changes: [], conflicts: [], problems: [], carriedOver: [] };
  const current = await quarterActivities(store, target.year, target.quarter, target.committeeCode);
  // Checked one by one, in the card's order; the writes, each to its own row, then go together.
  const writes: (() => Promise<WriteResult>)[] = [];
  for (const input of inputs) {
    const qa = current.find((a) => a.activity.activityId === input.activityId);
    if (!qa) continue;
    const title = qa.activity.title;
    // The card offers four statuses, but imports and older cards use all seven stored words: only a word outside them is refused.
    if (!(ACTIVITY_STATUSES as readonly string[]).includes(input.status)) {
      outcome.problems.push({ title, code: 'unknownStatus' });
      continue;
    }
    const comment = input.comment.trim();
    if (comment.length > COMMENT_MAX) {
      outcome.problems.push({ title, code: 'commentTooLong' });
      continue;
    }
    const textProblem = checkFreeText(comment);
    if (textProblem) {
      outcome.problems.push({ title, code: textProblem.code === 'badCharacters' ? 'commentBadCharacters' : 'commentOnlyInvisible' });
      continue;
    }
    const status = input.status as ActivityStatusValue;
    // The quarter starts from the previous quarter's status: saving it unchanged records nothing new.
    // An older word (Delvis påbörjad…) shows as its offered status in the picker; left as shown, it stays as stored.
    const shown = qa.status ?? qa.previous;
    const sameStatus = shown !== undefined && (shown.value.status === status || offeredStatus(shown.value.status) === status);
    const unchanged = sameStatus && (comment === '' || comment === shown.value.comment);
    if (unchanged || (!shown && status === 'Ej påbörjad' && comment === '')) continue;
    if ((qa.status?.etag ?? '') !== input.seenVersion) {
      outcome.conflicts.push(title);
      continue;
    }
    // This quarter's own row: an earlier quarter's is never rewritten by a later save.
    const value: ActivityStatus = {
      year: target.year,
      activityId: input.activityId,
      committeeCode: target.committeeCode,
      quarter: target.quarter,
      status,
      // A blank comment keeps this quarter's own comment; an earlier quarter's is not copied into this one.
      comment: comment || (qa.status?.value.comment ?? ''),
      setBy: actor.personId,
      setAt: now,
    };
    const statusKey = quarterStatusKey(input.activityId, target.committeeCode, target.quarter);
    const trail: ChangeTrail = {
      id: randomUUID(),
      record: qa.status ? { list: 'activityStatuses', id: qa.status.id, seenEtag: qa.status.etag } : { list: 'activityStatuses', key: statusKey },
      patch: { quarter: target.quarter, status, comment: value.comment, setBy: actor.personId, setAt: now },
      audit: {
        key: `${statusKey}:${now}`,
        entry: {
          at: now,
          actorId: actor.personId,
          recordKind: 'activityStatus',
          recordKey: `${input.activityId}:${target.committeeCode}`,
          action: `status kvartal ${target.quarter} ${status}`,
          ...changedFields(shown?.value ?? {}, { status, comment: value.comment }),
        },
      },
    };
    writes.push(async (): Promise<WriteResult> => {
      await promiseTrail(deps.ops, trail, deps.clock.now());
      try {
        if (qa.status) await store.activityStatuses.update(qa.status.id, qa.status.etag, value);
        else if (!(await store.activityStatuses.create(statusKey, value)).created) throw new ConcurrencyConflictError('status', input.activityId);
      } catch (err) {
        if (err instanceof ConcurrencyConflictError) {
          await dropTrail(deps.ops, trail);
          return { title, conflict: true };
        }
        throw err;
      }
      await writeTrail(store, deps.ops, trail);
      if (status !== 'Flyttas till nästa år') return { activityId: input.activityId, title, status };
      const nextId = nextYearId(input.activityId, target.year);
      const { item, created } = await store.activities.create(`activity:${nextId}`, { ...qa.activity, year: target.year + 1, activityId: nextId, committees: [target.committeeCode] });
      const committees = item.value.committees;
      if (!created && !committees.includes('*') && !committees.includes(target.committeeCode)) {
        await store.activities.update(item.id, item.etag, { committees: [...committees, target.committeeCode] });
      }
      return { activityId: input.activityId, title, status, carriedOver: true };
    });
  }
  // Every write is waited for; then a failed one fails the save as before (those that landed have their trails).
  const settled = await Promise.allSettled(writes.map((write) => write()));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  for (const result of settled.map((r) => (r as PromiseFulfilledResult<WriteResult>).value)) {
    if ('conflict' in result) {
      outcome.conflicts.push(result.title);
      continue;
    }
    outcome.saved.push(result.title);
    outcome.changes.push({ activityId: result.activityId, title: result.title, status: result.status });
    if (result.carriedOver) outcome.carriedOver.push(result.title);
  }
  return outcome;
}
