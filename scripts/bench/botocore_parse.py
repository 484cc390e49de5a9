"""Times botocore's own config loader on a file: median and p95 in ms as JSON."""
import json
import statistics
import sys
import time

import botocore.configloader

path, runs = sys.argv[1], int(sys.argv[2])
for _ in range(3):
    botocore.configloader.load_config(path)
samples = []
for _ in range(runs):
    start = time.perf_counter()
    botocore.configloader.load_config(path)
    samples.append((time.perf_counter() - start) * 1000)
samples.sort()
print(json.dumps({
    "runs": runs,
    "median": statistics.median(samples),
    "p95": samples[max(0, int(0.95 * runs + 0.999999) - 1)],
    "min": samples[0],
    "max": samples[-1],
    "version": botocore.__version__,
}))
