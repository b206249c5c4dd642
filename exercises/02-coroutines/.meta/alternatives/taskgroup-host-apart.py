# Style: a TaskGroup in host_greeting that keeps only the host's task in a name; the guests' tasks belong to the group.
# Requires: Python 3.11
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
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    greetings = []
    for task in tasks:
        greetings.append(await task)
    return greetings


async def host_greeting(suffixes):
    async with asyncio.TaskGroup() as group:
        host = group.create_task(kale(suffixes[0]))
        for guest in suffixes[1:]:
            group.create_task(kale(guest))
    return host.result()


if __name__ == "__main__":
    asyncio.run(main(["1", "2", "3"]))
