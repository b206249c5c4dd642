// Generates standalone validators for the JSON Schemas into dist/, so grading never compiles a schema at run time.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { readSchema, SCHEMAS } from '../grader/results/validators.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// This file runs from dist/scripts; the validators belong beside dist/grader/results/validators.js.
const out = path.join(here, '..', 'grader', 'results', 'generated');
mkdirSync(out, { recursive: true });
for (const name of SCHEMAS) {
  const ajv = new Ajv({ allErrors: true, strict: true, code: { source: true } });
  const validate = ajv.compile(readSchema(name));
  writeFileSync(path.join(out, `${name}.cjs`), standaloneCode.default(ajv, validate));
}
