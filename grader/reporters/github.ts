// The GitHub Actions reporter: job summary, error annotations on learner lines, and step outputs (score, max-score,
// results-path, and the grading policy's passed and verdict), through @actions/core.
// @actions/core is imported only here, and only when a run reports to GitHub, so local start-up stays fast.
import path from 'node:path';
import * as say from '../messages.js';
import { annotationsFor } from './github-annotations.js';
import { renderJobSummary } from './github-summary.js';
import type { Reporter } from './reporter.js';

// Loads @actions/core now, before any learner code runs (see integrity/run-guard.ts).
export async function preloadCore(): Promise<void> {
  await import('@actions/core');
}

// Reports at the end of the run only: GitHub shows annotations and the summary once the step is over anyway.
export function createGithubReporter(): Reporter {
  return {
    async finish({ results, resultsPath }) {
      const core = await import('@actions/core');
      for (const note of annotationsFor(results)) {
        core.error(note.message, {
          title: note.title,
          file: note.file,
          ...(note.line !== undefined ? { startLine: note.line } : {}),
        });
      }
      try {
        core.setOutput('score', results.score.points);
        core.setOutput('max-score', results.score.maxPoints);
        core.setOutput('results-path', workspacePath(resultsPath));
        // The grading policy's verdict, which the workflow's last step applies (see .github/workflows/grade.yml).
        if (results.policy) {
          core.setOutput('passed', results.policy.passed);
          core.setOutput('verdict', results.policy.reason);
        }
      } catch (cause) {
        core.warning(say.outputsNotWritten(cause instanceof Error ? cause.message : String(cause)));
      }
      try {
        await core.summary.addRaw(renderJobSummary(results)).write();
      } catch (cause) {
        core.warning(say.summaryNotWritten(cause instanceof Error ? cause.message : String(cause)));
      }
    },
  };
}

// A path a later step can use: relative to the workspace when inside it, else absolute.
function workspacePath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative)
    ? relative.split(path.sep).join('/')
    : file;
}
