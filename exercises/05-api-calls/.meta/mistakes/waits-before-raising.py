# Mistake: complete_with_retry waits the backoff after the last attempt too, then raises.
# Caught by: retry-gives-up
# Requires: Python 3.11

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
    return list(await asyncio.gather(*(complete(prompt) for prompt in prompts)))


async def ask_bounded(prompts, max_in_flight):
    limit = asyncio.Semaphore(max_in_flight)

    async def ask(prompt):
        async with limit:
            return await complete(prompt)

    return list(await asyncio.gather(*(ask(p) for p in prompts)))


async def complete_with_retry(prompt, attempts=5, base_delay=0.5):
    for attempt in range(1, attempts + 1):
        try:
            return await complete(prompt)
        except RateLimitError as error:
            await asyncio.sleep(error.retry_after)
            if attempt == attempts:
                raise
        except APIError as error:
            if error.status < 500:
                raise
            await asyncio.sleep(base_delay * 2 ** (attempt - 1) * random.uniform(1, 1.5))
            if attempt == attempts:
                raise


async def complete_with_timeout(prompt, timeout):
    try:
        return await asyncio.wait_for(complete(prompt), timeout)
    except asyncio.TimeoutError:
        return None


async def first_answer(prompt, models):
    tasks = [asyncio.create_task(complete(prompt, model)) for model in models]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    return done.pop().result()


async def ask_paced(prompts, budget, window=60.0):
    tasks = []
    for index, prompt in enumerate(prompts):
        if index > 0:
            await asyncio.sleep(window / budget)
        tasks.append(asyncio.create_task(complete(prompt)))
    return list(await asyncio.gather(*tasks))


async def ask_all_safely(prompts):
    return list(await asyncio.gather(*(complete(p) for p in prompts), return_exceptions=True))


async def ask_all_or_nothing(prompts):
    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(complete(p)) for p in prompts]
    except* APIError as failed:
        raise failed.exceptions[0]
    return [task.result() for task in tasks]


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
