# Style: the learner's own helpers: a small Fetcher class, as_completed with the order restored, and functools.partial.
import asyncio
import functools
import urllib.request


class Fetcher:
    def __init__(self, timeout=10):
        self.timeout = timeout

    def get(self, url):
        with urllib.request.urlopen(url, timeout=self.timeout) as response:
            return response.read().decode("utf-8")


_fetcher = Fetcher()


def fetch_url(url):
    return _fetcher.get(url)


def in_thread(function, *args):
    """Run function(*args) in a worker thread; the caller awaits what this returns."""
    return asyncio.to_thread(function, *args)


async def fetch_url_async(url):
    return await in_thread(fetch_url, url)


async def fetch_all(urls):
    async def numbered(index, url):
        return index, await fetch_url_async(url)

    bodies = [None] * len(urls)
    for next_done in asyncio.as_completed([numbered(i, url) for i, url in enumerate(urls)]):
        index, body = await next_done
        bodies[index] = body
    return bodies


async def main(url):
    coro = asyncio.to_thread(functools.partial(fetch_url, url))
    return await coro


async def fetch_pair(first_url, second_url):
    results = await asyncio.gather(*map(fetch_url_async, (first_url, second_url)))
    return list(results)
