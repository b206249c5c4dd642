// Reads a workflow file as GitHub would run parts of it: the `run:` script of a named step, and the grade command.
// Plain text work on the kit's own simple YAML (block scalars under `run: |`), so tests run the very lines CI runs.
export function stepScript(workflow: string, name: string): string {
  const lines = workflow.replace(/\r\n/g, '\n').split('\n');
  const start = lines.findIndex((line) => line.trim() === `- name: ${name}`);
  if (start === -1) throw new Error(`no step named "${name}"`);
  const stepIndent = (lines[start] ?? '').indexOf('-');
  const runAt = lines.findIndex((line, index) => index > start && /^\s+run: \|\s*$/.test(line));
  if (runAt === -1) throw new Error(`step "${name}" has no run: | block`);
  const runIndent = (lines[runAt] ?? '').indexOf('run');
  const body: string[] = [];
  for (const line of lines.slice(runAt + 1)) {
    const indent = line.length - line.trimStart().length;
    if (line.trim() !== '' && (indent <= runIndent || indent <= stepIndent)) break;
    body.push(line.slice(runIndent + 2));
  }
  return `${body.join('\n').trimEnd()}\n`;
}

// The arguments after `npm run grade --` on the workflow's grading line.
export function gradeArguments(workflow: string): string[] {
  const match = /npm run grade -- (.+)$/m.exec(workflow);
  if (!match?.[1]) throw new Error('no npm run grade line');
  return match[1].trim().split(/\s+/);
}
