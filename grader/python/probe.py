"""Entry point of one probe in a fresh process, where there is no fork (Windows):
python -I -S -B -u -X utf8 probe.py WITNESS_ADDRESS NONCE.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from asyncio_lab import probe

if __name__ == "__main__":
    probe.run(sys.argv[1], sys.argv[2])
