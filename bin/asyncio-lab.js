#!/usr/bin/env node
// Starts the compiled grader. `npm install` builds it; `npm run build` rebuilds it after editing the TypeScript.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/grader/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'The grader is not built yet. Run `npm install` (or `npm run build`) in the kit folder, then try again.\n',
  );
  process.exit(2);
}
const { main } = await import(entry.href);
const { stopAllRuns } = await import(new URL('../dist/grader/run/run-probe.js', import.meta.url).href);
// A reader that stops early (`| head`) is not an error: stop quietly, like other command-line tools.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    stopAllRuns();
    process.exit(process.exitCode ?? 0);
  });
}
process.on('SIGINT', () => {
  stopAllRuns();
  process.exit(130);
});
process.exitCode = await main(process.argv.slice(2));
