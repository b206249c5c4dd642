# Style: task 2 by recursion over slices of the list (the caller's list is left alone); gather over ensure_future; the guests gathered before the host is awaited.
import asyncio


async def kale(suffix):
    await asyncio.sleep(0.1)
    return "hello " + suffix


async def main(suffixes):
    for suffix in suffixes:
        greeting = await kale(suffix)
        print(greeting)


async def greet_one_by_one(suffixes):
    if not suffixes:
        return []
    first = await kale(suffixes[0])
    return [first] + await greet_one_by_one(suffixes[1:])


async def greet_all_at_once(suffixes):
    return await asyncio.gather(*[asyncio.ensure_future(kale(suffix)) for suffix in suffixes])


async def host_greeting(suffixes):
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    await asyncio.gather(*tasks[1:])
    return await tasks[0]


if __name__ == "__main__":
    asyncio.run(main(["1", "2", "3"]))
