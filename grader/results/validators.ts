// Schema validation for the results document and exercise metadata. A build generates standalone validators
// (scripts/build-validators.ts) so a grading run does not compile schemas; from the sources they are compiled on first
// use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { GradebookDocument } from '../bulk/gradebook.js';
import { schemasDir } from '../paths.js';
import type { RunResults } from './types.js';

interface ValidateFunction {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string }[] | null;
}

const require = createRequire(import.meta.url);
const cache = new Map<string, ValidateFunction>();

export const SCHEMAS = ['results', 'exercise', 'gradescope', 'policy', 'gradebook'] as const;
export type SchemaName = (typeof SCHEMAS)[number];

function load(name: SchemaName): ValidateFunction {
  const cached = cache.get(name);
  if (cached) return cached;
  let validate: ValidateFunction;
  try {
    validate = require(`./generated/${name}.cjs`) as ValidateFunction;
  } catch {
    validate = compile(name);
  }
  cache.set(name, validate);
  return validate;
}

function compile(name: SchemaName): ValidateFunction {
  const { Ajv } = require('ajv') as typeof import('ajv');
  const ajv = new Ajv({ allErrors: true, strict: true });
  return ajv.compile(readSchema(name)) as ValidateFunction;
}

export function readSchema(name: SchemaName): object {
  return JSON.parse(readFileSync(path.join(schemasDir, `${name}.schema.json`), 'utf8')) as object;
}

// Null when valid, else one line naming each problem.
export function problems(name: SchemaName, data: unknown): string | null {
  const validate = load(name);
  if (validate(data)) return null;
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`).join('; ');
}

export const validateResults = (data: unknown): string | null => problems('results', data);
export const validateExerciseMeta = (data: unknown): string | null => problems('exercise', data);
export const validateGradescope = (data: unknown): string | null => problems('gradescope', data);
export const validatePolicy = (data: unknown): string | null => problems('policy', data);
export const validateGradebook = (data: unknown): string | null => problems('gradebook', data);

// Documents read back from disk (the learner's last results, a shard's gradebook) are validated, never cast.
export const isRunResults = (data: unknown): data is RunResults => validateResults(data) === null;
export const isGradebook = (data: unknown): data is GradebookDocument => validateGradebook(data) === null;
