# Mistake: the program runs at import time because there is no script guard.
# Caught by: import-runs-nothing
import asyncio


async def wait_and_return(value, delay):
    await asyncio.sleep(delay)
    return value


async def main(value, delay):
    return await wait_and_return(value, delay)


def run_and_return(value, delay):
    return asyncio.run(main(value, delay))


print(asyncio.run(main("hello, asyncio", 0.1)))
