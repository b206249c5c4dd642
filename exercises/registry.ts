// The one place the engine learns which exercises exist, in course order. Add a line here to add an exercise.
import type { ExerciseGrader } from '../grader/engine/types.js';

export interface RegistryEntry {
  id: string;
  load: () => Promise<ExerciseGrader>;
}

export const registry: RegistryEntry[] = [
  { id: '01-runners', load: async () => (await import('./01-runners/grader/checks.js')).default },
  { id: '02-coroutines', load: async () => (await import('./02-coroutines/grader/checks.js')).default },
  { id: '03-gather', load: async () => (await import('./03-gather/grader/checks.js')).default },
  { id: '04-threads', load: async () => (await import('./04-threads/grader/checks.js')).default },
  { id: '05-api-calls', load: async () => (await import('./05-api-calls/grader/checks.js')).default },
];
