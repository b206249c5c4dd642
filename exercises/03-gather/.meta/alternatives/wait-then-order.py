# Style: asyncio.wait on tasks (with a guard for an empty list, which wait refuses), then results read back in the order the tasks were made.

import asyncio


# ---- given: do not change ---------------------------------------------------


async def factorial_step(name, total, i):
    await asyncio.sleep(0.1)
    print(f"factorial {name}: {total} * {i} = {total * i}")
    return total * i


async def fetch_item(item):
    await asyncio.sleep(0.1)
    if item.startswith("missing"):
        raise LookupError(f"no such item: {item!r}")
    return "data:" + item


# ---- your code --------------------------------------------------------------


async def factorial(name, number):
    total = 1
    i = 2
    while i <= number:
        total = await factorial_step(name, total, i)
        i += 1
    return total


async def factorials(a, b, c):
    tasks = [asyncio.create_task(factorial("A", a)), asyncio.create_task(factorial("B", b)), asyncio.create_task(factorial("C", c))]
    await asyncio.wait(tasks)
    return [task.result() for task in tasks]


async def fetch_all(items):
    if not items:
        return []
    tasks = [asyncio.create_task(fetch_item(item)) for item in items]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.ALL_COMPLETED)
    assert not pending
    return [task.result() for task in tasks]


async def fetch_all_safely(items):
    if not items:
        return []
    tasks = [asyncio.create_task(fetch_item(item)) for item in items]
    await asyncio.wait(tasks)
    return [task.exception() if task.exception() is not None else task.result() for task in tasks]


async def fetch_bounded(items, limit):
    semaphore = asyncio.Semaphore(limit)

    async def guarded(item):
        async with semaphore:
            return await fetch_item(item)

    tasks = [asyncio.create_task(guarded(item)) for item in items]
    if tasks:
        await asyncio.wait(tasks)
    return [task.result() for task in tasks]
