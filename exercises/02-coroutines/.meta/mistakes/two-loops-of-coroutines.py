# Mistake: greet_all_at_once has two loops, but the first makes plain coroutines, not tasks: nothing starts until each is awaited, so the calls run one after another.
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
    calls = []
    for suffix in suffixes:
        calls.append(kale(suffix))
    greetings = []
    for call in calls:
        greetings.append(await call)
    return greetings


async def host_greeting(suffixes):
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    for task in tasks:
        await task
    return tasks[0].result()


if __name__ == "__main__":
    asyncio.run(main(["1", "2", "3"]))
