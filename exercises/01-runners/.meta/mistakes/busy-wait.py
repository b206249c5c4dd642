# Mistake: wait_and_return spins on the clock until the delay has passed, which blocks the loop as time.sleep does.
# Caught by: waits-without-blocking
import asyncio
import time


async def wait_and_return(value, delay):
    start = time.perf_counter()
    while time.perf_counter() - start < delay:
        pass
    return value


async def main(value, delay):
    return await wait_and_return(value, delay)


def run_and_return(value, delay):
    return asyncio.run(main(value, delay))


if __name__ == "__main__":
    print(asyncio.run(main("hello, asyncio", 0.1)))
