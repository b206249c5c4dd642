# Mistake: asyncio.sleep(delay) without await: it only makes a coroutine, so nothing waits (and Python warns it was never awaited).
# Caught by: waits-without-blocking
import asyncio


async def wait_and_return(value, delay):
    asyncio.sleep(delay)
    return value


async def main(value, delay):
    return await wait_and_return(value, delay)


def run_and_return(value, delay):
    return asyncio.run(main(value, delay))


if __name__ == "__main__":
    print(asyncio.run(main("hello, asyncio", 0.1)))
