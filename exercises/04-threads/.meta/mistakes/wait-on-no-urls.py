# Mistake: fetch_all uses asyncio.wait with no guard: called with no URLs, wait raises ValueError.
# Caught by: all-returns-bodies

import asyncio
import urllib.request


def fetch_url(url):
    """Task 1. Fetch `url` with an HTTP GET and return the response body as text."""
    with urllib.request.urlopen(url) as response:
        return response.read().decode("utf-8")


async def fetch_url_async(url):
    """Task 2. Run fetch_url(url) in a worker thread and return what it returns."""
    return await asyncio.to_thread(fetch_url, url)


async def fetch_all(urls):
    """Task 3. Fetch every URL in `urls` at the same time, in worker threads."""
    tasks = [asyncio.ensure_future(asyncio.to_thread(fetch_url, u)) for u in urls]
    await asyncio.wait(tasks)
    return [t.result() for t in tasks]


async def main(url):
    """Task 4. Fetch `url` in a worker thread and return its body."""
    coro = asyncio.to_thread(fetch_url, url)
    return await coro


async def fetch_pair(first_url, second_url):
    """Task 5. Fetch both URLs at the same time, each in a worker thread."""
    first = asyncio.to_thread(fetch_url, first_url)
    second = asyncio.to_thread(fetch_url, second_url)
    return list(await asyncio.gather(first, second))
