// CPU time of this process and of the processes that ran learner code for it (user + system, in seconds).
import { sandboxCpu } from '../grader/run/zygote-backend.js';

export function treeCpuSeconds(): number {
  const own = process.cpuUsage();
  return (own.user + own.system) / 1e6 + sandboxCpu.seconds;
}
