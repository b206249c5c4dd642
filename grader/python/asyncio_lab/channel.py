"""Records on the witness connection, numbered and signed.

Each line is `SEQ MAC JSON`: SEQ counts from 1 with no gap, MAC is an HMAC of `SEQ JSON` with a key the grader
sent this probe alone. A line that learner code writes to the connection (it is an open descriptor of this
process) breaks the count or the signature, and the grader then treats the whole run as an error.
"""

import hmac
import json
import os
import threading


class Channel:
    def __init__(self, sock, key):
        self._sock = sock
        self._fd = sock.fileno()
        self._lock = threading.Lock()
        self._seq = 0
        # Kept only inside this closure; the key itself is not an attribute anyone can read off the channel.
        digest = hmac.digest

        def sign(payload):
            return digest(key, payload, "sha256").hex()[:32]

        self._sign = sign
        self._write = os.write
        # A process that learner code forks inherits the connection: only this process speaks on it.
        self._pid = os.getpid()
        self._getpid = os.getpid

    def send(self, record):
        body = json.dumps(record, default=_json_default, separators=(",", ":"))
        self._line(body)

    def tick(self):
        self._line('{"t":"tick"}')

    def mark(self, what, call_id):
        self._line(json.dumps({"t": "mark", "what": what, "id": call_id}, separators=(",", ":")))

    def _line(self, body):
        if self._getpid() != self._pid:
            return
        with self._lock:
            self._seq += 1
            payload = ("%d %s" % (self._seq, body)).encode("utf-8", "backslashreplace")
            line = b"%d %s %s\n" % (self._seq, self._sign(payload).encode("ascii"), body.encode("utf-8", "backslashreplace"))
            view = memoryview(line)
            while view:
                written = self._write(self._fd, view)
                view = view[written:]


def _json_default(value):
    return repr(value)
