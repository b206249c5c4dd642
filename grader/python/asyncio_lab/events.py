"""asyncio's own signals, caught as they happen: never-awaited coroutines, loop errors, asyncio.run calls, exits."""

import asyncio
import inspect
import os
import sys
import threading
import warnings

from asyncio_lab.learner import encode_exception, encode_value, safe_repr, safe_str


class Phase:
    """Which step is running, so that a record says when in the probe something happened."""

    current = "start"


class Events:
    def __init__(self, learner):
        self.learner = learner
        self.never_awaited = []
        self.loop_errors = []
        self.asyncio_runs = []

    def drain(self):
        drained = {
            "neverAwaited": self.never_awaited,
            "loopErrors": self.loop_errors,
            "asyncioRuns": self.asyncio_runs,
        }
        self.never_awaited, self.loop_errors, self.asyncio_runs = [], [], []
        return drained


def install(learner, events, channel, real_exit):
    sys.set_coroutine_origin_tracking_depth(32)

    def unawaited(coro):
        events.never_awaited.append({"name": getattr(coro, "__qualname__", "?"), "origin": learner.origin(coro)})

    # CPython's private hook for "coroutine ... was never awaited", which its stubs do not declare.
    setattr(warnings, "_warn_unawaited_coroutine", unawaited)

    base_events = sys.modules["asyncio.base_events"]

    def exception_handler(loop, context):
        task = context.get("task") or context.get("future")
        coro = task.get_coro() if isinstance(task, asyncio.Task) else None
        exc = context.get("exception")
        events.loop_errors.append(
            {
                "message": safe_str(context.get("message", ""))[:500],
                "coroutine": getattr(coro, "__qualname__", None),
                "origin": learner.origin(coro) if coro is not None else None,
                "exception": encode_exception(learner, exc) if isinstance(exc, BaseException) else None,
            }
        )

    base_events.BaseEventLoop.default_exception_handler = exception_handler

    def recorded(argument, start, via=None):
        """Runs `start()` (an asyncio.run or a Runner.run) and records the call, what it was given and its result."""
        try:
            asyncio.get_running_loop()
            nested = True
        except RuntimeError:
            nested = False
        record = {"line": learner.caller(), "nested": nested, "phase": Phase.current, "given": describe_run_argument(argument)}
        # The learner's outermost line on the stack: at import, the top-level line that led to this call.
        record["top"] = learner.outermost_frame(sys._getframe(1))
        if via is not None:
            record["via"] = via
        events.asyncio_runs.append(record)
        result = start()
        record["result"] = encode_value(result)
        return result

    real_run = asyncio.run

    def run(main, *args, **kwargs):
        return recorded(main, lambda: real_run(main, *args, **kwargs))

    setattr(run, "__wrapped__", real_run)  # inspect.unwrap(asyncio.run) still finds the real one
    asyncio.run = run

    # asyncio.Runner (Python 3.11+) is asyncio.run's own machinery, and a learner may use it the same way:
    # record a Runner.run that learner code calls directly (asyncio.run's internal one is already recorded).
    runner_class = getattr(asyncio, "Runner", None)
    if runner_class is not None:
        real_runner_run = runner_class.run

        def runner_run(self, coro, *args, **kwargs):
            if not learner.owns(sys._getframe(1).f_code.co_filename):
                return real_runner_run(self, coro, *args, **kwargs)
            return recorded(coro, lambda: real_runner_run(self, coro, *args, **kwargs), via="Runner")

        runner_class.run = runner_run

    def hard_exit(code):
        channel.send({"kind": "hardExit", "code": safe_repr(code), "line": learner.caller(), "phase": Phase.current})
        real_exit(code)

    os._exit = hard_exit

    real_start = threading.Thread.start

    def start(self, *args, **kwargs):
        # Note where learner code started each thread, to name it if the thread outlives the call.
        try:
            self._asyncio_lab_origin = learner.caller()
        except Exception:
            pass
        return real_start(self, *args, **kwargs)

    threading.Thread.start = start


def describe_run_argument(value):
    """What asyncio.run was handed: a coroutine's name and arguments (read before it starts), or the value.

    Lets a message say "your guard ran main('hello', 1)" or "asyncio.run was given a str, not a coroutine".
    """
    if not inspect.iscoroutine(value):
        return {"value": encode_value(value)}
    try:
        arguments = list(inspect.getcoroutinelocals(value).items())[:10]
    except Exception:  # a coroutine-like object without frame locals
        arguments = []
    return {"name": getattr(value, "__qualname__", "?"), "args": {name: encode_value(item) for name, item in arguments}}
