#!/usr/bin/env python3
"""After / before from `repro bench` JSON files, with a Welch 95 % t interval on the logarithms.

Default (files from `repro bench --reference`): per side, each round's repro / PyTorch ratio; the ratio of the two
sides' geometric means. With --images (files from `repro bench` without --reference): per side, repro's images/s of
each round; the ratio of the two sides' geometric means, as a table.

Usage: python3 docs/benchmarks/ab-ratio.py [--images] --before B1.json [B2.json ...] --after A1.json [A2.json ...]
(Debian's python3 with python3-scipy.)
"""
import argparse
import json
import math
import statistics

from scipy import stats


def log_ratios(files):
    """Item -> the logarithms of its per-round repro / PyTorch ratios (measurements come repro, PyTorch, ...)."""
    out = {}
    for name in files:
        measurements = json.load(open(name))["measurements"]
        for repro, torch in zip(measurements[0::2], measurements[1::2]):
            assert repro["engine"] == "repro" and torch["engine"] == "pytorch" and repro["item"] == torch["item"]
            out.setdefault(repro["item"], []).append(math.log(repro["value"] / torch["value"]))
    return out


def log_images(files):
    """Item (with its thread count) -> the logarithms of repro's images/s, one per measurement."""
    out = {}
    for name in files:
        for measurement in json.load(open(name))["measurements"]:
            if measurement["engine"] == "repro" and measurement["unit"] == "images/s":
                key = f"{measurement['item']}, {measurement['threads']} threads"
                out.setdefault(key, []).append(math.log(measurement["value"]))
    return out


def welch(before, after):
    """Difference of the means of two samples of logarithms, its 95 % half-width, and a verdict."""
    vb, va = statistics.variance(before) / len(before), statistics.variance(after) / len(after)
    df = (vb + va) ** 2 / (vb ** 2 / (len(before) - 1) + va ** 2 / (len(after) - 1))
    d = statistics.mean(after) - statistics.mean(before)
    h = stats.t.ppf(0.975, df) * math.sqrt(vb + va)
    verdict = "faster" if d - h > 0 else "slower" if d + h < 0 else "no difference shown"
    return d, h, verdict


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", action="store_true", help="compare repro's images/s, not ratios to PyTorch")
    parser.add_argument("--before", nargs="+", required=True)
    parser.add_argument("--after", nargs="+", required=True)
    args = parser.parse_args()
    read = log_images if args.images else log_ratios
    before, after = read(args.before), read(args.after)
    if args.images:
        print("| item | before (rounds) | after (rounds) | after / before [95 %] |")
        print("|---|---|---|---|")
    for item in before:
        b, a = before[item], after.get(item, [])
        if len(b) < 2 or len(a) < 2:
            continue
        d, h, verdict = welch(b, a)
        interval = f"{math.exp(d):.2f}x [{math.exp(d - h):.2f}x, {math.exp(d + h):.2f}x] {verdict}"
        if args.images:
            print(f"| {item} | {math.exp(min(b)):.1f}-{math.exp(max(b)):.1f} ({len(b)}) "
                  f"| {math.exp(min(a)):.1f}-{math.exp(max(a)):.1f} ({len(a)}) | {interval} |")
        else:
            print(f"{item}: before {math.exp(statistics.mean(b)):.2f}x, after {math.exp(statistics.mean(a)):.2f}x of"
                  f" PyTorch; after / before {interval} ({len(b)} and {len(a)} rounds)")


if __name__ == "__main__":
    main()
