# Style: tasks created in one loop and awaited in a second; fetch_bounded with a Queue whose workers are cancelled after queue.join().

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
    tasks = []
    for name, n in (("A", a), ("B", b), ("C", c)):
        tasks.append(asyncio.create_task(factorial(name, n)))
    results = []
    for task in tasks:
        results.append(await task)
    return results


async def fetch_all(items):
    """Task 2. Fetch every item at the same time; results in the order of items."""
    tasks = [asyncio.create_task(fetch_item(item)) for item in items]
    return [await task for task in tasks]


async def fetch_all_safely(items):
    """Task 3. Like fetch_all, with each failure's exception in its item's place."""
    fetches = [fetch_item(item) for item in items]
    return await asyncio.gather(*fetches, return_exceptions=True)


async def fetch_bounded(items, limit):
    """Task 4. Fetch every item, never more than `limit` at the same time."""
    queue = asyncio.Queue()
    results = [None] * len(items)
    for pair in enumerate(items):
        await queue.put(pair)

    async def worker():
        while True:
            index, item = await queue.get()
            try:
                results[index] = await fetch_item(item)
            finally:
                queue.task_done()

    workers = [asyncio.create_task(worker()) for _ in range(limit)]
    await queue.join()
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    return results


# Given: do not change. `python gather.py` runs this small demo.
if __name__ == "__main__":
    print(asyncio.run(factorials(2, 3, 4)))  # [2, 6, 24] once task 1 is done
    print(asyncio.run(fetch_all_safely(["apple", "missing-pear", "fig"])))
