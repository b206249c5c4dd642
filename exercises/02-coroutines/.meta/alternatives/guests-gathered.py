# Style: the host awaited first, then one gather over the guests (a gather of nothing is fine); tasks made with map.
import asyncio


async def kale(suffix):
    await asyncio.sleep(0.1)
    return "hello " + suffix


async def main(suffixes):
    for suffix in suffixes:
        greeting = await kale(suffix)
        print(greeting)


async def greet_one_by_one(suffixes):
    greetings = []
    for suffix in suffixes:
        greetings.append(await kale(suffix))
    return greetings


async def greet_all_at_once(suffixes):
    tasks = list(map(asyncio.create_task, map(kale, suffixes)))
    await asyncio.gather(*tasks)
    return [task.result() for task in tasks]


async def host_greeting(suffixes):
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    host = await tasks[0]
    await asyncio.gather(*tasks[1:])
    return host


if __name__ == "__main__":
    asyncio.run(main(["1", "2", "3"]))
