# Mistake: the script guard hands asyncio.run the function main instead of the coroutine main(...) makes.
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
    print(asyncio.run(main))
