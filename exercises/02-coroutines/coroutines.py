"""Exercise 02: coroutines.

Calling a coroutine function does not run it: it only makes a coroutine object.
`await` runs a coroutine to the end before the next line, so a loop of awaits
runs one call after another. `asyncio.create_task` starts a coroutine at once,
so tasks created first and awaited later run at the same time. And every
coroutine you make, every task you start, must be awaited.

Read README.md in this folder first. Grade your work with:

    npm run grade -- 02

Stuck? `npm run grade -- hint 02` shows a hint.
"""

import asyncio


async def kale(suffix):
    """Given: do not change. Wait a moment, as a slow web call would, then greet.

    The grader swaps in its own kale with a different wait for each suffix, so
    your code must call kale, not copy what it does.
    """
    await asyncio.sleep(0.1)
    return "hello " + suffix


async def main(suffixes):
    """Task 1. Print the greeting kale(suffix) gives for each suffix, one a line, in order.

    For ["1", "2"] it prints:
        hello 1
        hello 2
    As given, it prints `<coroutine object kale at 0x...>` instead: fix it.
    """
    for suffix in suffixes:
        # TODO: kale(suffix) only makes a coroutine object. Get its greeting instead.
        greeting = kale(suffix)
        print(greeting)


async def greet_one_by_one(suffixes):
    """Task 2. Return [the greeting of kale(suffix) for each suffix], in the order of `suffixes`.

    Await each call before making the next one, so the calls run one after
    another: the second starts only when the first has finished. This one is
    slow on purpose; it shows that `await` waits.
    """
    # TODO: await kale(suffix) for each suffix in turn, and return the greetings in a list.


async def greet_all_at_once(suffixes):
    """Task 3. Return the same list as greet_one_by_one, but let all the calls run at the same time.

    Start every call first with asyncio.create_task, then await the tasks.
    It then takes about as long as the slowest call, not the sum of all of them.
    The greetings come back in the order of `suffixes`, not the order in which
    the calls happen to finish.
    """
    # TODO: create one task per suffix (all of them, before awaiting any).
    # TODO: await the tasks and return their greetings in the order of `suffixes`.


async def host_greeting(suffixes):
    """Task 4. Greet every suffix at once, and return the greeting of the first one (the host).

    Every suffix is a guest and suffixes[0] is the host. Only the host's
    greeting is returned, but every guest must be greeted: when host_greeting
    returns, no coroutine may be left un-awaited and no task left running.
    As given, it returns as soon as the host is greeted and leaves the other
    tasks pending: nobody collects their greetings, and asyncio cancels them
    when the program ends (or reports "Task was destroyed but it is pending!").
    Fix it.
    """
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    # TODO: the other tasks are still running when this returns. Await them all first.
    return await tasks[0]


if __name__ == "__main__":
    asyncio.run(main(["1", "2", "3"]))
