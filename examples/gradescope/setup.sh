#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (a fresh Ubuntu: 22.04 or newer, whose
# python3 is CPython 3.10 or newer, the oldest the kit supports).
# The autograder zip holds this file, run_autograder, and the kit as asyncio-lab/ (see README.md).
set -euo pipefail

ROOT="${AUTOGRADER_ROOT:-/autograder}"   # overridable to try the script outside Gradescope
export DEBIAN_FRONTEND=noninteractive

# A fresh image has no package lists yet: fetch them before installing anything.
apt-get update
# CPython 3 (the learner's code; standard library only), and what NodeSource's set-up script needs.
apt-get install -y --no-install-recommends ca-certificates curl gnupg python3
# Node.js 24, a current LTS (the grader).
curl -fsSL https://deb.nodesource.com/setup_24.x | bash -
apt-get install -y --no-install-recommends nodejs

# Install and build the kit once; run_autograder copies it fresh for every submission.
cd "$ROOT/source/asyncio-lab"
npm ci
