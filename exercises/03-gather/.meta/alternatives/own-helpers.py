# Style: helper functions and a small class of the learner's own (a Fetcher that owns its semaphore).

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
    async def multiply_up(total, numbers):
        for i in numbers:
            total = await factorial_step(name, total, i)
        return total

    return await multiply_up(1, range(2, number + 1))


def _factorial_jobs(a, b, c):
    return [factorial(name, number) for name, number in {"A": a, "B": b, "C": c}.items()]


async def _run_all(awaitables, **options):
    return await asyncio.gather(*awaitables, **options)


async def factorials(a, b, c):
    return await _run_all(_factorial_jobs(a, b, c))


async def fetch_all(items):
    return await _run_all([fetch_item(item) for item in items])


async def fetch_all_safely(items):
    return await _run_all([fetch_item(item) for item in items], return_exceptions=True)


class Fetcher:
    """Fetches items, never more than `limit` at the same time."""

    def __init__(self, limit):
        self.slots = asyncio.Semaphore(limit)

    async def fetch(self, item):
        async with self.slots:
            return await fetch_item(item)

    async def fetch_many(self, items):
        return await _run_all([self.fetch(item) for item in items])


async def fetch_bounded(items, limit):
    return await Fetcher(limit).fetch_many(items)
