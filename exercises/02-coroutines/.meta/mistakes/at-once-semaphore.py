# Mistake: greet_all_at_once lets only three calls run at a time, where every call should run at once.
# Caught by: at-once-overlaps
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
    limit = asyncio.Semaphore(3)

    async def greet(suffix):
        async with limit:
            return await kale(suffix)

    tasks = [asyncio.create_task(greet(suffix)) for suffix in suffixes]
    return [await task for task in tasks]


async def host_greeting(suffixes):
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    for task in tasks:
        await task
    return tasks[0].result()


if __name__ == "__main__":
    asyncio.run(main(["1", "2", "3"]))
