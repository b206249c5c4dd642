# Mistake: run_and_return makes its own loop and runs main with run_until_complete instead of asyncio.run (and never closes the loop).
# Caught by: run-returns-result
import asyncio


async def wait_and_return(value, delay):
    await asyncio.sleep(delay)
    return value


async def main(value, delay):
    return await wait_and_return(value, delay)


def run_and_return(value, delay):
    loop = asyncio.new_event_loop()
    return loop.run_until_complete(main(value, delay))


if __name__ == "__main__":
    print(asyncio.run(main("hello, asyncio", 0.1)))
