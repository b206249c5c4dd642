"""Entry point of asyncio-lab's warm interpreter: python -I -S -B -u -X utf8 zygote.py WITNESS_ADDRESS [own-pid-namespace].

Imports asyncio, the harness and what learner code commonly imports, once; then forks a child per probe on
the grader's command (see asyncio_lab/zygote.py).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# Imported once here rather than in every probe.
import asyncio
import concurrent.futures
import urllib.request

from asyncio_lab import steps, zygote

if __name__ == "__main__":
    zygote.main(sys.argv[1], own_pid_namespace="own-pid-namespace" in sys.argv[2:])
