import { describe, expect, it } from 'vitest';
import { findExercise, loadCourse, parseHints } from '../../grader/engine/course.js';
import { EnvironmentError } from '../../grader/errors.js';
import { childSeed, createRandom } from '../../grader/random.js';

describe('finding an exercise', () => {
  const course = loadCourse();
  it.each(['01', '1', 'runners', '01-runners', ' RUNNERS '])('"%s" names 01-runners', (name) => {
    expect(findExercise(course, name).meta.id).toBe('01-runners');
  });

  it('an unknown name lists the exercises and shows an example', () => {
    expect(() => findExercise(course, 'nope')).toThrow(EnvironmentError);
    expect(() => findExercise(course, 'nope')).toThrow(
      /no exercise called "nope"\. Exercises: 01-runners.*\nExample: npm run grade -- 01/s,
    );
  });
});

describe('hints.md', () => {
  it('reads numbered task sections, list items and their continuation lines', () => {
    const hints = parseHints(
      '# Hints\n\nintro\n\n## 1. First\n\n- nudge\n- closer\n  with more\n\n## 2. Second\r\n* only\n',
    );
    expect(hints.get(1)).toEqual(['nudge', 'closer\nwith more']);
    expect(hints.get(2)).toEqual(['only']);
    expect(hints.has(3)).toBe(false);
  });

  it('keeps the indentation of code inside a hint', () => {
    const hints = parseHints('## 1. Guard\n- ```\n  if __name__ == "__main__":\n      print(1)\n  ```\n');
    expect(hints.get(1)).toEqual(['```\nif __name__ == "__main__":\n    print(1)\n```']);
  });
});

describe('seeded inputs', () => {
  it('replays the same inputs for the same seed, and differs across probes and seeds', () => {
    const draw = (seed: number, name: string): number[] => {
      const rng = createRandom(childSeed(seed, name));
      return [rng.int(0, 1000), rng.int(0, 1000), rng.int(0, 1000)];
    };
    expect(draw(42, '01/coroutine')).toEqual(draw(42, '01/coroutine'));
    expect(draw(42, '01/coroutine')).not.toEqual(draw(42, '01/main'));
    expect(draw(42, '01/coroutine')).not.toEqual(draw(43, '01/coroutine'));
  });

  it('keeps ints within bounds and shuffles without losing items', () => {
    const rng = createRandom(1);
    for (let i = 0; i < 200; i++) {
      const n = rng.int(3, 5);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
    }
    expect(rng.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
