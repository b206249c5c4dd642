# Style: each task awaited through asyncio.wait_for with a generous timeout; main prints from tasks it started first; while loops over an index.
import asyncio


async def kale(suffix):
    await asyncio.sleep(0.1)
    return "hello " + suffix


async def main(suffixes):
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    for task in tasks:
        print(await task)


async def greet_one_by_one(suffixes):
    greetings = []
    i = 0
    while i < len(suffixes):
        greetings = greetings + [await kale(suffixes[i])]
        i += 1
    return greetings


async def greet_all_at_once(suffixes):
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    return [await asyncio.wait_for(task, timeout=10) for task in tasks]


async def host_greeting(suffixes):
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    greetings = [await asyncio.wait_for(task, timeout=10) for task in tasks]
    return greetings[0]


if __name__ == "__main__":
    asyncio.run(main(["1", "2", "3"]))
