# Mistake: the script guard sits above the definitions, so running the file raises NameError before main exists.
# Caught by: script-prints-result
import asyncio


if __name__ == "__main__":
    print(asyncio.run(main("hello, asyncio", 0.1)))


async def wait_and_return(value, delay):
    await asyncio.sleep(delay)
    return value


async def main(value, delay):
    return await wait_and_return(value, delay)


def run_and_return(value, delay):
    return asyncio.run(main(value, delay))
