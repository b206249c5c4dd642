"""Stand-ins for exercise 01's functions, swapped in so one task's check does not depend on another task's code.

Each waits at the grader's witness, which stamps the start and the end of the call with its own clock, and says
what arguments it was given, so a check can tell a hard-coded or swapped argument from the right one. It waits
the delay it is given, but never long: a swapped argument (a value where the delay belongs) must not hold the run
up to its deadline.
"""


def _seconds(delay):
    if isinstance(delay, (int, float)) and not isinstance(delay, bool) and delay > 0:
        return min(float(delay), 0.5)
    return 0


def wait_and_return(config, lab):
    async def wait_and_return(value, delay):
        await lab.wait("wait_and_return", value, detail={"args": [value, delay]}, asked=_seconds(delay))
        return value

    # Reported names ("ran wait_and_return") read as the learner's own function.
    wait_and_return.__qualname__ = "wait_and_return"
    return wait_and_return


def main(config, lab):
    async def main(value, delay):
        await lab.wait("main", value, detail={"args": [value, delay]}, asked=_seconds(delay))
        return value

    main.__qualname__ = "main"
    return main
