# Style: asyncio.ensure_future to schedule, then gather over the futures; keyword-only use of return_exceptions.

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
    for i in range(number, 1, -1):  # multiplying from the top down gives the same product
        total = await factorial_step(name, total, i)
    return total


async def factorials(a, b, c):
    futures = [asyncio.ensure_future(factorial(name, n)) for name, n in zip("ABC", (a, b, c))]
    return list(await asyncio.gather(*futures))


async def fetch_all(items):
    futures = list(map(asyncio.ensure_future, map(fetch_item, items)))
    return await asyncio.gather(*futures)


async def fetch_all_safely(items):
    futures = [asyncio.ensure_future(fetch_item(item)) for item in items]
    results = await asyncio.gather(*futures, return_exceptions=True)
    return results


async def fetch_bounded(items, limit):
    semaphore = asyncio.Semaphore(value=limit)

    async def guarded(item):
        async with semaphore:
            return await fetch_item(item)

    futures = [asyncio.ensure_future(guarded(item)) for item in items]
    return await asyncio.gather(*futures)
