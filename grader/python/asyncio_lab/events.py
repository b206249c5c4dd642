"""asyncio's own signals, caught as they happen: never-awaited coroutines, loop errors, asyncio.run calls, exits."""

import asyncio
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

    warnings._warn_unawaited_coroutine = unawaited

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

    real_run = asyncio.run

    def run(main, *args, **kwargs):
        try:
            asyncio.get_running_loop()
            nested = True
        except RuntimeError:
            nested = False
        record = {"line": learner.caller(), "nested": nested, "phase": Phase.current}
        events.asyncio_runs.append(record)
        result = real_run(main, *args, **kwargs)
        record["result"] = encode_value(result)
        return result

    run.__wrapped__ = real_run
    asyncio.run = run

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
