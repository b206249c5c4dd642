# Mistake: wait_and_return written as a plain function with time.sleep: calling it blocks at once and makes no coroutine.
# Caught by: makes-a-coroutine, waits-without-blocking
import asyncio
import time


def wait_and_return(value, delay):
    time.sleep(delay)
    return value


async def main(value, delay):
    return await wait_and_return(value, delay)


def run_and_return(value, delay):
    return asyncio.run(main(value, delay))


if __name__ == "__main__":
    print(asyncio.run(main("hello, asyncio", 0.1)))
