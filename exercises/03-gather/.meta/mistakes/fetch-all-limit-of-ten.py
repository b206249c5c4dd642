# Mistake: fetch_all reuses fetch_bounded with a limit of 10: with more than ten items, not every fetch is in flight at once.
# Caught by: fetch-all-gathered

import asyncio


# ---- given: do not change ---------------------------------------------------


async def factorial_step(name, total, i):
    """Given: do not change. One slow step of a factorial: returns total * i."""
    await asyncio.sleep(0.1)
    print(f"factorial {name}: {total} * {i} = {total * i}")
    return total * i


async def fetch_item(item):
    """Given: do not change. A slow fetch: waits a moment, then returns "data:" + item."""
    await asyncio.sleep(0.1)
    if item.startswith("missing"):
        raise LookupError(f"no such item: {item!r}")
    return "data:" + item


# ---- your code --------------------------------------------------------------


async def factorial(name, number):
    """Task 1. Return number!, computed one step at a time."""
    total = 1
    for i in range(2, number + 1):
        total = await factorial_step(name, total, i)
    return total


async def factorials(a, b, c):
    """Task 1. Run the three factorials concurrently; results in argument order."""
    return await asyncio.gather(
        factorial("A", a),
        factorial("B", b),
        factorial("C", c),
    )


async def fetch_all(items):
    """Task 2. Fetch every item at the same time; results in the order of items."""
    return await fetch_bounded(items, 10)


async def fetch_all_safely(items):
    """Task 3. Like fetch_all, with each failure's exception in its item's place."""
    fetches = [fetch_item(item) for item in items]
    return await asyncio.gather(*fetches, return_exceptions=True)


async def fetch_bounded(items, limit):
    """Task 4. Fetch every item, never more than `limit` at the same time."""
    semaphore = asyncio.Semaphore(limit)

    async def fetch_one(item):
        async with semaphore:
            return await fetch_item(item)

    return await asyncio.gather(*[fetch_one(item) for item in items])


# Given: do not change. `python gather.py` runs this small demo.
if __name__ == "__main__":
    print(asyncio.run(factorials(2, 3, 4)))  # [2, 6, 24] once task 1 is done
    print(asyncio.run(fetch_all_safely(["apple", "missing-pear", "fig"])))
