"""The bench workloads in numpy, the tool the decks use. Prints one JSON object of median times in milliseconds.

Run by compare.sh with Debian's interpreter (/usr/bin/python3) and OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset.
Same shapes as bench/Descent.Bench (n = 1,000,000 rows, p = 16 features); the data are random (seeded) like the C# side.
"""
import json
import os
import sys
import time

import numpy as np

N, P, M = 1_000_000, 16, 32


CPU = {}


def median_ms(fn, repeat, warmup=2, name=None):
    """Median wall time in ms; also records the median process CPU time (all threads) under CPU[name]."""
    for _ in range(warmup):
        fn()
    wall, cpu = [], []
    for _ in range(repeat):
        c, t = time.process_time(), time.perf_counter()
        fn()
        wall.append((time.perf_counter() - t) * 1e3)
        cpu.append((time.process_time() - c) * 1e3)
    if name:
        CPU[name] = {"wall_ms": float(np.median(wall)), "cpu_ms": float(np.median(cpu))}
    return float(np.median(wall))


def main():
    rng = np.random.default_rng(2024)
    X = rng.uniform(-1, 1, size=(N, P))
    y = X @ (0.5 ** np.arange(P)) + 0.1 * rng.uniform(-1, 1, size=N)
    theta = 0.1 * np.arange(P)

    results = {"numpy": np.__version__, "python": sys.version.split()[0]}

    # Full batch: the gradient expression from the issue, and value + gradient as the C# benchmark computes them.
    results["gradient_ms"] = median_ms(lambda: X.T @ (X @ theta - y), 15, name="gradient")

    def value_and_gradient():
        r = X @ theta - y
        return (r @ r) / N, (2 / N) * (X.T @ r)
    results["value_and_gradient_ms"] = median_ms(value_and_gradient, 15, name="value_and_gradient")
    results["read_once_ms"] = median_ms(lambda: X.sum(), 15, name="read_once")

    # One epoch of mini-batch SGD, m = 32: reshuffle, then 31,250 steps on fancy-indexed batches.
    state = {"theta": np.zeros(P)}
    shuffle = np.random.default_rng(1)

    def sgd_epoch():
        th = state["theta"]
        order = shuffle.permutation(N)
        for start in range(0, N, M):
            rows = order[start:start + M]
            Xb = X[rows]
            g = (2 / len(rows)) * (Xb.T @ (Xb @ th - y[rows]))
            th -= 0.01 * g
    results["sgd_epoch_ms"] = median_ms(sgd_epoch, 3, warmup=1, name="sgd_epoch")

    # The 200 x 200 MSE grid the Data 100 way: mse_loss(theta, X, y) for every theta, on the tips-sized data (n = 244).
    Xs = np.column_stack([np.ones(244), X[:244, 1]])
    ys = y[:244]

    def mse_loss(t, X_, y_):
        return np.mean((X_ @ t - y_) ** 2)
    t0s, t1s = np.linspace(-1, 1, 200), np.linspace(-1, 1, 200)

    def grid():
        return [[mse_loss(np.array([a, b]), Xs, ys) for a in t0s] for b in t1s]
    results["mse_grid_244_ms"] = median_ms(grid, 3, warmup=1, name="mse_grid_244")

    # One Adam step on p = 16, numpy-style.
    s, r, th = np.zeros(P), np.zeros(P), theta.copy()

    def adam_steps():
        nonlocal s, r, th
        for t in range(1, 1001):
            g = th.copy()
            s = 0.9 * s + 0.1 * g
            r = 0.999 * r + 0.001 * g * g
            th -= 0.001 * (s / (1 - 0.9 ** t)) / (np.sqrt(r / (1 - 0.999 ** t)) + 1e-8)
    results["adam_step_us"] = median_ms(adam_steps, 5) * 1e3 / 1000

    results["cpu"] = CPU
    results["openblas_env"] = {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    json.dump(results, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
