# Mistake: main prints wait_and_return's result instead of returning it (the guard, relying on that, prints nothing itself).
# Caught by: main-awaits
import asyncio


async def wait_and_return(value, delay):
    await asyncio.sleep(delay)
    return value


async def main(value, delay):
    result = await wait_and_return(value, delay)
    print(result)


def run_and_return(value, delay):
    return asyncio.run(main(value, delay))


if __name__ == "__main__":
    asyncio.run(main("hello, asyncio", 0.1))
