# Mistake: greet_one_by_one runs the calls at once with asyncio.gather, where the task asks for one after another.
# Caught by: one-by-one
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
    return list(await asyncio.gather(*[kale(suffix) for suffix in suffixes]))


async def greet_all_at_once(suffixes):
    """Task 3. Start every call first, then await them; return the greetings in order."""
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    greetings = []
    for task in tasks:
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
