# Style: asyncio.TaskGroup for every gather (return_exceptions done by a wrapper that keeps the exception).
# Requires: Python 3.11

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
    for i in range(2, number + 1):
        total = await factorial_step(name, total, i)
    return total


async def factorials(a, b, c):
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(factorial(name, n)) for name, n in (("A", a), ("B", b), ("C", c))]
    return [task.result() for task in tasks]


async def fetch_all(items):
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(fetch_item(item)) for item in items]
    return [task.result() for task in tasks]


async def _result_or_exception(item):
    try:
        return await fetch_item(item)
    except Exception as error:  # kept, not swallowed: it takes the item's place
        return error


async def fetch_all_safely(items):
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(_result_or_exception(item)) for item in items]
    return [task.result() for task in tasks]


async def fetch_bounded(items, limit):
    semaphore = asyncio.Semaphore(limit)

    async def guarded(item):
        async with semaphore:
            return await fetch_item(item)

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(guarded(item)) for item in items]
    return [task.result() for task in tasks]


if __name__ == "__main__":
    print(asyncio.run(factorials(2, 3, 4)))
