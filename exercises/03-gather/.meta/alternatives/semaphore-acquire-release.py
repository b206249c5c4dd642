# Style: the semaphore taken with explicit acquire() and given back with release() in try/finally.

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
    results = await asyncio.gather(factorial("A", a), factorial("B", b), factorial("C", c))
    return results


async def fetch_all(items):
    return await asyncio.gather(*(fetch_item(item) for item in items))


async def fetch_all_safely(items):
    return await asyncio.gather(*map(fetch_item, items), return_exceptions=True)


async def fetch_bounded(items, limit):
    semaphore = asyncio.Semaphore(limit)

    async def guarded(item):
        await semaphore.acquire()
        try:
            return await fetch_item(item)
        finally:
            semaphore.release()

    return await asyncio.gather(*[guarded(item) for item in items])
