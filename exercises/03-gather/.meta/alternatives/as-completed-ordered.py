# Style: asyncio.as_completed, with each result put back at its item's index.

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


async def _indexed(index, awaitable):
    try:
        return index, await awaitable, None
    except Exception as error:
        return index, None, error


async def _in_order(awaitables, keep_exceptions=False):
    results: list = [None] * len(awaitables)
    for finished in asyncio.as_completed([_indexed(i, a) for i, a in enumerate(awaitables)]):
        index, value, error = await finished
        if error is not None and not keep_exceptions:
            raise error
        results[index] = error if error is not None else value
    return results


async def factorials(a, b, c):
    return await _in_order([factorial("A", a), factorial("B", b), factorial("C", c)])


async def fetch_all(items):
    return await _in_order([fetch_item(item) for item in items])


async def fetch_all_safely(items):
    return await _in_order([fetch_item(item) for item in items], keep_exceptions=True)


async def fetch_bounded(items, limit):
    semaphore = asyncio.Semaphore(limit)

    async def guarded(item):
        async with semaphore:
            return await fetch_item(item)

    return await _in_order([guarded(item) for item in items])
