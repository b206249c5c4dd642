# Style: asyncio.TaskGroup for the tasks of tasks 3 and 4, and a list comprehension of awaits for task 2.
# Requires: Python 3.11
import asyncio


async def kale(suffix):
    await asyncio.sleep(0.1)
    return "hello " + suffix


async def main(suffixes):
    for suffix in suffixes:
        print(await kale(suffix))


async def greet_one_by_one(suffixes):
    return [await kale(suffix) for suffix in suffixes]


async def greet_all_at_once(suffixes):
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(kale(suffix)) for suffix in suffixes]
    return [task.result() for task in tasks]


async def host_greeting(suffixes):
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(kale(suffix)) for suffix in suffixes]
    return tasks[0].result()


if __name__ == "__main__":
    asyncio.run(main(["1", "2", "3"]))
