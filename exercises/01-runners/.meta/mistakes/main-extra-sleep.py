# Mistake: main sleeps the delay itself before awaiting wait_and_return, so it takes twice as long.
# Caught by: main-awaits
import asyncio


async def wait_and_return(value, delay):
    await asyncio.sleep(delay)
    return value


async def main(value, delay):
    await asyncio.sleep(delay)
    return await wait_and_return(value, delay)


def run_and_return(value, delay):
    return asyncio.run(main(value, delay))


if __name__ == "__main__":
    print(asyncio.run(main("hello, asyncio", 0.1)))
