"""asyncio-lab's harness: runs probes against a learner's file and records what happened.

The grader (TypeScript) decides every verdict; this package only observes. Its modules:

- witness: the connection to the grader's witness, which stamps calls, marks and ticks with its own clock
- channel: records on that connection, numbered and signed so that a record the harness did not write shows
- learner: where in the learner's file something happened, and values and exceptions as plain data
- events: asyncio's own signals (never-awaited coroutines, loop errors, asyncio.run calls, hard exits)
- heartbeat: a task that ticks to the witness, and a sampler that names the line a blocked loop was on
- output: learner prints, kept in part and stopped when they flood
- limits: resource limits and the deadline
- steps: the steps of a probe (import, call, script)
- probe: one probe in the current process
- zygote: the warm interpreter that forks a fresh child for each probe, and relays the grader's services

Supported: CPython 3.10 and newer, standard library only.
"""
