#!/usr/bin/env python3
"""Time to tolerance, side by side, one run (issue #18): emkit plain EM and SQUAREM against the
default fits of scikit-learn, pomegranate and mclust, on the peer harness's Gaussian-mixture data.

    mvn -B -q -Pbench -pl em-examples -am package -DskipTests
    /usr/bin/python3 em-examples/peers/acceleration_bench.py --harness PEERS_DIR \
        [--workloads faithful_k2,gmm_n10000_d2_k3,gmm_n100000_d10_k8] [--out results.md]

PEERS_DIR is the peer harness (its README: data/, common.py, gen_data.py); generate the workloads
first with `gen_data.py --only NAME ...` (in a copy when the harness folder is read-only). Every fit
starts from the harness's NAME.init.json, except Mclust (its own hierarchical-clustering start,
marked "own start"). Each fit is one fresh process with 2 threads (*_NUM_THREADS=2, the JVM with
-XX:ActiveProcessorCount=2, pomegranate with n_jobs=2 as in the harness); "fit s" is the fit call
alone (the JVM's first fit includes JIT warm-up; "warm s" is the fastest of 2 more fits in the same
JVM); "fit CPU s" is the process's CPU time over the fit call (all threads; for the JVM's first fit
also its JIT compiler; on a machine shared by many jobs it says more than the wall time). "final lnL"
is recomputed by the harness's common.gmm_loglik from each fit's parameters.

Stopping rules (each peer's own default, plus emkit and scikit-learn at 1e-10):
  emkit          |L_new - L_old| / n < tol (default tol 1e-3), E-steps counted by the driver
  scikit-learn   the same rule, tol 1e-3, max_iter 100; E-steps = n_iter_ + 1 (its final E-step),
                 plus one M-step-like pass over the data to initialise
  pomegranate    L_new - L_old <= 0.1 (total, not per sample); E-steps = epochs + 1
  mclust em()    |L_new - L_old| / (1 + |L_new|) < 1e-5 (emControl()); E-steps = iterations + 1
  Mclust         the same rule after its own start; E-steps as mclust_tolerance.R counts them
One run each on a shared machine: seconds are noisy; E-step counts are deterministic.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
THREADS = 2


def env():
    e = dict(os.environ)
    for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS",
              "VECLIB_MAXIMUM_THREADS"):
        e[v] = str(THREADS)
    return e


def run_sklearn(data, init, tol, max_iter, out):
    import numpy as np
    import sklearn
    from sklearn.mixture import GaussianMixture
    X = np.load(data)
    with open(init) as f:
        p = json.load(f)
    w0 = np.asarray(p["weights"])
    prec = np.linalg.inv(np.asarray(p["covariances"]))
    prec = 0.5 * (prec + prec.transpose(0, 2, 1))
    gm = GaussianMixture(n_components=len(w0), covariance_type="full", tol=tol, max_iter=max_iter,
                         reg_covar=1e-6, init_params="random_from_data", weights_init=w0,
                         means_init=np.asarray(p["means"]), precisions_init=prec, random_state=0)
    c0, t0 = time.process_time(), time.perf_counter()
    gm.fit(X)
    c1, t1 = time.process_time(), time.perf_counter()
    write(out, dict(peer="scikit-learn " + sklearn.__version__, fit_seconds=t1 - t0, fit_cpu_seconds=c1 - c0,
                    iterations=int(gm.n_iter_), e_steps=int(gm.n_iter_) + 1, converged=bool(gm.converged_),
                    params=dict(weights=gm.weights_.tolist(), means=gm.means_.tolist(),
                                covariances=gm.covariances_.tolist())))


def run_pomegranate(data, init, out):
    import numpy as np
    import pomegranate
    from pomegranate import GeneralMixtureModel, MultivariateGaussianDistribution
    X = np.ascontiguousarray(np.load(data))
    with open(init) as f:
        p = json.load(f)
    dists = [MultivariateGaussianDistribution(np.asarray(m), np.asarray(c))
             for m, c in zip(p["means"], p["covariances"])]
    model = GeneralMixtureModel(dists, weights=np.asarray(p["weights"]))
    c0, t0 = time.process_time(), time.perf_counter()
    _, history = model.fit(X, n_jobs=THREADS, batch_size=int(math.ceil(X.shape[0] / THREADS)),
                           return_history=True)
    c1, t1 = time.process_time(), time.perf_counter()
    epochs = len(history.epochs)
    write(out, dict(peer="pomegranate " + pomegranate.__version__, fit_seconds=t1 - t0, fit_cpu_seconds=c1 - c0,
                    iterations=epochs, e_steps=epochs + 1, converged=True,
                    params=dict(weights=np.exp(np.asarray(model.weights)).tolist(),
                                means=[np.asarray(d.parameters[0]).tolist() for d in model.distributions],
                                covariances=[np.asarray(d.parameters[1]).tolist() for d in model.distributions])))


def write(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--harness", required=True, help="the peer harness folder (data/, common.py)")
    ap.add_argument("--workloads", default="faithful_k2,gmm_n10000_d2_k3,gmm_n100000_d10_k8")
    ap.add_argument("--jar", default=os.path.join(HERE, "..", "target", "em.jar"))
    ap.add_argument("--java", default="java")
    ap.add_argument("--rscript", default="Rscript")
    ap.add_argument("--out", help="also write the tables to this markdown file")
    ap.add_argument("--run", help=argparse.SUPPRESS)  # internal: one peer fit in this process
    ap.add_argument("--data", help=argparse.SUPPRESS)
    ap.add_argument("--init", help=argparse.SUPPRESS)
    ap.add_argument("--tol", type=float, help=argparse.SUPPRESS)
    ap.add_argument("--max-iter", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.run == "sklearn":
        return run_sklearn(a.data, a.init, a.tol, a.max_iter, a.result)
    if a.run == "pomegranate":
        return run_pomegranate(a.data, a.init, a.result)

    sys.path.insert(0, os.path.abspath(a.harness))
    import numpy as np
    import common  # the harness's one log-likelihood for every peer

    me = os.path.abspath(__file__)
    py = sys.executable
    java = [a.java, "-XX:ActiveProcessorCount=%d" % THREADS, "-Xmx6g", "-cp", os.path.abspath(a.jar),
            "io.emkit.examples.bench.PeerToleranceRunner"]

    def fits(data, init):
        def emkit(acc, tol):
            return ("emkit %s" % acc, "tol %g" % tol, java + [
                "--data", data, "--init", init, "--tol", str(tol), "--accelerate", acc,
                "--threads", str(THREADS), "--warm", "2", "--out"])
        sk = [py, me, "--harness", a.harness, "--run", "sklearn", "--data", data, "--init", init]
        mc = [a.rscript, os.path.join(HERE, "mclust_tolerance.R"), "--data", data, "--init", init]
        return [
            emkit("none", 1e-3), emkit("squarem", 1e-3),
            ("scikit-learn", "default (tol 1e-3, max_iter 100)", sk + ["--tol", "1e-3", "--max-iter", "100",
                                                                       "--result"]),
            ("pomegranate", "default (stop_threshold 0.1)", [py, me, "--harness", a.harness, "--run",
                                                             "pomegranate", "--data", data, "--init", init,
                                                             "--result"]),
            ("mclust em()", "default emControl() (relative 1e-5)", mc + ["--mode", "em", "--out"]),
            ("mclust Mclust", "default, own start", mc + ["--mode", "Mclust", "--out"]),
            emkit("none", 1e-10), emkit("squarem", 1e-10),
            ("scikit-learn", "tol 1e-10", sk + ["--tol", "1e-10", "--max-iter", "100000", "--result"]),
        ]

    lines = []
    for name in a.workloads.split(","):
        data = os.path.abspath(os.path.join(a.harness, "data", name + ".npy"))
        init = os.path.abspath(os.path.join(a.harness, "data", name + ".init.json"))
        if not (os.path.exists(data) and os.path.exists(init)):
            print("%s: %s or its init missing; run gen_data.py --only %s" % (name, data, name), file=sys.stderr)
            continue
        X = np.load(data)
        rows = []
        for peer, rule, cmd in fits(data, init):
            with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
                result = tmp.name
            proc = subprocess.run(cmd + [result], env=env(), capture_output=True, text=True)
            if proc.returncode != 0:
                rows.append((peer, rule, None, proc.stderr.strip().splitlines()[-1:] or ["failed"]))
                continue
            with open(result) as f:
                r = json.load(f)
            os.unlink(result)
            p = r["params"]
            ll = common.gmm_loglik(X, p["weights"], p["means"], p["covariances"])
            rows.append((peer, rule, dict(e=r.get("e_steps"), it=r.get("iterations"), s=r["fit_seconds"],
                                          warm=r.get("warm_seconds"), ll=ll, cpu=r.get("fit_cpu_seconds"),
                                          conv=r.get("converged")), None))
            print("%s %s %s: %s E-steps, %.3f s, lnL %.6f" % (name, peer, rule, r.get("e_steps"),
                                                              r["fit_seconds"], ll), file=sys.stderr)
        best = max(v["ll"] for _, _, v, _ in rows if v and not math.isnan(v["ll"]))
        lines.append("**%s** (n = %d, d = %d, k = %d)\n" % (name, X.shape[0], X.shape[1],
                                                             len(json.load(open(init))["weights"])))
        lines.append("| fit | stopping rule | E-steps | fit s | fit CPU s | warm s | final lnL | lnL - best |")
        lines.append("|---|---|---:|---:|---:|---:|---:|---:|")
        for peer, rule, v, err in rows:
            if v is None:
                lines.append("| %s | %s | failed: %s | | | | | |" % (peer, rule, err[0]))
                continue
            warm = "" if v["warm"] is None else "%.3f" % v["warm"]
            conv = "" if v["conv"] in (True, None) else " (not converged)"
            cpu = "" if v["cpu"] is None else "%.3f" % v["cpu"]
            lines.append("| %s | %s | %s%s | %.3f | %s | %s | %.6f | %.2e |" % (
                peer, rule, v["e"] if v["e"] is not None else "?", conv, v["s"], cpu, warm, v["ll"],
                v["ll"] - best))
        lines.append("")
    text = "\n".join(lines)
    print(text)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
