# Mistake: run_and_return runs main but forgets to return asyncio.run's result.
# Caught by: run-returns-result
import asyncio


async def wait_and_return(value, delay):
    await asyncio.sleep(delay)
    return value


async def main(value, delay):
    return await wait_and_return(value, delay)


def run_and_return(value, delay):
    asyncio.run(main(value, delay))


if __name__ == "__main__":
    print(asyncio.run(main("hello, asyncio", 0.1)))
