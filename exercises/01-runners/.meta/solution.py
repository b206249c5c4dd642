"""Exercise 01: runners (reference solution)."""

import asyncio


async def wait_and_return(value, delay):
    """Task 1. Wait `delay` seconds, then return `value`."""
    await asyncio.sleep(delay)
    return value


async def main(value, delay):
    """Task 2. Run wait_and_return(value, delay) and return what it returns."""
    return await wait_and_return(value, delay)


def run_and_return(value, delay):
    """Task 3. Run main(value, delay) to completion and return its result."""
    return asyncio.run(main(value, delay))


if __name__ == "__main__":
    result = asyncio.run(main("hello, asyncio", 0.1))
    print(result)
