// "Did you mean": the known name closest to a mistyped one, so `gathr` leads to 03-gather instead of a dead end.

// Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`.
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

// The candidate a typo most likely meant: few edits for its length, or the start of exactly one candidate.
// Each candidate carries the spellings that count for it (an exercise: "03-gather" and "gather").
export function closest<T>(typed: string, candidates: { value: T; names: string[] }[]): T | undefined {
  const wanted = typed.trim().toLowerCase();
  if (wanted.length < 2) return undefined;
  let best: { value: T; distance: number } | undefined;
  let tie = false;
  for (const candidate of candidates) {
    for (const name of candidate.names) {
      const distance = editDistance(wanted, name.toLowerCase());
      // One edit in four letters at most, and never more edits than letters kept.
      const allowed = Math.max(1, Math.floor(name.length / 4));
      if (distance > allowed) continue;
      if (!best || distance < best.distance) {
        best = { value: candidate.value, distance };
        tie = false;
      } else if (distance === best.distance && best.value !== candidate.value) {
        tie = true;
      }
    }
  }
  if (best && !tie) return best.value;
  if (wanted.length >= 3) {
    const starts = candidates.filter((c) => c.names.some((n) => n.toLowerCase().startsWith(wanted)));
    if (starts.length === 1) return starts[0]?.value;
  }
  return undefined;
}
