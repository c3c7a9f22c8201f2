#!/usr/bin/env python3
"""Summarises one pgbench run as a JSON line: tps from its output, latency percentiles from the
per-transaction logs (-l, third column = latency in microseconds)."""
import json
import re
import sys

output = open(sys.argv[1]).read()
latencies = []
for path in sys.argv[2:]:
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3 and parts[2].isdigit():
                latencies.append(int(parts[2]))
latencies.sort()


def percentile(p):
    if not latencies:
        return None
    return round(latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] / 1000, 3)


tps = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", output)
failed = re.search(r"number of failed transactions: (\d+)", output)
print(json.dumps({
    "tps": float(tps.group(1)) if tps else None,
    "transactions": len(latencies),
    "p50_ms": percentile(50),
    "p95_ms": percentile(95),
    "p99_ms": percentile(99),
    "max_ms": round(latencies[-1] / 1000, 3) if latencies else None,
    "failed": int(failed.group(1)) if failed else None,
    "aborted_clients": len(re.findall(r"client \d+ aborted", output)),
}))
