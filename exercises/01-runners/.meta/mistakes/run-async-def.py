# Mistake: run_and_return is written as async def and awaits main, so calling it from plain code only makes a coroutine.
# Caught by: run-returns-result
import asyncio


async def wait_and_return(value, delay):
    await asyncio.sleep(delay)
    return value


async def main(value, delay):
    return await wait_and_return(value, delay)


async def run_and_return(value, delay):
    return await main(value, delay)


if __name__ == "__main__":
    print(asyncio.run(main("hello, asyncio", 0.1)))
