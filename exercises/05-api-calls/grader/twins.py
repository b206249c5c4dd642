"""Twins of exercise 05's given client, swapped in so that each task is graded against the grader's fake API.

Every request carries the key that ties it to the probe's scenario, and a change to the given client in the
learner's file never fails a task's check. The fake API is the witness: it records each request with the grader's
clock. What the request says of itself (which client, the calling thread, the learner line that awaited it) is
detail for a message, sent in a header.
"""

import asyncio
import http.client
import json
import socket
import sys
import urllib.parse


class _APIError(Exception):
    def __init__(self, message, status):
        super().__init__(message)
        self.status = status


class _RateLimitError(_APIError):
    def __init__(self, message, retry_after):
        super().__init__(message, 429)
        self.retry_after = retry_after


def setting(config, lab):
    """A module constant (BASE_URL, API_KEY) set for the call."""
    return config["value"]


def _error(config, status, message, retry_after):
    """The learner module's own exception classes, so that its `except RateLimitError:` catches what the twin raises."""
    module = sys.modules.get(config.get("module", ""))
    api_error = getattr(module, "APIError", _APIError)
    rate_limit_error = getattr(module, "RateLimitError", _RateLimitError)
    try:
        if status == 429:
            return rate_limit_error(message, retry_after)
        return api_error(message, status)
    except Exception:  # the classes were changed beyond recognition: raise the twin's own
        return _RateLimitError(message, retry_after) if status == 429 else _APIError(message, status)


def _retry_after(headers):
    try:
        return float(headers.get("retry-after-ms")) / 1000
    except (TypeError, ValueError):
        pass
    try:
        return float(headers.get("retry-after"))
    except (TypeError, ValueError):
        return 1.0


class _Request:
    """One request on its own connection, which another thread may abort (the server then sees the client go away)."""

    def __init__(self, config, prompt, model, claims):
        self.config = config
        self.claims = json.dumps(claims)
        url = urllib.parse.urlsplit(config["baseUrl"])
        self.connection = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=15)
        self.path = url.path.rstrip("/") + "/chat/completions"
        self.body = json.dumps({"model": model, "messages": [{"role": "user", "content": prompt}]})
        self.aborted = False

    def send(self):
        try:
            self.connection.connect()
            headers = {
                "Authorization": "Bearer " + self.config["key"],
                "Content-Type": "application/json",
                "X-Asyncio-Lab-Claims": self.claims,
            }
            self.connection.request("POST", self.path, body=self.body, headers=headers)
            if self.aborted:
                # Cancelled while its worker thread was still on the way (a busy machine): the request still
                # reaches the API and leaves at once, so the witness sees what the learner's code did: ask, give up.
                raise ConnectionAbortedError("the request was cancelled")
            response = self.connection.getresponse()
            raw = response.read()
        finally:
            self.connection.close()
        try:
            data = json.loads(raw or b"{}")
        except ValueError:
            data = {}
        if response.status >= 400:
            message = (data.get("error") or {}).get("message") or "HTTP %d" % response.status
            raise _error(self.config, response.status, message, _retry_after(response.headers))
        return data["choices"][0]["message"]["content"]

    def abort(self):
        self.aborted = True
        sock = self.connection.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


_warmed = set()


def _warm(config):
    """One request to GET /v1/models (the API does not record it) before the call is timed.

    A process's first request pays one-off costs in its worker thread (the idna codec behind the address lookup,
    first runs of http.client's code); on a busy machine that can delay it past the answers of the others.
    """
    base = config["baseUrl"]
    if base in _warmed:
        return
    _warmed.add(base)
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=5)
    try:
        connection.request("GET", url.path.rstrip("/") + "/models", headers={"Authorization": "Bearer " + config["key"]})
        connection.getresponse().read()
    except OSError:
        pass
    finally:
        connection.close()


def complete_blocking(config, lab):
    _warm(config)

    def complete_blocking(prompt, model=None):
        # Claimed here, in the calling thread: on the event loop's thread, this call blocks the loop.
        claims = lab.claims({"helper": "complete_blocking"})
        return _Request(config, prompt, model or config["model"], claims).send()

    return complete_blocking


def complete(config, lab):
    _warm(config)

    async def complete(prompt, model=None):
        # Claimed here, before the worker thread: the learner line that awaited this coroutine.
        claims = lab.claims({"helper": "complete"})
        request = _Request(config, prompt, model or config["model"], claims)
        try:
            return await asyncio.to_thread(request.send)
        except asyncio.CancelledError:
            request.abort()
            raise

    return complete
