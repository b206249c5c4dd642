# Style: a while loop for factorial and zip over the names; as_completed with the order restored; fetch_bounded as a sliding window with asyncio.wait(FIRST_COMPLETED).

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
    total, i = 1, 2
    while i <= number:
        total = await factorial_step(name, total, i)
        i += 1
    return total


async def factorials(a, b, c):
    """Task 1. Run the three factorials concurrently; results in argument order."""
    jobs = [factorial(name, n) for name, n in zip(["A", "B", "C"], [a, b, c])]
    return await asyncio.gather(*jobs)


async def fetch_all(items):
    """Task 2. Fetch every item at the same time; results in the order of items."""
    async def indexed(i, item):
        return i, await fetch_item(item)

    results = [None] * len(items)
    for next_one in asyncio.as_completed([indexed(i, item) for i, item in enumerate(items)]):
        i, data = await next_one
        results[i] = data
    return results


async def fetch_all_safely(items):
    """Task 3. Like fetch_all, with each failure's exception in its item's place."""
    fetches = [fetch_item(item) for item in items]
    return await asyncio.gather(*fetches, return_exceptions=True)


async def fetch_bounded(items, limit):
    """Task 4. Fetch every item, never more than `limit` at the same time."""
    results = [None] * len(items)
    running = {}
    todo = list(enumerate(items))
    while todo or running:
        while todo and len(running) < limit:
            index, item = todo.pop(0)
            running[asyncio.ensure_future(fetch_item(item))] = index
        done, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            results[running.pop(task)] = task.result()
    return results


# Given: do not change. `python gather.py` runs this small demo.
if __name__ == "__main__":
    print(asyncio.run(factorials(2, 3, 4)))  # [2, 6, 24] once task 1 is done
    print(asyncio.run(fetch_all_safely(["apple", "missing-pear", "fig"])))
