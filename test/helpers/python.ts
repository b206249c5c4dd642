// The interpreter the kit's own tests grade with: $PYTHON if set, else what the grader would find; or, when a
// test needs one (a Python an unprivileged user can run), that one.
import { findPython, type PythonInfo } from '../../grader/python/find-python.js';

const found = new Map<string, Promise<PythonInfo>>();

export function testPython(executable?: string): Promise<PythonInfo> {
  const key = executable ?? '';
  let python = found.get(key);
  if (!python) {
    python = findPython(executable, process.env);
    found.set(key, python);
  }
  return python;
}
