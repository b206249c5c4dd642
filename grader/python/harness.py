"""asyncio-lab harness: runs one probe against a learner's file and records what happened.

The grader (TypeScript) writes a probe spec, starts this script under the learner's
CPython, and reads the observations back from a private channel file. This side only
observes: it never decides whether anything passed.

Usage: python -I -S -B -u -X utf8 harness.py SPEC.json CHANNEL.jsonl (-S: learner code is standard library only)

Supported: CPython 3.9 and newer, standard library only.
"""

import asyncio
import gc
import importlib.util
import inspect
import io
import json
import linecache
import os
import runpy
import sys
import threading
import time
import traceback
import warnings

perf_counter = time.perf_counter

# ---------------------------------------------------------------------------
# The private channel: one JSON object a line, written with os.write so that
# a record is on disk even if learner code ends the process with os._exit.
# ---------------------------------------------------------------------------


class Channel:
    def __init__(self, path):
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        # Move the descriptor out of the low range that learner code is likely to touch.
        try:
            high = os.dup2(fd, 250) if hasattr(os, "dup2") and os.name != "nt" else fd
            if high != fd:
                os.close(fd)
            self.fd = high if high is not None else 250
        except OSError:
            self.fd = fd
        self.lock = threading.Lock()

    def send(self, record):
        line = (json.dumps(record, default=_json_default) + "\n").encode("utf-8")
        with self.lock:
            os.write(self.fd, line)


def _json_default(value):
    return repr(value)


# ---------------------------------------------------------------------------
# Where in the learner's file something happened.
# ---------------------------------------------------------------------------


class Learner:
    """Knows which file is the learner's, to keep only the learner's frames."""

    def __init__(self, path):
        self.path = os.path.normcase(os.path.abspath(path))

    def owns(self, filename):
        try:
            return os.path.normcase(os.path.abspath(filename)) == self.path
        except (TypeError, ValueError):
            return False

    def frame_info(self, filename, lineno, function):
        return {
            "line": lineno,
            "function": function,
            "code": linecache.getline(filename, lineno).strip()[:200],
        }

    def innermost_frame(self, frame):
        """The innermost frame of this stack that runs learner code, or None."""
        while frame is not None:
            if self.owns(frame.f_code.co_filename):
                return self.frame_info(frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_name)
            frame = frame.f_back
        return None

    def caller(self):
        return self.innermost_frame(sys._getframe(1))

    def outermost_frame(self, frame):
        """The outermost frame of this stack that runs learner code (at import: the top-level line), or None."""
        found = None
        while frame is not None:
            if self.owns(frame.f_code.co_filename):
                found = frame
            frame = frame.f_back
        return None if found is None else self.frame_info(found.f_code.co_filename, found.f_lineno, found.f_code.co_name)

    def origin(self, coro):
        """Where a coroutine object was created, as the learner's innermost frame."""
        origin = getattr(coro, "cr_origin", None) or ()
        # cr_origin lists the innermost frame first.
        for filename, lineno, function in origin:
            if self.owns(filename):
                return self.frame_info(filename, lineno, function)
        return None

    def traceback_frames(self, tb):
        frames = []
        for summary in traceback.extract_tb(tb):
            if self.owns(summary.filename):
                frames.append(self.frame_info(summary.filename, summary.lineno, summary.name))
        return frames


def encode_exception(learner, exc):
    record = {
        "type": type(exc).__name__,
        "message": _safe_str(exc)[:2000],
        "frames": learner.traceback_frames(exc.__traceback__),
    }
    if isinstance(exc, SyntaxError):
        record["syntax"] = {
            "line": exc.lineno,
            "offset": exc.offset,
            "text": (exc.text or "").rstrip("\n")[:200],
            "msg": exc.msg,
            "inLearnerFile": learner.owns(exc.filename or ""),
        }
    if isinstance(exc, SystemExit):
        record["exitCode"] = _safe_repr(exc.code)
    return record


def _safe_str(value):
    try:
        return str(value)
    except Exception:  # a learner's __str__ may raise
        return "<unprintable>"


def _safe_repr(value, limit=300):
    try:
        text = repr(value)
    except Exception:
        text = "<unrepresentable %s>" % type(value).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


def encode_value(value, depth=0):
    """A JSON-friendly description of a value the learner returned."""
    record = {"type": type(value).__name__, "repr": _safe_repr(value)}
    if inspect.iscoroutine(value):
        record["kind"] = "coroutine"
        record["name"] = getattr(value, "__qualname__", getattr(value, "__name__", "?"))
        return record
    if isinstance(value, asyncio.Future):
        record["kind"] = "task" if isinstance(value, asyncio.Task) else "future"
        return record
    if inspect.isawaitable(value):
        record["kind"] = "awaitable"
        return record
    json_value = _plain(value, depth)
    if json_value is not _NOT_PLAIN:
        record["kind"] = "value"
        record["value"] = json_value
    else:
        record["kind"] = "object"
    return record


_NOT_PLAIN = object()


def _plain(value, depth):
    if depth > 6:
        return _NOT_PLAIN
    if value is None or isinstance(value, (bool, int, str)):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
            return _NOT_PLAIN
        return value
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else _NOT_PLAIN
    if isinstance(value, (list, tuple)):
        items = [_plain(item, depth + 1) for item in value[:1000]]
        if any(item is _NOT_PLAIN for item in items):
            return [encode_value(item, depth + 1) if plain is _NOT_PLAIN else plain for item, plain in zip(value, items)]
        return items
    if isinstance(value, dict):
        out = {}
        for key, item in list(value.items())[:1000]:
            if not isinstance(key, str):
                return _NOT_PLAIN
            plain = _plain(item, depth + 1)
            out[key] = encode_value(item, depth + 1) if plain is _NOT_PLAIN else plain
        return out
    return _NOT_PLAIN


# ---------------------------------------------------------------------------
# Evidence collected while learner code runs.
# ---------------------------------------------------------------------------


class Recorder:
    """Records the intervals of instrumented calls, relative to the current step's start."""

    def __init__(self, learner=None):
        self.t0 = perf_counter()
        self.spans = []
        self.lock = threading.Lock()
        # Set by the harness: lets a span note the learner line that awaited or called the twin.
        self.learner = learner

    def reset(self):
        with self.lock:
            self.t0 = perf_counter()
            self.spans = []

    def now(self):
        return perf_counter() - self.t0

    def span(self, helper, label):
        return _Span(self, helper, label)


class _Span:
    def __init__(self, recorder, helper, label):
        self.recorder = recorder
        self.helper = helper
        self.label = label

    def __enter__(self):
        thread = threading.current_thread()
        self.record = {
            "helper": self.helper,
            "label": _safe_str(self.label)[:100],
            "start": self.recorder.now(),
            "end": None,
            "thread": thread.name,
            "mainThread": thread is threading.main_thread(),
        }
        if self.recorder.learner is not None:
            # The learner's innermost frame on this stack: found when learner code awaited the twin
            # directly (as in a loop of awaits), None when the twin runs as a task of its own.
            self.record["where"] = self.recorder.learner.innermost_frame(sys._getframe(1))
        with self.recorder.lock:
            self.recorder.spans.append(self.record)
        return self

    def __exit__(self, exc_type, exc, tb):
        self.record["end"] = self.recorder.now()
        if exc_type is not None:
            self.record["raised"] = exc_type.__name__
        return False


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


class Events:
    """Asyncio events worth reporting: never-awaited coroutines, loop errors, asyncio.run calls."""

    def __init__(self, learner):
        self.learner = learner
        self.never_awaited = []
        self.loop_errors = []
        self.asyncio_runs = []
        self.exits = []

    def drain(self):
        drained = {
            "neverAwaited": self.never_awaited,
            "loopErrors": self.loop_errors,
            "asyncioRuns": self.asyncio_runs,
        }
        self.never_awaited, self.loop_errors, self.asyncio_runs = [], [], []
        return drained


def install_hooks(learner, events, channel):
    sys.set_coroutine_origin_tracking_depth(32)

    def unawaited(coro):
        events.never_awaited.append(
            {
                "name": getattr(coro, "__qualname__", "?"),
                "origin": learner.origin(coro),
            }
        )

    warnings._warn_unawaited_coroutine = unawaited

    base_events = sys.modules["asyncio.base_events"]

    def exception_handler(loop, context):
        task = context.get("task") or context.get("future")
        coro = task.get_coro() if isinstance(task, asyncio.Task) else None
        exc = context.get("exception")
        events.loop_errors.append(
            {
                "message": _safe_str(context.get("message", ""))[:500],
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

    run.__wrapped__ = real_run
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

    real_exit = os._exit

    def hard_exit(code):
        channel.send({"kind": "hardExit", "code": _safe_repr(code), "line": learner.caller(), "phase": Phase.current})
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


class Phase:
    current = "start"


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


# ---------------------------------------------------------------------------
# Stalls: a heartbeat task inside the loop, and a sampler thread that notes
# which learner line the main thread was on while the heartbeat was late.
# ---------------------------------------------------------------------------


class Heartbeat:
    def __init__(self, learner, interval, stall_after):
        self.learner = learner
        self.interval = interval
        self.stall_after = stall_after
        self.last = perf_counter()
        self.max_gap = 0.0
        self.ticks = 0
        self.stalls = []
        self.running = False
        self.main_ident = threading.main_thread().ident

    async def beat(self):
        # self.last was set when the watch began (start_sampler), so a block before the first tick counts too.
        while True:
            await asyncio.sleep(self.interval)
            now = perf_counter()
            gap = now - self.last
            self.ticks += 1
            if gap > self.max_gap:
                self.max_gap = gap
            self.last = now

    def finish(self):
        """Count the gap still open when the awaited work ends (a block before the first tick)."""
        self.running = False
        gap = perf_counter() - self.last
        if gap > self.max_gap:
            self.max_gap = gap

    def start_sampler(self):
        self.last = perf_counter()
        self.running = True
        thread = threading.Thread(target=self._sample, name="asyncio-lab-sampler", daemon=True)
        thread.start()
        return thread

    def _sample(self):
        current = None
        while self.running:
            time.sleep(self.interval)
            late = perf_counter() - self.last
            if late >= self.stall_after:
                frame = sys._current_frames().get(self.main_ident)
                where = self.learner.innermost_frame(frame) if frame is not None else None
                if current is None or current["since"] != self.last:
                    current = {"since": self.last, "duration": late, "where": where}
                    self.stalls.append(current)
                current["duration"] = late
                if current["where"] is None:
                    current["where"] = where
        self.stalls.sort(key=lambda stall: -stall["duration"])

    def report(self, t0):
        return {
            "interval": self.interval,
            "maxGap": self.max_gap,
            "ticks": self.ticks,
            "stalls": [
                {"start": stall["since"] - t0, "duration": stall["duration"], "where": stall["where"]}
                for stall in self.stalls[:5]
            ],
        }


# ---------------------------------------------------------------------------
# Output: learner prints still reach stdout (the grader keeps it, capped), and
# each step also keeps the first part of what it printed.
# ---------------------------------------------------------------------------


PASS_THROUGH_CHARS = 64 * 1024


class Tee(io.TextIOBase):
    def __init__(self, stream, limit=8192, on_flood=None, flood_after=None, locate=None):
        self.stream = stream
        self.limit = limit
        self.captured = []
        self.size = 0
        # The learner line of the step's first write, so that "importing your file printed..." can name it.
        self.locate = locate
        self.first_line = None
        # Everything written through this stream, to stop a runaway print loop here rather than rely on the reader.
        self.total = 0
        self.on_flood = on_flood
        self.flood_after = flood_after

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not %s" % type(text).__name__)
        written = len(text)
        if self.first_line is None and self.locate is not None and text:
            self.first_line = self.locate()
        if self.size < self.limit:
            self.captured.append(text[: self.limit - self.size])
        self.size += len(text)
        self.total += len(text)
        if self.flood_after is not None and self.total > self.flood_after and self.on_flood is not None:
            self.on_flood(self.total)
        # Past the first part, output is only counted: a slow reader must not slow the count that stops a flood.
        passed = self.total - written
        if passed >= PASS_THROUGH_CHARS:
            return written
        if self.total > PASS_THROUGH_CHARS:
            text = text[: PASS_THROUGH_CHARS - passed] + "\n[asyncio-lab: output cut here; the rest was counted, not kept]\n"
        try:
            self.stream.write(text)
        except (OSError, ValueError):
            pass
        return written

    def flush(self):
        try:
            self.stream.flush()
        except (OSError, ValueError):
            pass

    def writable(self):
        return True

    @property
    def encoding(self):
        return getattr(self.stream, "encoding", "utf-8")

    def take(self):
        text = "".join(self.captured)
        size, line = self.size, self.first_line
        self.captured, self.size, self.first_line = [], 0, None
        taken = {"text": text, "chars": size}
        if line is not None:
            taken["line"] = line
        return taken


# ---------------------------------------------------------------------------
# The steps of a probe.
# ---------------------------------------------------------------------------


class Harness:
    def __init__(self, spec, channel):
        self.spec = spec
        self.channel = channel
        self.learner = Learner(spec["file"])
        self.events = Events(self.learner)
        self.recorder = Recorder(self.learner)
        self.module = None
        self.twins = None
        flood_after = spec.get("limits", {}).get("outputBytes")
        self.stdout = Tee(sys.stdout, on_flood=self.flooded, flood_after=flood_after, locate=self.learner.caller)
        sys.stdout = self.stdout
        sys.stderr = Tee(sys.stderr, on_flood=self.flooded, flood_after=flood_after)

    def flooded(self, chars):
        self.channel.send({"kind": "flood", "chars": chars, "line": self.learner.caller(), "phase": Phase.current})
        _real_exit(125)

    def send(self, record):
        self.channel.send(record)

    def load_twins(self):
        path = self.spec.get("twins")
        if not path:
            return None
        spec = importlib.util.spec_from_file_location("asyncio_lab_twins", path)
        twins = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(twins)
        return twins

    # -- import ---------------------------------------------------------------

    def step_import(self, step):
        Phase.current = "import"
        path = self.spec["file"]
        name = self.spec.get("moduleName") or os.path.splitext(os.path.basename(path))[0]
        started = perf_counter()
        record = {"kind": "import", "module": name}
        try:
            module_spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(module_spec)
            sys.modules[name] = module
            module_spec.loader.exec_module(module)
        except BaseException as exc:  # noqa: B902 - every failure is an observation
            record["ok"] = False
            record["exception"] = encode_exception(self.learner, exc)
        else:
            record["ok"] = True
            self.module = module
        record["seconds"] = perf_counter() - started
        record["stdout"] = self.stdout.take()
        record.update(self._collect())
        self.send(record)
        return record["ok"]

    # -- call -----------------------------------------------------------------

    def step_call(self, step):
        Phase.current = "call"
        name = step["function"]
        record = {"kind": "call", "id": step.get("id", name), "function": name}
        target = getattr(self.module, name, None)
        if target is None or not callable(target):
            record["missing"] = True
            record["found"] = None if target is None else type(target).__name__
            self.send(record)
            return True
        record["isCoroutineFunction"] = inspect.iscoroutinefunction(target)
        # Where the function is defined: the line a message points at when nothing more precise is known.
        code = getattr(inspect.unwrap(target), "__code__", None)
        if code is not None and self.learner.owns(code.co_filename):
            record["defLine"] = code.co_firstlineno
        self._install_twins(step.get("twins") or {})
        args = [self._argument(arg) for arg in step.get("args", [])]
        heartbeat = None
        returned = result = None
        warmed = self._executor(step["warmThreads"]) if step.get("warmThreads") else None
        self.recorder.reset()
        started = perf_counter()
        try:
            if step.get("inLoop"):
                # Called from inside a running loop, as coroutine code would call it.
                heartbeat = self._heartbeat(step)

                async def call_and_await():
                    value = target(*args)
                    record["syncSeconds"] = perf_counter() - started
                    record["returned"] = encode_value(value)
                    if inspect.isawaitable(value):
                        return await value
                    return value

                result = self._run_in_loop(call_and_await(), heartbeat, record, warmed)
                record["result"] = encode_value(result)
            else:
                returned = target(*args)
                record["syncSeconds"] = perf_counter() - started
                record["returned"] = encode_value(returned)
                if step.get("await") and inspect.isawaitable(returned):
                    heartbeat = self._heartbeat(step)
                    result = self._run_in_loop(returned, heartbeat, record, warmed)
                    record["result"] = encode_value(result)
                else:
                    record["result"] = record["returned"]
        except BaseException as exc:  # noqa: B902
            record["exception"] = encode_exception(self.learner, exc)
        record["seconds"] = perf_counter() - started
        # The caller's arguments as they are after the call: a function must not change its inputs.
        record["argsAfter"] = [encode_value(arg) for arg in args]
        if warmed is not None:
            warmed.shutdown(wait=False)  # already shut down if the loop used it
        # Drop our references so that a coroutine nobody awaited is reported as such.
        returned = result = None
        record["spans"] = self._spans()
        record["liveThreads"] = self._live_threads()
        if heartbeat is not None:
            record["heartbeat"] = heartbeat.report(self.recorder.t0)
        record["stdout"] = self.stdout.take()
        record.update(self._collect())
        self.send(record)
        return True

    def _argument(self, arg):
        if isinstance(arg, dict) and "$twin" in arg:
            return self._make_twin(arg["$twin"], arg.get("config", {}))
        return arg

    def _make_twin(self, factory_name, config):
        if self.twins is None:
            self.twins = self.load_twins()
        factory = getattr(self.twins, factory_name)
        return factory(config, self.recorder)

    def _install_twins(self, twins):
        for attribute, twin in twins.items():
            setattr(self.module, attribute, self._make_twin(twin["factory"], twin.get("config", {})))

    def _spans(self):
        with self.recorder.lock:
            return [dict(span) for span in self.recorder.spans]

    def _live_threads(self):
        """Threads other than the main one and the harness's own, still running when the call ended."""
        frames = sys._current_frames()
        live = []
        for thread in threading.enumerate():
            if thread is threading.main_thread() or thread.name.startswith("asyncio-lab-"):
                continue
            frame = frames.get(thread.ident)
            live.append(
                {
                    "name": thread.name,
                    "daemon": thread.daemon,
                    "origin": getattr(thread, "_asyncio_lab_origin", None),
                    "where": self.learner.innermost_frame(frame) if frame is not None else None,
                }
            )
        return live[:20]

    def _heartbeat(self, step):
        return Heartbeat(self.learner, step.get("heartbeatInterval", 0.005), step.get("stallAfter", 0.03))

    def _executor(self, warm_threads=0):
        from concurrent.futures import ThreadPoolExecutor

        size = self.spec.get("threads", 16)
        executor = ThreadPoolExecutor(max_workers=size)
        warm = min(int(warm_threads or 0), size)
        if warm > 0:
            # Start the pool's threads before the call is timed: starting a thread on a busy machine can take
            # longer than a heartbeat tick, and that start-up is not the learner's code blocking the loop.
            gate = threading.Barrier(warm)
            for future in [executor.submit(gate.wait, 5) for _ in range(warm)]:
                future.result()
        return executor

    def _run_in_loop(self, awaitable, heartbeat, record, executor=None):
        loop = asyncio.new_event_loop()
        loop.set_default_executor(executor or self._executor())
        asyncio.set_event_loop(loop)
        learner = self.learner
        ledger = TaskLedger(learner)
        loop.set_task_factory(ledger.factory)

        async def supervised():
            beat = asyncio.ensure_future(heartbeat.beat())
            own = {beat, asyncio.current_task()}
            sampler = heartbeat.start_sampler()
            awaited_started = perf_counter()
            try:
                return await awaitable
            finally:
                record["awaitSeconds"] = perf_counter() - awaited_started
                heartbeat.finish()
                beat.cancel()
                left = [task for task in asyncio.all_tasks() if task not in own and not task.done()]
                record["tasks"] = ledger.report()
                record["pendingTasks"] = [
                    {
                        "name": getattr(task.get_coro(), "__qualname__", "?"),
                        "origin": learner.origin(task.get_coro()),
                    }
                    for task in left
                ]
                for task in left:
                    task.cancel()
                if left:
                    await asyncio.gather(*left, return_exceptions=True)
                sampler.join(1.0)

        try:
            return loop.run_until_complete(supervised())
        finally:
            try:
                loop.run_until_complete(loop.shutdown_asyncgens())
                if hasattr(loop, "shutdown_default_executor"):
                    loop.run_until_complete(loop.shutdown_default_executor())
            finally:
                asyncio.set_event_loop(None)
                loop.close()

    # -- script ---------------------------------------------------------------

    def step_script(self, step):
        Phase.current = "script"
        record = {"kind": "script"}
        started = perf_counter()
        saved_argv = sys.argv
        sys.argv = [self.spec["file"]] + list(step.get("argv", []))
        try:
            runpy.run_path(self.spec["file"], run_name="__main__")
        except SystemExit as exc:
            if exc.code not in (None, 0):
                record["exception"] = encode_exception(self.learner, exc)
        except BaseException as exc:  # noqa: B902
            record["exception"] = encode_exception(self.learner, exc)
        finally:
            sys.argv = saved_argv
        record["seconds"] = perf_counter() - started
        record["stdout"] = self.stdout.take()
        record.update(script_guards(self.spec["file"]))
        record.update(self._collect())
        self.send(record)
        return True

    # -- shared ---------------------------------------------------------------

    def _collect(self):
        gc.collect()
        return self.events.drain()

    def run(self):
        steps = {"import": self.step_import, "call": self.step_call, "script": self.step_script}
        for step in self.spec["steps"]:
            if not steps[step["op"]](step):
                break
        Phase.current = "done"
        self.send({"kind": "done"})


def script_guards(path):
    """The file's top-level `if` statements that test __name__, with the string each compares it to.

    Lets a message say why a script guard never ran (`if __name__ == "main":`), and where the file ends,
    for a message about a guard that is missing. Read from the source: nothing is executed.
    """
    import ast

    try:
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
        tree = ast.parse(source)
    except Exception:  # the file could not be read or parsed: the import step reports why
        return {"guards": [], "lastLine": 0}
    lines = source.splitlines()
    guards = []
    for node in tree.body:
        if not isinstance(node, ast.If):
            continue
        names = [n for n in ast.walk(node.test) if isinstance(n, ast.Name) and n.id == "__name__"]
        if not names:
            continue
        compares = None
        test = node.test
        if isinstance(test, ast.Compare) and len(test.ops) == 1:
            sides = [test.left, test.comparators[0]]
            strings = [side.value for side in sides if isinstance(side, ast.Constant) and isinstance(side.value, str)]
            if strings:
                compares = {"op": type(test.ops[0]).__name__, "string": strings[0][:100]}
        code = lines[node.lineno - 1].strip()[:200] if node.lineno <= len(lines) else ""
        guards.append({"line": node.lineno, "code": code, "compares": compares})
    return {"guards": guards[:5], "lastLine": len(lines)}


# ---------------------------------------------------------------------------
# Limits and the deadline.
# ---------------------------------------------------------------------------


def apply_limits(limits, channel):
    applied = {}
    try:
        import resource
    except ImportError:
        resource = None
    if resource is not None:
        wanted = [
            ("RLIMIT_AS", limits.get("memoryBytes")),
            ("RLIMIT_FSIZE", limits.get("fileBytes")),
            ("RLIMIT_CORE", 0),
        ]
        if sys.platform == "darwin":
            wanted = wanted[1:]  # macOS does not enforce an address-space limit
        for name, value in wanted:
            if value is None or not hasattr(resource, name):
                continue
            which = getattr(resource, name)
            try:
                soft, hard = resource.getrlimit(which)
                if hard != resource.RLIM_INFINITY:
                    value = min(value, hard)
                resource.setrlimit(which, (value, hard))
                applied[name] = value
            except (ValueError, OSError):
                pass
    if os.name == "nt":
        applied["job"] = _windows_kill_on_close_job()
    return applied


def _windows_kill_on_close_job():
    """Put this process in a job object that kills every process in it when the harness ends."""
    try:
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)

        class IO_COUNTERS(ctypes.Structure):
            _fields_ = [(name, ctypes.c_ulonglong) for name in (
                "ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
                "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")]

        class BASIC(ctypes.Structure):
            _fields_ = [
                ("PerProcessUserTimeLimit", ctypes.c_int64),
                ("PerJobUserTimeLimit", ctypes.c_int64),
                ("LimitFlags", wintypes.DWORD),
                ("MinimumWorkingSetSize", ctypes.c_size_t),
                ("MaximumWorkingSetSize", ctypes.c_size_t),
                ("ActiveProcessLimit", wintypes.DWORD),
                ("Affinity", ctypes.c_size_t),
                ("PriorityClass", wintypes.DWORD),
                ("SchedulingClass", wintypes.DWORD),
            ]

        class EXTENDED(ctypes.Structure):
            _fields_ = [
                ("BasicLimitInformation", BASIC),
                ("IoInfo", IO_COUNTERS),
                ("ProcessMemoryLimit", ctypes.c_size_t),
                ("JobMemoryLimit", ctypes.c_size_t),
                ("PeakProcessMemoryUsed", ctypes.c_size_t),
                ("PeakJobMemoryUsed", ctypes.c_size_t),
            ]

        job = kernel32.CreateJobObjectW(None, None)
        info = EXTENDED()
        info.BasicLimitInformation.LimitFlags = 0x2000  # JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
        kernel32.SetInformationJobObject(job, 9, ctypes.byref(info), ctypes.sizeof(info))
        ok = kernel32.AssignProcessToJobObject(job, kernel32.GetCurrentProcess())
        _windows_kill_on_close_job.handle = job  # keep the handle open until exit
        return bool(ok)
    except Exception:
        return False


def start_deadline(seconds, learner, channel):
    """Stop a run that is still going at the deadline, noting where learner code was."""

    def watch():
        time.sleep(seconds)
        frames = sys._current_frames()
        where = None
        main = frames.get(threading.main_thread().ident)
        if main is not None:
            where = learner.innermost_frame(main)
        if where is None:
            for frame in frames.values():
                where = learner.innermost_frame(frame)
                if where is not None:
                    break
        channel.send({"kind": "deadline", "seconds": seconds, "phase": Phase.current, "where": where})
        _real_exit(124)

    thread = threading.Thread(target=watch, name="asyncio-lab-deadline", daemon=True)
    thread.start()


_real_exit = os._exit


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    spec_path, channel_path = sys.argv[1], sys.argv[2]
    del sys.argv[1:]
    with open(spec_path, encoding="utf-8") as handle:
        spec = json.load(handle)
    channel = Channel(channel_path)
    channel.send(
        {
            "kind": "hello",
            "python": ".".join(str(part) for part in sys.version_info[:3]),
            "implementation": sys.implementation.name,
            "executable": sys.executable,
            "limits": apply_limits(spec.get("limits", {}), channel),
        }
    )
    learner = Learner(spec["file"])
    start_deadline(spec.get("deadlineSeconds", 10), learner, channel)
    harness = Harness(spec, channel)
    install_hooks(learner, harness.events, channel)
    harness.run()
    sys.stdout.flush()
    # Skip interpreter shutdown: learner threads or atexit handlers must not hold the run open.
    _real_exit(0)


if __name__ == "__main__":
    sys.exit(main())
