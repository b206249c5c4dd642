"""Exercise 01: runners.

A coroutine only runs inside an event loop, and `asyncio.run` is how a program
starts one: it runs a coroutine to the end, closes the loop, and hands back the
coroutine's result.

Read README.md in this folder first. Grade your work with:

    npm run grade -- 01

Stuck? `npm run grade -- hint 01` shows a hint.
"""

import asyncio


async def wait_and_return(value, delay):
    """Task 1. Wait `delay` seconds, then return `value`.

    While it waits, other tasks on the event loop must be free to run, so wait
    the asyncio way, not with time.sleep.
    """
    # TODO: wait for `delay` seconds without blocking the event loop.
    # TODO: return `value`.


async def main(value, delay):
    """Task 2. Run wait_and_return(value, delay) and return what it returns.

    main is a coroutine, so it is already inside a running event loop: run
    other coroutines from here with `await`.
    """
    # TODO: get the result of wait_and_return(value, delay) and return it.


def run_and_return(value, delay):
    """Task 3. Run main(value, delay) to completion and return its result.

    This is a plain function: nothing is running an event loop when it is
    called, so it has to start one.
    """
    # TODO: run main(value, delay) with asyncio.run and return its result.


# Task 4. When this file is run as a script (`python runners.py`), run
# main("hello, asyncio", 0.1) with asyncio.run and print the result.
# Importing this file (which is what the grader does) must run nothing.
# TODO: add the script guard, and the two lines under it.
