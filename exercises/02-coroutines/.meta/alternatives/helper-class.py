# Style: the learner's own helper coroutine and a small class that starts the calls and collects them later.
import asyncio


async def kale(suffix):
    await asyncio.sleep(0.1)
    return "hello " + suffix


async def greet(suffix):
    greeting = await kale(suffix)
    return greeting


class Greeter:
    def __init__(self, suffixes):
        self.tasks = [asyncio.create_task(greet(suffix)) for suffix in suffixes]

    async def collect(self):
        return [await task for task in self.tasks]


async def main(suffixes):
    for suffix in suffixes:
        print(await greet(suffix))


async def greet_one_by_one(suffixes):
    out = []
    for suffix in suffixes:
        out.append(await greet(suffix))
    return out


async def greet_all_at_once(suffixes):
    return await Greeter(suffixes).collect()


async def host_greeting(suffixes):
    greetings = await Greeter(suffixes).collect()
    return greetings[0]


if __name__ == "__main__":
    asyncio.run(main(["1", "2", "3"]))
