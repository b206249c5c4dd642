# Mistake: main is a plain def that runs wait_and_return with asyncio.run: inside a running loop that raises, and the script's asyncio.run(main(...)) is handed a value, not a coroutine.
# Caught by: main-awaits, script-prints-result
import asyncio


async def wait_and_return(value, delay):
    await asyncio.sleep(delay)
    return value


def main(value, delay):
    return asyncio.run(wait_and_return(value, delay))


def run_and_return(value, delay):
    return asyncio.run(main(value, delay))


if __name__ == "__main__":
    print(asyncio.run(main("hello, asyncio", 0.1)))
