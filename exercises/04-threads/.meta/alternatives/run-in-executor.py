# Style: loop.run_in_executor(None, ...) in place of asyncio.to_thread, and a response read in two steps.
import asyncio
from urllib.request import urlopen


def fetch_url(url):
    response = urlopen(url, timeout=10)
    try:
        raw = response.read()
    finally:
        response.close()
    return str(raw, encoding="utf-8")


async def fetch_url_async(url):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, fetch_url, url)


async def fetch_all(urls):
    loop = asyncio.get_running_loop()
    futures = [loop.run_in_executor(None, fetch_url, url) for url in urls]
    return list(await asyncio.gather(*futures))


async def main(url):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, fetch_url, url)


async def fetch_pair(first_url, second_url):
    loop = asyncio.get_running_loop()
    first = loop.run_in_executor(None, fetch_url, first_url)
    second = loop.run_in_executor(None, fetch_url, second_url)
    first_body, second_body = await asyncio.gather(first, second)
    return [first_body, second_body]
