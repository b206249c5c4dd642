// Start-up stays fast: @actions/core is loaded only by the GitHub reporter, and that only when a run reports to GitHub.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kitRoot } from '../../grader/paths.js';

const sources = readdirSync(path.join(kitRoot, 'grader'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({
    file: `grader/${file.split(path.sep).join('/')}`,
    text: readFileSync(path.join(kitRoot, 'grader', file), 'utf8'),
  }));

describe('loading @actions/core', () => {
  it('happens only in the GitHub reporter, and only through a dynamic import', () => {
    const users = sources.filter((s) => /['"]@actions\/core['"]/.test(s.text)).map((s) => s.file);
    expect(users).toEqual(['grader/reporters/github.ts']);
    const github = sources.find((s) => s.file === 'grader/reporters/github.ts')?.text ?? '';
    expect(github).not.toMatch(/^import .*@actions\/core/m);
    expect(github).toContain("await import('@actions/core')");
  });

  it('the GitHub reporter itself is imported only dynamically', () => {
    const staticImports = sources.filter(
      (s) => /^import [^;]*reporters\/github\.js'/m.test(s.text) || /^import [^;]*'\.\/github\.js'/m.test(s.text),
    );
    expect(staticImports.map((s) => s.file)).toEqual([]);
    expect(sources.some((s) => s.text.includes("import('../../reporters/github.js')"))).toBe(true);
  });
});
