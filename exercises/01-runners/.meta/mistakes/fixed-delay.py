# Mistake: wait_and_return sleeps a fixed 0.3 s instead of `delay`: too short for a long delay, far too long for a zero one.
# Caught by: waits-without-blocking
import asyncio


async def wait_and_return(value, delay):
    await asyncio.sleep(0.3)
    return value


async def main(value, delay):
    return await wait_and_return(value, delay)


def run_and_return(value, delay):
    return asyncio.run(main(value, delay))


if __name__ == "__main__":
    print(asyncio.run(main("hello, asyncio", 0.1)))
