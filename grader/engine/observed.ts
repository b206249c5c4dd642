// A judge's view of one probe run, with helpers that stop a judgement with the right verdict when a call went wrong.
import * as say from '../messages.js';
import type { CallRecord, EncodedValue, ImportRecord, LearnerFrame, ScriptRecord } from '../run/observations.js';
import type { ProbeRun } from '../run/run-probe.js';
import { error, fail, Stop } from './define.js';
import type { Location } from './types.js';

export type CompletedCall = CallRecord & { result: EncodedValue; seconds: number };

export class Observed {
  constructor(
    readonly run: ProbeRun,
    // The learner's file as the learner should read it (relative path).
    readonly file: string,
  ) {}

  get import(): ImportRecord {
    const record = this.run.observations.find((o): o is ImportRecord => o.kind === 'import');
    if (!record) throw new Stop(error(say.harnessDidNotStart(this.run.stderr.text)));
    return record;
  }

  // A call's record, failing the check if the function is missing or ended the program.
  call(id: string): CallRecord {
    const record = this.run.observations.find((o): o is CallRecord => o.kind === 'call' && o.id === id);
    if (!record) throw new Stop(error(say.harnessDidNotStart(this.run.stderr.text)));
    // A missing function has no line of its own: the annotation goes on the file's first line.
    if (record.missing)
      throw new Stop(
        fail(say.missingFunction(record.function, record.found), { location: { file: this.file, line: 1 } }),
      );
    const exc = record.exception;
    if (exc?.type === 'SystemExit')
      throw new Stop(error(say.sysExit(this.file, exc.frames.at(-1)), this.locate(exc.frames.at(-1))));
    if (exc?.type === 'MemoryError')
      throw new Stop(error(say.outOfMemory(this.file, exc.frames.at(-1)), this.locate(exc.frames.at(-1))));
    if (exc?.type === 'KeyboardInterrupt')
      throw new Stop(error(say.raised(this.file, record.function, exc), this.locate(exc.frames.at(-1))));
    return record;
  }

  // A call that returned normally; an exception fails the check with the learner's line.
  completed(id: string): CompletedCall {
    const record = this.call(id);
    if (record.exception) {
      const frame = record.exception.frames.at(-1);
      throw new Stop(fail(say.raised(this.file, record.function, record.exception), this.locateIn(record, frame)));
    }
    if (!record.result || record.seconds === undefined)
      throw new Stop(error(say.harnessDidNotStart(this.run.stderr.text)));
    return record as CompletedCall;
  }

  script(): ScriptRecord {
    const record = this.run.observations.find((o): o is ScriptRecord => o.kind === 'script');
    if (!record) throw new Stop(error(say.harnessDidNotStart(this.run.stderr.text)));
    return record;
  }

  location(frame: LearnerFrame | null | undefined): Location | undefined {
    return frame ? { file: this.file, line: frame.line } : undefined;
  }

  locate(frame: LearnerFrame | null | undefined): { location?: Location } {
    const location = this.location(frame);
    return location ? { location } : {};
  }

  // The learner's line if known, else the `def` line of the function the call ran, so every failure has a line.
  locateIn(call: CallRecord, frame?: { line: number } | null): { location?: Location } {
    const line = frame?.line ?? call.defLine;
    return line ? { location: { file: this.file, line } } : {};
  }
}
