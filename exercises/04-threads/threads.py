"""Exercise 04: threads.

Some code blocks: an HTTP request made with urllib.request, a time.sleep, a
slow library call. Run inside a coroutine, it stops the whole event loop until
it returns. `asyncio.to_thread(function, *args)` runs `function(*args)` in a
worker thread instead, and gives you something to await.

Read README.md in this folder first. Grade your work with:

    npm run grade -- 04

Stuck? `npm run grade -- hint 04` shows a hint.
"""

import asyncio
import urllib.request


def fetch_url(url):
    """Task 1. Fetch `url` with an HTTP GET and return the response body as text.

    Use urllib.request from the standard library (urllib.request.urlopen).
    The body arrives as bytes: decode it as UTF-8 and return the string.
    This is a plain, blocking function: it returns only when the body is in.
    """
    # TODO: open `url` with urllib.request.urlopen, read the body, decode it, return it.


async def fetch_url_async(url):
    """Task 2. Run fetch_url(url) in a worker thread and return what it returns.

    Awaiting fetch_url_async(url) must never block the event loop: while the
    request is on its way, other tasks keep running. Use asyncio.to_thread.
    """
    # TODO: await asyncio.to_thread with fetch_url and its argument, and return the result.


async def fetch_all(urls):
    """Task 3. Fetch every URL in `urls` at the same time, in worker threads.

    Return the bodies as a list in the same order as `urls` (not in the order
    the responses arrive). The whole call should take about as long as the
    slowest response, not the sum of them all, and the event loop must never
    be blocked. Use asyncio.gather over asyncio.to_thread calls (or over
    fetch_url_async).
    """
    # TODO: make one awaitable per URL, gather them all, and return the list of bodies.


async def main(url):
    """Task 4. Fetch `url` in a worker thread and return its body.

    This is the code of the blog post this course started from, bug included.
    """
    # TODO: this line hands asyncio.to_thread a string where the function
    # belongs, so the worker thread tries to call the string. Fix it.
    coro = asyncio.to_thread(url)
    return await coro


async def fetch_pair(first_url, second_url):
    """Task 5. Fetch both URLs at the same time, each in a worker thread.

    Return [first_body, second_body]. The event loop must never be blocked.
    """
    # TODO: both lines below run fetch_url right here, on the event loop's own
    # thread, and then hand asyncio.to_thread its result (a string) instead of
    # the function. Fix them so that each fetch runs in a worker thread.
    first = asyncio.to_thread(fetch_url(first_url))
    second = asyncio.to_thread(fetch_url(second_url))
    return list(await asyncio.gather(first, second))
