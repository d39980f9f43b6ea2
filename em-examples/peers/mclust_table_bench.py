#!/usr/bin/env python3
"""emkit's BIC table against R's mclustBIC, the same CSV, one run after the other (issue #12).

    mvn -q -DskipTests package            # em-examples/target/em.jar
    /usr/bin/python3 em-examples/peers/mclust_table_bench.py DATA.csv [--runs 3] [--components 1-9]

R: `mclustBIC(x, G = 1:9)` over all 14 models (mclust's defaults: hc on SVD-scaled data, on a random
2000-row subset when n > 2000), timed inside R around the call, and the whole Rscript process.
emkit: `em gmm select --components 1-9 --models all --init hc --format json`, the whole JVM process
(start-up, reading the CSV and JIT warm-up included), 2 threads. The CSV has no header (both read it so).

Each run is a fresh process; R and emkit alternate. Besides wall time it prints CPU time (user + system
of the child, from getrusage), because on a shared machine wall time mostly measures the other tenants.
Both selected models and the best BIC are printed (mclust's BIC is 2 lnL - p ln n, ours -2 lnL + p ln n).
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
JAR = os.path.join(HERE, "..", "target", "em.jar")

R_SCRIPT = r"""
suppressMessages(library(mclust))
args <- commandArgs(TRUE)
x <- as.matrix(read.csv(args[1], header = FALSE))
g <- eval(parse(text = paste0("c(", sub("-", ":", args[2]), ")")))
t0 <- proc.time()
b <- mclustBIC(x, G = g)
t1 <- proc.time()
s <- summary(b, x)
cat(sprintf("{\"seconds\": %.4f, \"cpu\": %.4f, \"model\": \"%s\", \"components\": %d, \"bic\": %.6f}\n",
            (t1 - t0)[3], (t1 - t0)[1] + (t1 - t0)[2], s$modelName, s$G, -s$bic))
"""


def timed(cmd):
    """Runs cmd; returns (wall seconds, child CPU seconds, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", help="CSV without header, one row per point")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--components", default="1-9")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rscript", default="Rscript")
    ap.add_argument("--java", default="java")
    args = ap.parse_args()
    if not os.path.exists(JAR):
        sys.exit("build em-examples/target/em.jar first (mvn -q -DskipTests package)")
    with tempfile.NamedTemporaryFile("w", suffix=".R", delete=False) as f:
        f.write(R_SCRIPT)
        r_file = f.name
    rows = []
    try:
        for run in range(args.runs):
            wall, cpu, out = timed([args.rscript, r_file, args.data, args.components])
            r = json.loads(out.strip().splitlines()[-1])
            rows.append(("mclust", run, r["seconds"], wall, cpu, r["model"], r["components"], r["bic"]))
            print("mclust run %d: %.2f s in mclustBIC, %.2f s process, %.2f s CPU; %s %d, BIC %.1f"
                  % (run + 1, r["seconds"], wall, cpu, r["model"], r["components"], r["bic"]), flush=True)
            wall, cpu, out = timed([args.java, "-XX:ActiveProcessorCount=%d" % args.threads, "-Xmx6g", "-jar", JAR,
                                    "gmm", "select", "--data", args.data, "--header", "no",
                                    "--components", args.components, "--models", "all", "--init", "hc",
                                    "--threads", str(args.threads), "--format", "json"])
            e = json.loads(out)
            best = next(c for c in e["table"] if c["model"] == e["best"]["model"]
                        and c["components"] == e["best"]["components"])
            rows.append(("emkit", run, None, wall, cpu, best["model"], best["components"], best["bic"]))
            print("emkit  run %d: %.2f s process, %.2f s CPU; %s %d, BIC %.1f"
                  % (run + 1, wall, cpu, best["model"], best["components"], best["bic"]), flush=True)
    finally:
        os.unlink(r_file)

    def median(xs):
        xs = sorted(xs)
        return xs[len(xs) // 2]
    mw = median([r[3] for r in rows if r[0] == "mclust"])
    mc = median([r[4] for r in rows if r[0] == "mclust"])
    ew = median([r[3] for r in rows if r[0] == "emkit"])
    ec = median([r[4] for r in rows if r[0] == "emkit"])
    print("median over %d runs: mclust %.2f s process / %.2f s CPU, emkit %.2f s / %.2f s: ratio %.2f (wall), %.2f (CPU)"
          % (args.runs, mw, mc, ew, ec, mw / ew, mc / ec))


if __name__ == "__main__":
    main()
