// What an exercise's grader uses to declare its probes and checks, keeping types from plan to judge.
import type { Json } from '../run/observations.js';
import type { CheckImpl, Evidence, ExerciseGrader, Location, Probe, ProbePlan, Verdict } from './types.js';
import type { Observed } from './observed.js';
import type { Random } from '../random.js';
import type { WitnessScope } from '../witness/types.js';

export function probe<E, F = undefined>(
  name: string,
  plan: (rng: Random, fixture: F, scope: WitnessScope) => ProbePlan<E>,
): Probe<E> {
  return { name, plan: (rng, fixture, scope) => plan(rng, fixture as F, scope) };
}

export function check<E>(on: Probe<E>, judge: (run: Observed, expect: E) => Verdict): CheckImpl {
  return { probe: on, judge: (run, expect) => judge(run, expect as E) };
}

export function defineExercise(grader: ExerciseGrader): ExerciseGrader {
  return grader;
}

export interface VerdictDetails {
  expected?: Json;
  actual?: Json;
  location?: Location;
  evidence?: Evidence;
}

export function pass(evidence?: Evidence): Verdict {
  return evidence ? { status: 'pass', evidence } : { status: 'pass' };
}

export function fail(message: string, details: VerdictDetails = {}): Verdict {
  return { status: 'fail', message, ...details };
}

export function error(message: string, details: VerdictDetails = {}): Verdict {
  return { status: 'error', message, ...details };
}

// Thrown by the judge's helpers to end a judgement early with a verdict.
export class Stop extends Error {
  constructor(readonly verdict: Verdict) {
    super(verdict.message ?? verdict.status);
  }
}
