"""Learner prints: passed on in part (the grader keeps what it is shown), kept per step, stopped when they flood."""

import io

# What reaches the process's real stdout or stderr; past it, output is only counted.
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
    def encoding(self):  # pyright: ignore[reportIncompatibleVariableOverride]: TextIOBase.encoding is read-only too
        return getattr(self.stream, "encoding", "utf-8")

    def take(self):
        text = "".join(self.captured)
        size, line = self.size, self.first_line
        self.captured, self.size, self.first_line = [], 0, None
        taken = {"text": text, "chars": size}
        if line is not None:
            taken["line"] = line
        return taken
