// "Did you mean": the closest name for a typo, and nothing when no name is close or two are equally close.
import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../grader/did-you-mean.js';

const EXERCISES = ['01-runners', '02-coroutines', '03-gather', '04-threads'].map((id) => ({
  value: id,
  names: [id, id.slice(3)],
}));

describe('did you mean', () => {
  it('counts a swap of two neighbours as one edit', () => {
    expect(editDistance('gahter', 'gather')).toBe(1);
    expect(editDistance('gathr', 'gather')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it.each([
    ['gathr', '03-gather'],
    ['GATHER ', '03-gather'],
    ['corutines', '02-coroutines'],
    ['thread', '04-threads'],
    ['03-gathr', '03-gather'],
    ['run', '01-runners'],
  ])('"%s" means %s', (typed, meant) => {
    expect(closest(typed, EXERCISES)).toBe(meant);
  });

  it.each(['pizza', 'x', 'async', '0'])('"%s" means nothing', (typed) => {
    expect(closest(typed, EXERCISES)).toBeUndefined();
  });

  it('gives no answer when two names are as close as each other', () => {
    expect(
      closest('ab', [
        { value: 'a', names: ['aa'] },
        { value: 'b', names: ['bb'] },
      ]),
    ).toBeUndefined();
  });
});
