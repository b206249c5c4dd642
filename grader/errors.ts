// An error the learner can fix in their set-up (no Python, unknown exercise): exit code 2, no stack trace.
export class EnvironmentError extends Error {
  override name = 'EnvironmentError';
}

// A mistake in how the command was called: exit code 2, with an example of a correct call.
export class UsageError extends Error {
  override name = 'UsageError';
}
