// The interpreter the kit's own tests grade with: $PYTHON if set, else what the grader would find.
import { findPython, type PythonInfo } from '../../grader/python/find-python.js';

let found: Promise<PythonInfo> | undefined;

export function testPython(): Promise<PythonInfo> {
  found ??= findPython(undefined, process.env);
  return found;
}
