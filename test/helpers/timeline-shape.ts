// Reads the shape of a text timeline back from what was printed: where each bar starts and ends, and which overlap.

// The bars as drawn: for each call row, the first column holding a bar character and the column after the last.
export function textBars(text: string): { label: string; from: number; to: number }[] {
  return text
    .split('\n')
    .filter((line) => /[█▸]/.test(line))
    .map((line) => ({
      label: line.trim().split(' ')[0] ?? '',
      from: line.search(/[█▸]/),
      to: Math.max(line.lastIndexOf('█'), line.lastIndexOf('▸')) + 1,
    }));
}

// How many pairs of rows have bars sharing at least one column.
export function overlappingPairs(bars: { from: number; to: number }[]): number {
  let pairs = 0;
  for (let i = 0; i < bars.length; i++) {
    for (let j = i + 1; j < bars.length; j++) {
      const [a, b] = [bars[i]!, bars[j]!];
      if (a.from < b.to && b.from < a.to) pairs++;
    }
  }
  return pairs;
}
