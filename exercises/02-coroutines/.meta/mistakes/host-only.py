# Mistake: host_greeting greets only the host and never calls kale for the guests.
# Caught by: leaves-nothing-behind
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
    """Task 3. Start every call first, then await them; return the greetings in order."""
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    greetings = []
    for task in tasks:
        greetings.append(await task)
    return greetings


async def host_greeting(suffixes):
    return await kale(suffixes[0])


if __name__ == "__main__":
    asyncio.run(main(["1", "2", "3"]))
