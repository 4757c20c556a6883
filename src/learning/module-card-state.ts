import { randomBytes } from 'node:crypto';
import { sameSignature, signParts } from '../text/signature';
import type { LearningModule } from './learning-module';

/**
 * Where a person is in a module. It lives in the card's data, not in server memory, so any
 * instance can answer the next click and a restart loses nothing. It is signed with a server
 * secret and bound to the person, so a card edited by hand, or forwarded to someone else, is
 * refused instead of recording a completion.
 */
export interface ModuleCardState {
  /** Module id and the version the card was made from. */
  m: string;
  v: number;
  /** Position: steps first (0 … steps-1), then one position per quiz question. */
  p: number;
  /** The choice picked for each question answered so far, in order. */
  a: number[];
  /** Attempt id: one completion per attempt, however often the last answer is clicked. */
  n: string;
}

export type StateCheck =
  | { ok: true; state: ModuleCardState; module: LearningModule }
  | { ok: false; reason: 'forged' | 'unknownModule' | 'stale' | 'invalid'; moduleId?: string };

export function newAttemptId(): string {
  return randomBytes(9).toString('base64url');
}

export function signState(secret: string, personId: string, s: ModuleCardState): string {
  return signParts(secret, [personId, s.m, s.v, s.p, s.a, s.n]);
}

function isState(value: unknown): value is ModuleCardState {
  const s = value as ModuleCardState;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.m === 'string' &&
    Number.isInteger(s.v) &&
    Number.isInteger(s.p) &&
    Array.isArray(s.a) &&
    s.a.every((x) => Number.isInteger(x)) &&
    typeof s.n === 'string'
  );
}

/** The quiz question a position shows, or undefined while the person is still on the steps. */
export function questionAt(module: LearningModule, position: number): number | undefined {
  return position >= module.steps.length ? position - module.steps.length : undefined;
}

/** A signed state can still be inconsistent if the module changed; checked against the module as it is now. */
function isConsistent(module: LearningModule, s: ModuleCardState): boolean {
  const last = module.steps.length + module.quiz.length - 1;
  if (s.p < 0 || s.p > last) return false;
  const q = questionAt(module, s.p);
  const answeredUpTo = q === undefined ? 0 : q;
  if (s.a.length !== answeredUpTo && s.a.length !== answeredUpTo + 1) return false;
  if (q === undefined && s.a.length !== 0) return false;
  return s.a.every((choice, i) => choice >= 0 && choice < (module.quiz[i]?.choices.length ?? 0));
}

/** Checks what a card sent back: the signature first (nothing else is trusted before it), then the module and version. */
export function checkState(
  secret: string,
  personId: string,
  data: { state?: unknown; sig?: unknown },
  moduleOf: (id: string) => LearningModule | undefined,
): StateCheck {
  if (!isState(data.state) || typeof data.sig !== 'string') return { ok: false, reason: 'invalid' };
  if (!sameSignature(signState(secret, personId, data.state), data.sig)) return { ok: false, reason: 'forged' };
  const module = moduleOf(data.state.m);
  if (!module) return { ok: false, reason: 'unknownModule', moduleId: data.state.m };
  if (module.version !== data.state.v) return { ok: false, reason: 'stale', moduleId: module.id };
  if (!isConsistent(module, data.state)) return { ok: false, reason: 'invalid', moduleId: module.id };
  return { ok: true, state: data.state, module };
}
