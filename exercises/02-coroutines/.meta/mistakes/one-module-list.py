# Mistake: greet_one_by_one appends to a list made at module level, so a second call returns the first call's greetings too.
# Caught by: one-by-one
import asyncio


async def kale(suffix):
    await asyncio.sleep(0.1)
    return "hello " + suffix


greetings = []


async def main(suffixes):
    for suffix in suffixes:
        greeting = await kale(suffix)
        print(greeting)


async def greet_one_by_one(suffixes):
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
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    for task in tasks:
        await task
    return tasks[0].result()


if __name__ == "__main__":
    asyncio.run(main(["1", "2", "3"]))
