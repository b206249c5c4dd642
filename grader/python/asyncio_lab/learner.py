"""Where in the learner's file something happened, and the learner's values and exceptions as plain data."""

import asyncio
import inspect
import linecache
import os
import sys
import traceback


# The Python installation and the harness (this package, probe.py and zygote.py beside it): code that is not theirs
# and not the learner's file was made at run time, by the learner's file (compile, exec, a code object relabelled).
_TRUSTED_ROOTS = tuple(
    {
        os.path.normcase(os.path.abspath(root)) + os.sep
        for root in (
            sys.prefix,
            sys.base_prefix,
            sys.exec_prefix,
            os.path.dirname(os.__file__),
            os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        )
    }
)


class Learner:
    """Knows which file is the learner's, to keep only the learner's frames."""

    def __init__(self, path, trusted_files=()):
        self.path = os.path.normcase(os.path.abspath(path))
        # Files of the grader's own that run in the learner's process: the exercise's helper stand-ins.
        self.trusted = {os.path.normcase(os.path.abspath(f)) for f in trusted_files if f}

    def owns(self, filename):
        try:
            return os.path.normcase(os.path.abspath(filename)) == self.path
        except (TypeError, ValueError):
            return False

    def frame_info(self, filename, lineno, function):
        return {"line": lineno, "function": function, "code": linecache.getline(filename, lineno).strip()[:200]}

    def innermost_frame(self, frame):
        """The innermost frame of this stack that runs learner code, or None."""
        while frame is not None:
            if self.owns(frame.f_code.co_filename):
                return self.frame_info(frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_name)
            frame = frame.f_back
        return None

    def made_at_run_time(self, filename):
        """Code that is neither the learner's file, the Python installation, the harness nor the stand-ins."""
        if not isinstance(filename, str) or filename.startswith("<frozen "):
            return False
        try:
            path = os.path.normcase(os.path.abspath(filename))
        except (TypeError, ValueError):
            return True
        return path != self.path and path not in self.trusted and not path.startswith(_TRUSTED_ROOTS)

    def blocking_frame(self, frame):
        """Where a thread is held: its innermost learner frame, else its innermost frame of code the learner's file
        made at run time (compiled under another name, so that no line of the file is on the stack)."""
        found = self.innermost_frame(frame)
        if found is not None:
            return found
        while frame is not None:
            code = frame.f_code
            if self.made_at_run_time(code.co_filename):
                info = self.frame_info(code.co_filename, frame.f_lineno, code.co_name)
                info["code"] = ("code made at run time, as %r" % code.co_filename)[:200]
                return info
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
        "message": safe_str(exc)[:2000],
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
        record["exitCode"] = safe_repr(exc.code)
    return record


def safe_str(value):
    try:
        return str(value)
    except Exception:  # a learner's __str__ may raise
        return "<unprintable>"


def safe_repr(value, limit=300):
    try:
        text = repr(value)
    except Exception:
        text = "<unrepresentable %s>" % type(value).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


def encode_value(value, depth=0):
    """A JSON-friendly description of a value the learner returned."""
    record: dict = {"type": type(value).__name__, "repr": safe_repr(value)}
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
