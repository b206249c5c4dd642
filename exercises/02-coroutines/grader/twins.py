"""The stand-in for exercise 02's given kale, swapped in so one task's check does not depend on another task's code.

It waits at the grader's witness, which stamps the start and the end of every call with its own clock.
"""


def kale(config, lab):
    async def kale(suffix):
        await lab.wait("kale", suffix)
        return "hello " + str(suffix)

    # Reported names ("coroutine kale was never awaited") read as the learner's kale.
    kale.__qualname__ = "kale"
    return kale
