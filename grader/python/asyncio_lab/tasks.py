"""Which tasks learner code started during a call, whether anything waited for them, and who cancelled them."""

import asyncio
import sys


class TaskLedger:
    """The tasks learner code starts during a call, and whether anything awaited them.

    Per task: where learner code created it, whether it was still pending, whether something waited for it
    (`await task`, and gather, wait, as_completed, wait_for and TaskGroup, which add a done callback or read
    the outcome), and the learner line of a cancel() the learner's own code called. Learner code reading
    task.result() itself is not waiting: a task that finished while the caller slept or polled done() was
    not awaited. In-process evidence: it adds detail to a message or makes a verdict stricter, and never
    passes one.
    """

    def __init__(self, learner):
        self.learner = learner
        self.entries = []

    def factory(self, loop, coro, **kwargs):
        task = _LedgerTask(coro, loop=loop, **kwargs)
        created = self.learner.innermost_frame(sys._getframe(1))
        if created is not None:
            entry = {
                "name": getattr(coro, "__qualname__", "?"),
                "origin": self.learner.origin(coro),
                "created": created,
                "awaited": False,
                "cancelledAt": None,
            }
            task._asyncio_lab_entry = (self.learner, entry)
            self.entries.append((task, entry))
        return task

    def report(self):
        tasks = [
            dict(entry, state="pending" if not task.done() else "cancelled" if task.cancelled() else "done")
            for task, entry in self.entries[:50]
        ]
        self.entries = []
        return tasks


class _LedgerTask(asyncio.Task):
    """An asyncio.Task that tells the ledger when something waits for it, and who cancelled it."""

    _asyncio_lab_entry: "tuple | None" = None  # (learner, ledger entry) once the ledger knows the task

    def _awaited(self):
        noted = getattr(self, "_asyncio_lab_entry", None)
        if noted is not None:
            noted[1]["awaited"] = True

    def __await__(self):
        self._awaited()
        return super().__await__()

    __iter__ = __await__

    def add_done_callback(self, *args, **kwargs):
        self._awaited()
        return super().add_done_callback(*args, **kwargs)

    # gather (Python 3.12+) reads a task that is already done instead of adding a callback: asyncio reading the
    # outcome counts as waiting, learner code calling task.result() itself does not.
    def result(self):
        self._read_by(sys._getframe(1))
        return super().result()

    def exception(self):
        self._read_by(sys._getframe(1))
        return super().exception()

    def _read_by(self, caller):
        noted = getattr(self, "_asyncio_lab_entry", None)
        if noted is not None and not noted[0].owns(caller.f_code.co_filename):
            noted[1]["awaited"] = True

    def cancel(self, *args, **kwargs):
        noted = getattr(self, "_asyncio_lab_entry", None)
        if noted is not None and noted[1]["cancelledAt"] is None:
            learner, caller = noted[0], sys._getframe(1)
            if learner.owns(caller.f_code.co_filename):
                noted[1]["cancelledAt"] = learner.frame_info(caller.f_code.co_filename, caller.f_lineno, caller.f_code.co_name)
        return super().cancel(*args, **kwargs)


# Reprs and type names read as asyncio's own ("<Task pending ...>").
_LedgerTask.__name__ = _LedgerTask.__qualname__ = "Task"
