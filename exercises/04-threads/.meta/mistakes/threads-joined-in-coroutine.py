# Mistake: fetch_all starts a threading.Thread per URL and joins them inside the coroutine: the fetches overlap, but join() blocks the event loop meanwhile.
# Caught by: all-runs-concurrently
import asyncio
import threading
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
    bodies = [None] * len(urls)

    def worker(index, url):
        bodies[index] = fetch_url(url)

    threads = [threading.Thread(target=worker, args=(i, url)) for i, url in enumerate(urls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return bodies


async def main(url):
    """Task 4. Fetch `url` in a worker thread and return its body."""
    coro = asyncio.to_thread(fetch_url, url)
    return await coro


async def fetch_pair(first_url, second_url):
    """Task 5. Fetch both URLs at the same time, each in a worker thread."""
    first = asyncio.to_thread(fetch_url, first_url)
    second = asyncio.to_thread(fetch_url, second_url)
    return list(await asyncio.gather(first, second))
