# Mistake: main wraps each call in a task and prints the task, not its greeting (and leaves the tasks pending).
# Caught by: main-prints-greetings
import asyncio


async def kale(suffix):
    """Given: do not change. Wait a moment, as a slow web call would, then greet."""
    await asyncio.sleep(0.1)
    return "hello " + suffix


async def main(suffixes):
    for suffix in suffixes:
        print(asyncio.create_task(kale(suffix)))


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
    """Task 4. Greet every suffix at once; return the host's greeting once every task is done."""
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    for task in tasks:
        await task
    return tasks[0].result()


if __name__ == "__main__":
    asyncio.run(main(["1", "2", "3"]))
