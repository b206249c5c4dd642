# Style: asyncio.ensure_future and asyncio.wait (with a guard for an empty list, which wait refuses), with the results put back in the order of the URLs.
import asyncio
import urllib.request


def fetch_url(url):
    with urllib.request.urlopen(url) as response:
        data = response.read()
    return data.decode()


async def fetch_url_async(url):
    return await asyncio.ensure_future(asyncio.to_thread(fetch_url, url))


async def fetch_all(urls):
    if not urls:
        return []
    tasks = [asyncio.ensure_future(fetch_url_async(url)) for url in urls]
    done, pending = await asyncio.wait(tasks)
    assert not pending
    return [task.result() for task in tasks]


async def main(url):
    task = asyncio.ensure_future(asyncio.to_thread(fetch_url, url))
    done, _ = await asyncio.wait({task})
    return done.pop().result()


async def fetch_pair(first_url, second_url):
    first = asyncio.ensure_future(fetch_url_async(first_url))
    second = asyncio.ensure_future(fetch_url_async(second_url))
    await asyncio.wait([first, second], return_when=asyncio.ALL_COMPLETED)
    return [first.result(), second.result()]
