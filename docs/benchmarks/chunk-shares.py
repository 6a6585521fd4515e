#!/usr/bin/env python3
"""Where a plan's training chunks spent their wall time, from the chunk timings the embedded store keeps on disk.

Usage: python3 docs/benchmarks/chunk-shares.py REPRO_HOME   (after `REPRO_HOME=... ./repro quickstart`)
Prints the chunks' wall time, training and evaluation, setup, commit (on the committing thread), the time the
training thread spent on commits (commitWaitSeconds), and the share outside training and evaluation.
"""
import glob
import json
import sys

home = sys.argv[1]
wall = training = setup = commit = wait = 0.0
chunks = 0
for path in glob.glob(home + "/s3/**/chunks/*.json", recursive=True):
    timing = json.load(open(path))
    if timing["untilEpoch"] <= timing["fromEpoch"]:
        continue
    chunks += 1
    wall += timing["wallSeconds"]
    training += timing["epochSeconds"]
    setup += timing["setupSeconds"]
    commit += timing["commitSeconds"]
    wait += timing.get("commitWaitSeconds") or 0
print(f"chunks {chunks} wall {wall:.1f} train+eval {training:.1f} setup {setup:.2f} commit {commit:.2f} "
      f"commitWait {wait:.2f} other {wall - training - setup - wait:.2f} share {100 * (1 - training / wall):.2f} %")
