# Mistake: run_and_return returns the coroutine object without running it.
# Caught by: run-returns-result
import asyncio


async def wait_and_return(value, delay):
    await asyncio.sleep(delay)
    return value


async def main(value, delay):
    return await wait_and_return(value, delay)


def run_and_return(value, delay):
    return main(value, delay)


if __name__ == "__main__":
    print(asyncio.run(main("hello, asyncio", 0.1)))
