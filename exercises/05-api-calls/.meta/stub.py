"""Exercise 05: concurrent calls to a language-model API (the capstone).

Many prompts, one API that is rate limited, sometimes fails and is sometimes
slow: the everyday job asyncio is used for. The top of this file is a small
client for an OpenAI-compatible chat completions API, given to you: read it,
call `complete`, but do not change it. Below it, one function per task.

Read README.md in this folder first. Grade your work with:

    npm run grade -- 05

Stuck? `npm run grade -- hint 05` shows a hint. To try your functions by hand,
start the local fake API with `npm run api` and run this file as a script.
"""

import asyncio
import http.client
import json
import os
import random
import socket
import urllib.parse

# Where the API is. `npm run api` serves a local fake of it here. Run this file as a script with
# OPENAI_BASE_URL and OPENAI_API_KEY set to use another (see the end of the lesson).
BASE_URL = "http://127.0.0.1:8765/v1"
API_KEY = "sk-local-playground"
MODEL = "gpt-4o-mini"


# ---- The given client: read it, use it, leave it as it is ----------------------------


class APIError(Exception):
    """The API answered with an error. `status` is the HTTP status: 5xx may pass if you try again, 4xx will not."""

    def __init__(self, message, status):
        super().__init__(message)
        self.status = status


class RateLimitError(APIError):
    """HTTP 429, too many requests: wait `retry_after` seconds (a float) before you try again."""

    def __init__(self, message, retry_after):
        super().__init__(message, 429)
        self.retry_after = retry_after


def _retry_after(headers):
    """The wait a 429 asks for: OpenAI's `retry-after-ms` when present, else the standard `retry-after`."""
    try:
        return float(headers.get("retry-after-ms")) / 1000
    except (TypeError, ValueError):
        pass
    try:
        return float(headers.get("retry-after"))
    except (TypeError, ValueError):
        return 1.0


class _Request:
    """One chat completion request on its own connection, which another thread may abort."""

    def __init__(self, prompt, model):
        url = urllib.parse.urlsplit(BASE_URL)
        connection = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
        self.connection = connection(url.hostname or "127.0.0.1", url.port, timeout=60)
        self.path = url.path.rstrip("/") + "/chat/completions"
        self.body = json.dumps({"model": model, "messages": [{"role": "user", "content": prompt}]})
        self.aborted = False

    def send(self):
        """Blocking: sends the request and waits for the answer. Returns the answer's text."""
        try:
            self.connection.connect()
            if self.aborted:
                raise ConnectionAbortedError("the request was cancelled")
            headers = {"Authorization": "Bearer " + API_KEY, "Content-Type": "application/json"}
            self.connection.request("POST", self.path, body=self.body, headers=headers)
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
            if response.status == 429:
                raise RateLimitError(message, _retry_after(response.headers))
            raise APIError(message, response.status)
        return data["choices"][0]["message"]["content"]

    def abort(self):
        """Closes the connection from another thread: the server sees the client go away."""
        self.aborted = True
        sock = self.connection.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def complete_blocking(prompt, model=None):
    """Asks the model for an answer to `prompt` and returns its text. Blocking: it holds its thread until the
    answer is in. Raises RateLimitError on HTTP 429 and APIError on any other error."""
    return _Request(prompt, model or MODEL).send()


async def complete(prompt, model=None):
    """The same as complete_blocking, without blocking the event loop: the request waits in a worker thread.

    A thread cannot be cancelled, so when the task awaiting `complete` is cancelled (a timeout, a lost race),
    `complete` closes the request's connection: the server sees the client go away and stops working on it.
    """
    request = _Request(prompt, model or MODEL)
    try:
        return await asyncio.to_thread(request.send)
    except asyncio.CancelledError:
        request.abort()
        raise


# ---- Your tasks -----------------------------------------------------------------------


async def ask_all(prompts):
    """Task 1. Ask every prompt at once and return the answers, in the order of `prompts`.

    Every request must be on its way at the same time, so the whole batch takes
    about as long as the slowest answer, not the sum of them all.
    """
    # TODO: one complete(prompt) per prompt, run together with asyncio.gather; return the list.


async def ask_bounded(prompts, max_in_flight):
    """Task 2. Ask every prompt, with never more than `max_in_flight` requests on their way at once.

    The API refuses requests beyond its limit with HTTP 429 (a RateLimitError).
    Keep exactly `max_in_flight` going while there are prompts left. Return
    the answers in the order of `prompts`.
    """
    # TODO: share one asyncio.Semaphore(max_in_flight) between the requests.


async def complete_with_retry(prompt, attempts=5, base_delay=0.5):
    """Task 3. Like complete(prompt), but try again when the failure may pass, up to `attempts` requests in all.

    - RateLimitError (HTTP 429): wait the `retry_after` seconds the error carries, then try again.
    - APIError with a status of 500 or more: wait `base_delay * 2 ** (n - 1)` seconds after the
      n-th request failed (base_delay, then twice that, then four times...), times a random
      factor between 1 and 1.5 (jitter, so that many clients do not retry in step), then try again.
    - Any other APIError (a 4xx): raise it at once; trying again cannot help.
    When the last attempt fails too, raise its error.
    """
    # TODO: a loop of attempts around `await complete(prompt)`, with `except RateLimitError` first.


async def complete_with_timeout(prompt, timeout):
    """Task 4. Return the answer to `prompt`, or None if it has not come within `timeout` seconds.

    Giving up must cancel the request (the server then sees the client go away),
    not leave it running in the background.
    """
    # TODO: asyncio.wait_for cancels what it waits for when time is up; turn its TimeoutError into None.


async def first_answer(prompt, models):
    """Task 5. Ask every model in `models` the same prompt at once; return the first answer that comes back.

    As soon as one answer is in, cancel the other requests and wait for them
    to finish cancelling: nobody needs their answers, and each costs money.
    """
    # TODO: one task per model, asyncio.wait(..., return_when=asyncio.FIRST_COMPLETED), then cancel the rest.


async def ask_paced(prompts, budget, window=60.0):
    """Task 6. Ask every prompt while keeping to the API's budget of `budget` requests per `window` seconds.

    The budget refills steadily, one request's worth every `window / budget`
    seconds, and at most `budget` requests' worth can be saved up. There are
    many more prompts than the budget: start each request no sooner than the
    budget allows, and no later (let them overlap: pace the starts, do not wait
    for each answer). Return the answers in the order of `prompts`.
    """
    # TODO: start one request every window / budget seconds (or write a token bucket), then gather them.


async def ask_all_safely(prompts):
    """Task 7a. Ask every prompt at once; a prompt that fails must not lose the others' answers.

    Return one item per prompt, in order: the answer, or the exception that
    prompt's request raised (an APIError), in its place.
    """
    # TODO: asyncio.gather with return_exceptions=True.


async def ask_all_or_nothing(prompts):
    """Task 7b. Ask every prompt at once and return the answers in order, or fail fast.

    When one request fails, cancel all the others at once (their answers are
    no use any more) and raise that request's APIError. On Python 3.11 and
    newer, asyncio.TaskGroup does the cancelling for you (and `except*` unpacks
    the ExceptionGroup it raises); on 3.10, cancel the tasks yourself.
    """
    # TODO: the answers, or the first APIError with every other request cancelled.


async def main():
    """What running this file as a script does: a few prompts against the API, printed with their answers."""
    prompts = ["Name a green vegetable.", "What is 6 times 7?", "Say hello in Italian.", "Suggest a name for a cat."]
    answers = await ask_all(prompts)
    for prompt, answer in zip(prompts, answers or []):
        print(f"{prompt}\n  -> {answer}")


if __name__ == "__main__":
    BASE_URL = os.environ.get("OPENAI_BASE_URL", BASE_URL)
    API_KEY = os.environ.get("OPENAI_API_KEY", API_KEY)
    MODEL = os.environ.get("OPENAI_MODEL", MODEL)
    asyncio.run(main())
