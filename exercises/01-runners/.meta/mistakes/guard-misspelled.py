# Mistake: the script guard compares __name__ with "main", so nothing runs when the file runs as a script.
# Caught by: script-prints-result
import asyncio


async def wait_and_return(value, delay):
    await asyncio.sleep(delay)
    return value


async def main(value, delay):
    return await wait_and_return(value, delay)


def run_and_return(value, delay):
    return asyncio.run(main(value, delay))


if __name__ == "main":
    print(asyncio.run(main("hello, asyncio", 0.1)))
