#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
# The autograder zip holds this file, run_autograder, and the kit as asyncio-lab/ (see README.md).
set -euo pipefail

# Node 20 (the grader) and CPython 3 (the learner's code; standard library only).
apt-get install -y --no-install-recommends ca-certificates curl gnupg python3
curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
apt-get install -y --no-install-recommends nodejs

# Install and build the kit once; run_autograder copies it fresh for every submission.
cd /autograder/source/asyncio-lab
npm ci
