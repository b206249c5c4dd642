# Mistake: host_greeting awaits the host, then each guest in turn, instead of greeting every suffix at once.
# Caught by: leaves-nothing-behind
import asyncio


async def kale(suffix):
    """Given: do not change."""
    await asyncio.sleep(0.1)
    return "hello " + suffix


async def main(suffixes):
    for suffix in suffixes:
        greeting = await kale(suffix)
        print(greeting)


async def greet_one_by_one(suffixes):
    greetings = []
    for suffix in suffixes:
        greetings.append(await kale(suffix))
    return greetings


async def greet_all_at_once(suffixes):
    tasks = [asyncio.create_task(kale(suffix)) for suffix in suffixes]
    return [await task for task in tasks]


async def host_greeting(suffixes):
    greeting = await kale(suffixes[0])
    for guest in suffixes[1:]:
        await kale(guest)
    return greeting


if __name__ == "__main__":
    asyncio.run(main(["1", "2", "3"]))
