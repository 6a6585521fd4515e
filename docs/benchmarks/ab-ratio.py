#!/usr/bin/env python3
"""After / before from `repro bench --reference` JSON files: per side, each round's repro / PyTorch ratio; the ratio
of the two sides' geometric means with a Welch 95 % t interval on the logarithms.

Usage: python3 docs/benchmarks/ab-ratio.py --before B1.json [B2.json ...] --after A1.json [A2.json ...]
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", nargs="+", required=True)
    parser.add_argument("--after", nargs="+", required=True)
    args = parser.parse_args()
    before, after = log_ratios(args.before), log_ratios(args.after)
    for item in before:
        b, a = before[item], after[item]
        vb, va = statistics.variance(b) / len(b), statistics.variance(a) / len(a)
        df = (vb + va) ** 2 / (vb ** 2 / (len(b) - 1) + va ** 2 / (len(a) - 1))
        d = statistics.mean(a) - statistics.mean(b)
        h = stats.t.ppf(0.975, df) * math.sqrt(vb + va)
        verdict = "faster" if d - h > 0 else "slower" if d + h < 0 else "no difference shown"
        print(f"{item}: before {math.exp(statistics.mean(b)):.2f}x, after {math.exp(statistics.mean(a)):.2f}x of PyTorch;"
              f" after / before {math.exp(d):.2f}x [{math.exp(d - h):.2f}x, {math.exp(d + h):.2f}x] {verdict}"
              f" ({len(b)} and {len(a)} rounds)")


if __name__ == "__main__":
    main()
