# Mistake: greet_all_at_once awaits each task right after creating it, inside the same loop iteration, so the calls run one after another.
# Caught by: at-once-overlaps
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
    greetings = []
    for suffix in suffixes:
        task = asyncio.create_task(kale(suffix))
        greetings.append(await task)
    return greetings


async def host_greeting(suffixes):
    """Task 4. Greet every suffix at once; return the host's greeting once every task is done."""
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    for task in tasks:
        await task
    return tasks[0].result()


if __name__ == "__main__":
    asyncio.run(main(["1", "2", "3"]))
