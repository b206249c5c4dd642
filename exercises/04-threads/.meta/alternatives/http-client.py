# Style: http.client in place of urllib; fetch_pair with two tasks awaited in turn.

import asyncio
import http.client
import urllib.parse
import urllib.request


def fetch_url(url):
    """Task 1. Fetch `url` with an HTTP GET and return the response body as text."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", parts.path + ("?" + parts.query if parts.query else ""))
        return connection.getresponse().read().decode("utf-8")
    finally:
        connection.close()


async def fetch_url_async(url):
    """Task 2. Run fetch_url(url) in a worker thread and return what it returns."""
    return await asyncio.to_thread(fetch_url, url)


async def fetch_all(urls):
    """Task 3. Fetch every URL in `urls` at the same time, in worker threads."""
    return await asyncio.gather(*(asyncio.to_thread(fetch_url, url) for url in urls))


async def main(url):
    """Task 4. Fetch `url` in a worker thread and return its body."""
    coro = asyncio.to_thread(fetch_url, url)
    return await coro


async def fetch_pair(first_url, second_url):
    """Task 5. Fetch both URLs at the same time, each in a worker thread."""
    first = asyncio.create_task(asyncio.to_thread(fetch_url, first_url))
    second = asyncio.create_task(asyncio.to_thread(fetch_url, second_url))
    return [await first, await second]
