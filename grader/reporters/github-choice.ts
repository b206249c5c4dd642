// Whether a run reports to GitHub: `--reporter github`, or by default when GitHub Actions runs the grader.
// Kept apart from github.ts so the choice is made without loading anything of GitHub's.
export function wantsGithub(choice: string | undefined, env: NodeJS.ProcessEnv): boolean {
  if (choice !== undefined) return choice === 'github';
  return env.GITHUB_ACTIONS === 'true';
}
