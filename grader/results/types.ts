// The results document: one per grading run, described by grader/schemas/results.schema.json.
import type { Json } from '../run/observations.js';
import type { Evidence, Location, Status } from '../engine/types.js';
import type { Isolation } from '../sandbox/isolation.js';

export interface CheckResult {
  id: string;
  task: number;
  title: string;
  status: Status;
  points: number;
  maxPoints: number;
  message?: string;
  expected?: Json;
  actual?: Json;
  location?: Location;
  durationMs: number;
  evidence?: Evidence;
}

export interface ExerciseResult {
  id: string;
  title: string;
  file: string;
  status: Status;
  // False while the learner's file is still the stub as shipped.
  started: boolean;
  // Present (false) only when the course's grading policy leaves this exercise out of the score.
  counts?: boolean;
  points: number;
  maxPoints: number;
  durationMs: number;
  // Set when the whole exercise could not be graded (file missing, syntax error).
  message?: string;
  checks: CheckResult[];
}

// Whether the grader's own files match the committed manifest (grader/integrity). Set by the grade command, not the
// engine.
export interface IntegrityReport {
  // intact: every file matches; modified: some differ, were added or are missing; unchecked: no manifest to compare
  // with.
  status: 'intact' | 'modified' | 'unchecked';
  // Kit-relative paths that differ from the manifest.
  files: string[];
}

// The course's grading policy (grading-policy.json) applied to this run: whether the grade is good enough.
export interface PolicyOutcome {
  // The score the policy asks for; null: no graded check may fail.
  minScore: number | null;
  // The exercises that count toward the score.
  counted: string[];
  passed: boolean;
  // The verdict in words, for the job summary and the workflow's log.
  reason: string;
}

export interface RunResults {
  schemaVersion: 1;
  kit: { name: 'asyncio-lab'; version: string };
  startedAt: string;
  durationMs: number;
  seed: number;
  python: { version: string; implementation: string; executable: string };
  platform: { os: string; arch: string; node: string };
  // How learner code was kept from the grader, and why that level (absent from runs of recorded probes).
  isolation?: Isolation;
  status: Status;
  score: { points: number; maxPoints: number };
  exercises: ExerciseResult[];
  integrity?: IntegrityReport;
  policy?: PolicyOutcome;
}
