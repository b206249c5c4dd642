// Validates a document against grader/schemas/gradescope.schema.json, with the validator the reporter itself uses.
export { validateGradescope as gradescopeProblems } from '../../grader/results/validators.js';
