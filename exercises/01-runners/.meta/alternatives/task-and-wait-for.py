# Style: a task awaited in main, and asyncio.wait_for with a generous timeout around the wait.
import asyncio


async def wait_and_return(value, delay):
    await asyncio.wait_for(asyncio.sleep(delay), timeout=delay + 10)
    return value


async def main(value, delay):
    task = asyncio.create_task(wait_and_return(value, delay))
    return await task


def run_and_return(value, delay):
    return asyncio.run(main(value, delay))


if __name__ == "__main__":
    print(asyncio.run(main("hello, asyncio", 0.1)))
