"""Exercise 03: gather.

`asyncio.gather(*awaitables)` runs several awaitables at the same time and
hands back their results as one list, in the order you passed them in (not the
order they finished). With `return_exceptions=True`, one failure no longer
throws away the other results. And when "all at once" is too many, an
`asyncio.Semaphore` keeps only a few running at a time.

Read README.md in this folder first. Grade your work with:

    npm run grade -- 03

Stuck? `npm run grade -- hint 03` shows a hint.
"""

import asyncio


# ---- given: do not change ---------------------------------------------------


async def factorial_step(name, total, i):
    """Given: do not change. One slow step of a factorial: returns total * i.

    It pauses a moment first (think of a slow computation or a network call),
    and prints what it did so you can watch steps of different names interleave.
    """
    await asyncio.sleep(0.1)
    print(f"factorial {name}: {total} * {i} = {total * i}")
    return total * i


async def fetch_item(item):
    """Given: do not change. A slow fetch: waits a moment, then returns "data:" + item.

    An item whose name starts with "missing" does not exist: fetching it raises
    LookupError.
    """
    await asyncio.sleep(0.1)
    if item.startswith("missing"):
        raise LookupError(f"no such item: {item!r}")
    return "data:" + item


# ---- your code --------------------------------------------------------------


async def factorial(name, number):
    """Task 1. Return number! (1 * 2 * ... * number), computed one step at a time.

    Start from total = 1 and, for i = 2, 3, ..., number, get the next total from
    `await factorial_step(name, total, i)`. factorial("C", 4) returns 24.
    """
    # TODO: compute number! with factorial_step, one step per i, and return it.


async def factorials(a, b, c):
    """Task 1. Run factorial("A", a), factorial("B", b) and factorial("C", c)
    concurrently, and return their results as a list in that order.

    factorials(2, 3, 4) returns [2, 6, 24]. The three run at the same time, so
    the whole call takes about as long as the longest one, not the sum of all three.
    """
    # TODO: gather the three factorial calls and return the list of results.


async def fetch_all(items):
    """Task 2. Fetch every item with fetch_item(item), all at the same time.

    Build the list of fetch_item(...) calls with a list comprehension and unpack
    it into asyncio.gather with `*`. Return the results in the order of `items`
    (some fetches finish before the ones listed ahead of them).
    """
    # TODO: one fetch_item(item) per item, run together; return the results in order.


async def fetch_all_safely(items):
    """Task 3. Like fetch_all, but one failing item must not lose the others.

    Some items do not exist and their fetch raises LookupError. Return one entry
    per item, in the order of `items`: the data for each item that was fetched,
    and the exception object itself in the place of each item that failed.
    """
    # TODO: gather the fetches so that exceptions come back as results.


async def fetch_bounded(items, limit):
    """Task 4. Fetch every item, but never more than `limit` at the same time.

    Use one asyncio.Semaphore(limit) for the whole call and hold it around each
    fetch_item call, so that exactly `limit` fetches are in flight while there
    is work waiting. Return the results in the order of `items`.
    """
    # TODO: make one semaphore, and fetch each item while holding it.


# Given: do not change. `python gather.py` runs this small demo.
if __name__ == "__main__":
    print(asyncio.run(factorials(2, 3, 4)))  # [2, 6, 24] once task 1 is done
    print(asyncio.run(fetch_all_safely(["apple", "missing-pear", "fig"])))
