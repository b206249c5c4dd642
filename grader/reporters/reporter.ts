// The one shape every output takes (terminal, GitHub Actions, Gradescope), so the engine never learns about any of
// them.
import type { PythonInfo } from '../python/find-python.js';
import type { ExerciseResult, IntegrityReport, RunResults } from '../results/types.js';
import type { Isolation } from '../sandbox/isolation.js';

// What every reporter may show before the first exercise: the kit, the Python, whether the grader was changed.
export interface RunStart {
  kitVersion: string;
  python: PythonInfo;
  integrity: IntegrityReport;
  // How learner code is kept from the grader in this run.
  isolation?: Isolation;
}

// What every reporter gets at the end: the finished results and where the document went.
export interface RunEnd {
  results: RunResults;
  // Where the results document was written (absolute).
  resultsPath: string;
}

// Terminal, GitHub and Gradescope all implement this; the grade command calls each in turn.
export interface Reporter {
  start?(run: RunStart): void;
  // Called as each exercise finishes, for outputs that show progress.
  exercise?(result: ExerciseResult): void;
  finish(run: RunEnd): void | Promise<void>;
}
