// Runs one command module of a (temporary) kit in this process, as main() would once it is wired in:
// node drive-command.mjs KIT_ROOT MODULE FUNCTION JSON_COMMAND
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, module, fn, json] = process.argv.slice(2);
const loaded = await import(pathToFileURL(path.join(root, 'dist', 'grader', 'cli', 'commands', `${module}.js`)).href);
const { EnvironmentError, UsageError } = await import(
  pathToFileURL(path.join(root, 'dist', 'grader', 'errors.js')).href
);
const io = { stdout: process.stdout, stderr: process.stderr, env: process.env };
try {
  const command = JSON.parse(json);
  process.exitCode = fn === 'list' ? await loaded[fn](io) : await loaded[fn](command, io);
} catch (cause) {
  if (cause instanceof UsageError || cause instanceof EnvironmentError) {
    process.stderr.write(`${cause.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`${cause instanceof Error ? cause.stack : String(cause)}\n`);
    process.exitCode = 3;
  }
}
