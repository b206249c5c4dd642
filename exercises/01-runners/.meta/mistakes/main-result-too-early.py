# Mistake: main creates a task and asks for its result at once, before the task has run (InvalidStateError).
# Caught by: main-awaits
import asyncio


async def wait_and_return(value, delay):
    await asyncio.sleep(delay)
    return value


async def main(value, delay):
    task = asyncio.create_task(wait_and_return(value, delay))
    return task.result()


def run_and_return(value, delay):
    return asyncio.run(main(value, delay))


if __name__ == "__main__":
    print(asyncio.run(main("hello, asyncio", 0.1)))
