# Mistake: greet_all_at_once collects the greetings as the calls finish (asyncio.as_completed), so they come back in completion order, not the order of suffixes.
# Caught by: at-once-in-order
import asyncio


async def kale(suffix):
    """Given: do not change. Wait a moment, as a slow web call would, then greet."""
    await asyncio.sleep(0.1)
    return "hello " + suffix


async def main(suffixes):
    """Task 1. Print the greeting kale(suffix) gives for each suffix, one a line, in order."""
    for suffix in suffixes:
        greeting = await kale(suffix)
        print(greeting)


async def greet_one_by_one(suffixes):
    """Task 2. Await each call before making the next; return the greetings in order."""
    greetings = []
    for suffix in suffixes:
        greetings.append(await kale(suffix))
    return greetings


async def greet_all_at_once(suffixes):
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    greetings = []
    for finished in asyncio.as_completed(tasks):
        greetings.append(await finished)
    return greetings


async def host_greeting(suffixes):
    """Task 4. Greet every suffix at once; return the host's greeting once every task is done."""
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    for task in tasks:
        await task
    return tasks[0].result()


if __name__ == "__main__":
    asyncio.run(main(["1", "2", "3"]))
