// The limits every run of learner code gets. One place, so tests and docs agree with the runner.
export const LIMITS = {
  // Cut-off for what a run may print on stdout or stderr; past it the run is stopped.
  outputBytes: 1024 * 1024,
  // How much of captured output a message or the results document shows.
  shownOutputChars: 2000,
  memoryBytes: 1024 * 1024 * 1024,
  fileBytes: 64 * 1024 * 1024,
  // Extra time Node gives a run past the harness's own deadline before killing it from outside.
  killGraceMs: 3000,
};
