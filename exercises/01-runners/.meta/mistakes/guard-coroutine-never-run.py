# Mistake: the script guard calls main(...) on its own: that only makes a coroutine, which never runs.
# Caught by: script-prints-result
import asyncio


async def wait_and_return(value, delay):
    await asyncio.sleep(delay)
    return value


async def main(value, delay):
    return await wait_and_return(value, delay)


def run_and_return(value, delay):
    return asyncio.run(main(value, delay))


if __name__ == "__main__":
    main("hello, asyncio", 0.1)
