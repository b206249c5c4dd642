"""The connection to the grader's witness: a Unix socket (or, where there is none, TCP on 127.0.0.1).

The witness runs in the grader, outside the learner's process. Every timed helper the learner calls waits by
asking it, so that the start and the end of each call are stamped with a clock the learner cannot reach.
"""

import asyncio
import json
import socket
import threading
import time

# The system's monotonic clock, taken before learner code runs: the witness checks each stamp against its own.
_monotonic = time.monotonic

# One request or reply a line; the witness never sends more than this in one line.
_MAX_LINE = 1 << 20


def parse_address(text):
    """'unix:/run/lab/witness.sock' or 'tcp:127.0.0.1:4567'."""
    kind, _, rest = text.partition(":")
    if kind == "unix":
        return ("unix", rest)
    host, _, port = rest.rpartition(":")
    return ("tcp", (host, int(port)))


def connect(address):
    kind, where = address
    if kind == "unix":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    else:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.connect(where)
    return sock


def read_line(sock):
    """One line from a blocking socket, without reading past it."""
    chunks = []
    size = 0
    while True:
        byte = sock.recv(1)
        if not byte:
            raise ConnectionError("the grader's witness closed the connection")
        if byte == b"\n":
            return b"".join(chunks)
        chunks.append(byte)
        size += 1
        if size > _MAX_LINE:
            raise ConnectionError("the grader's witness sent too long a line")


class Waits:
    """What a helper stand-in calls to do its waiting at the witness, from any event loop or thread."""

    def __init__(self, address, token):
        self._address = address
        self._token = token

    def _request(self, helper, label, claims, sent, asked, key):
        request = {"t": "wait", "probe": self._token, "helper": helper, "label": str(label)[:200], "claims": claims, "sent": sent}
        if asked is not None:
            request["asked"] = asked
        if key is not None:
            request["key"] = str(key)[:200]
        return (json.dumps(request, default=repr) + "\n").encode("utf-8")

    async def wait(self, helper, label, claims=None, asked=None, key=None):
        """Wait as long as the witness says for this call; return the witness's reply."""
        # The call starts now: connecting to the witness is the grader's own time, not the learner's.
        sent = _monotonic()
        kind, where = self._address
        if kind == "unix":
            reader, writer = await asyncio.open_unix_connection(where)
        else:
            reader, writer = await asyncio.open_connection(*where)
        try:
            writer.write(self._request(helper, label, claims or {}, sent, asked, key))
            await writer.drain()
            line = await reader.readline()
        finally:
            # Cancelled or not, closing tells the witness when this caller went away.
            writer.close()
        if not line:
            raise ConnectionError("the grader's witness closed the connection")
        return json.loads(line)

    def wait_blocking(self, helper, label, claims=None, asked=None, key=None):
        """The same, blocking the calling thread (for helpers the learner runs in worker threads)."""
        sent = _monotonic()
        sock = connect(self._address)
        try:
            sock.sendall(self._request(helper, label, claims or {}, sent, asked, key))
            return json.loads(read_line(sock))
        finally:
            sock.close()


def thread_claims():
    """Which thread is calling: detail for a message, never proof of anything."""
    thread = threading.current_thread()
    return {"thread": thread.name, "mainThread": thread is threading.main_thread()}
