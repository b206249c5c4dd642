# Mistake: greet_all_at_once waits with asyncio.wait and no guard, so an empty list of suffixes raises ValueError instead of giving [].
# Caught by: at-once-in-order
import asyncio


async def kale(suffix):
    await asyncio.sleep(0.1)
    return "hello " + suffix


async def main(suffixes):
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    if tasks:
        await asyncio.wait(tasks)
    for task in tasks:
        print(task.result())


async def greet_one_by_one(suffixes):
    greetings = []
    for suffix in suffixes:
        task = asyncio.create_task(kale(suffix))
        await asyncio.wait([task])
        greetings.append(task.result())
    return greetings


async def greet_all_at_once(suffixes):
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    done, pending = await asyncio.wait(tasks)
    assert not pending
    return [task.result() for task in tasks]


async def host_greeting(suffixes):
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    await asyncio.wait(tasks, return_when=asyncio.ALL_COMPLETED)
    return tasks[0].result()


if __name__ == "__main__":
    asyncio.run(main(["1", "2", "3"]))
