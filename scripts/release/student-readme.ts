// The README of the student edition: written for the learner who clones it (set-up, the course, grading, where
// solutions come from), with none of the kit's teacher and maintainer sections.
import type { Exercise } from '../../grader/engine/course.js';
import { maxPointsOf } from '../../grader/results/assemble.js';

export function renderStudentReadme(course: Exercise[]): string {
  const first = course[0]?.meta;
  const number = first?.id.split('-')[0] ?? '01';
  const rows = course.map(
    (e) =>
      `| \`exercises/${e.meta.id}\` | ${e.meta.title} | ${maxPointsOf(e.meta)}${e.counts ? '' : ' (not counted)'} |`,
  );
  return `# asyncio-lab

Learn Python's asyncio by doing: ${course.length} short exercises, each a Python file with \`TODO\`s, graded under real
CPython by a grader that checks not only your results but that your code really ran concurrently, with the evidence
to show it.

## Set up

You need Node.js 22 or 24 (a current LTS; 20.19 or newer also works) and CPython 3.10 or newer (standard library
only: nothing to \`pip install\`, ever).

\`\`\`sh
npm install        # once: installs the grader and builds it
npm run grade      # grade every exercise
\`\`\`

## The course

| exercise | what it is about | points |
| --- | --- | ---: |
${rows.join('\n')}

Each folder has a lesson (\`README.md\`), the file you edit, and hints. Work through them in order: read the lesson,
open the Python file, replace the \`TODO\`s, grade.

## Grading

\`\`\`sh
npm run grade                     # every exercise, in order
npm run grade -- ${number}               # one exercise (also by name, or folder)
npm run watch                     # grade on every save, moving on as exercises pass
npm run grade -- list             # each exercise's status and points, and a progress bar
npm run grade -- hint ${number}          # the next hint for the first failing task
npm run grade -- reset ${number}         # your file back as shipped (yours is kept as a backup next to it)
npm run grade -- --html report.html  # the whole run as one page, with the timelines
npm run grade -- ${number} --file my.py  # grade another file as exercise ${number}'s
npm run grade -- --python /usr/bin/python3.12
\`\`\`

An exercise you have not touched yet shows as "not started": it is not a failure. For the others you see, for every
check, a mark (\`✓\` pass, \`✗\` fail, \`!\` could not run), the points, and for a failure what happened, where
(\`file:line\`) and what to try. Your latest grade of each exercise is kept in \`.asyncio-lab/results.json\`.

Exit codes: \`0\` no graded check fails (exercises not started yet do not count against you); \`1\` a check fails or
could not run; \`2\` a problem with the command or the set-up; \`3\` a bug in the grader.

## On GitHub

Every push is graded again by \`.github/workflows/grade.yml\`: the run's summary shows each exercise and check, your
lines get annotations where a check failed, and the run is green or red by your course's grading policy. While you
have started nothing, it is green and says so.

## Solutions

This edition of the kit has no reference solutions: \`npm run grade -- solution ${number}\` says so. Your teacher has
them and decides when and how to share them. Once your own file passes every check, it is a solution too: there
are many right answers.

## The grader's files

The grader's own files are checksummed in \`grader-manifest.json\`. If they change, grading still works, but every
result says that the grader was changed, and your teacher grades with their own copy anyway. Edit only the exercise
files.
`;
}
