# Style: asyncio.TaskGroup around tasks that wrap fetch_url_async, results read from the tasks afterwards.
# Requires: Python 3.11
import asyncio
import urllib.request


def fetch_url(url):
    request = urllib.request.Request(url, method="GET")
    with urllib.request.urlopen(request) as response:
        charset = response.headers.get_content_charset() or "utf-8"
        return response.read().decode(charset)


async def fetch_url_async(url):
    body = await asyncio.to_thread(fetch_url, url)
    return body


async def fetch_all(urls):
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(fetch_url_async(url)) for url in urls]
    return [task.result() for task in tasks]


async def main(url):
    coro = asyncio.to_thread(fetch_url, url)
    x = await coro
    return x


async def fetch_pair(first_url, second_url):
    async with asyncio.TaskGroup() as group:
        first = group.create_task(asyncio.to_thread(fetch_url, first_url))
        second = group.create_task(asyncio.to_thread(fetch_url, second_url))
    return [first.result(), second.result()]
