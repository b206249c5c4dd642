# Style: the body decoded through io.TextIOWrapper with newline=''; fetch_url_async gathered in a list.

import asyncio
import io
import urllib.request


def fetch_url(url):
    """Task 1. Fetch `url` with an HTTP GET and return the response body as text."""
    response = urllib.request.urlopen(url)
    data = response.read()
    response.close()
    return data.decode()


async def fetch_url_async(url):
    """Task 2. Run fetch_url(url) in a worker thread and return what it returns."""
    return await asyncio.to_thread(fetch_url, url)


async def fetch_all(urls):
    """Task 3. Fetch every URL in `urls` at the same time, in worker threads."""
    return list(await asyncio.gather(*[fetch_url_async(u) for u in urls]))


async def main(url):
    """Task 4. Fetch `url` in a worker thread and return its body."""
    coro = asyncio.to_thread(fetch_url, url)
    return await coro


async def fetch_pair(first_url, second_url):
    """Task 5. Fetch both URLs at the same time, each in a worker thread."""
    first = asyncio.to_thread(fetch_url, first_url)
    second = asyncio.to_thread(fetch_url, second_url)
    return list(await asyncio.gather(first, second))
