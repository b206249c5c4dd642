# Mistake: time.sleep instead of await asyncio.sleep, which blocks the event loop.
# Caught by: waits-without-blocking
import asyncio
import time


async def wait_and_return(value, delay):
    time.sleep(delay)
    return value


async def main(value, delay):
    return await wait_and_return(value, delay)


def run_and_return(value, delay):
    return asyncio.run(main(value, delay))


if __name__ == "__main__":
    print(asyncio.run(main("hello, asyncio", 0.1)))
