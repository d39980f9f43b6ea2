#!/usr/bin/env python3
"""emkit vs scikit-learn batch LDA, one run side by side (issue #15).

    mvn -q -Pbench -pl em-examples -am package -DskipTests
    /usr/bin/python3 em-examples/peers/lda_bench.py [--docs 4000 --terms 2000 --topics 20 --iters 10]

Draws a synthetic LDA corpus, starts both from the same lambda, runs the same number of batch EM
iterations with the same inner tolerance (mean_change_tol, default 1e-3) and inner cap (100) on 2
workers (scikit-learn n_jobs=2; emkit --threads 2, JVM limited to 2 processors), and prints the fit
seconds of each. scikit-learn is driven through _init_latent_vars/_em_step from the given lambda (as
the fixtures are), inside one joblib Parallel as fit() does; emkit's time is the fit only, in a fresh JVM.

Besides wall time it prints CPU time (user + system), because on a shared machine wall time mostly
measures the other tenants: scikit-learn's is this process's plus its joblib workers' (read with psutil
before the workers exit; worker start-up included, as fit() pays it too), emkit's is the JVM process's
during the fit (workers, JIT compiler and GC threads).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import psutil
import scipy.sparse as sp
from joblib import Parallel
from sklearn.decomposition import LatentDirichletAllocation
from sklearn.decomposition._lda import _dirichlet_expectation_2d

HERE = os.path.dirname(os.path.abspath(__file__))


def corpus(rng, docs, terms, topics, length):
    beta = rng.dirichlet(np.full(terms, 0.05), size=topics)
    rows, cols, vals = [], [], []
    for d in range(docs):
        theta = rng.dirichlet(np.full(topics, 0.3))
        counts = rng.multinomial(length, theta @ beta)
        ids = np.nonzero(counts)[0]
        rows += [d] * len(ids)
        cols += ids.tolist()
        vals += counts[ids].tolist()
    return sp.csr_matrix((np.array(vals, float), (rows, cols)), shape=(docs, terms))


def cpu_seconds(process):
    """User + system CPU seconds of a process and all its live descendants."""
    total = 0.0
    for p in [process] + process.children(recursive=True):
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--docs", type=int, default=4000)
    p.add_argument("--terms", type=int, default=2000)
    p.add_argument("--topics", type=int, default=20)
    p.add_argument("--length", type=int, default=150)
    p.add_argument("--iters", type=int, default=10)
    p.add_argument("--inner-tol", type=float, default=1e-3)
    p.add_argument("--jar", default=os.path.join(HERE, "..", "target", "em.jar"), help="emkit class path")
    p.add_argument("--skip-sklearn", action="store_true", help="time emkit only (A/B runs of emkit builds)")
    a = p.parse_args()
    rng = np.random.default_rng(15)
    X = corpus(rng, a.docs, a.terms, a.topics, a.length)
    lam0 = rng.gamma(100.0, 0.01, size=(a.topics, a.terms))
    alpha = eta = 1.0 / a.topics
    work = tempfile.mkdtemp(prefix="lda-bench-")
    csv = os.path.join(work, "dtm.csv")
    with open(csv, "w") as f:
        f.write("doc,term,count\n")
        coo = X.tocoo()
        for d, w, c in zip(coo.row, coo.col, coo.data):
            f.write("%d,%d,%d\n" % (d, w, c))
    init = os.path.join(work, "init.json")
    with open(init, "w") as f:
        json.dump({"topicWord": lam0.tolist(), "docTopicPrior": alpha, "topicWordPrior": eta}, f)

    load = os.getloadavg()
    lda = LatentDirichletAllocation(n_components=a.topics, learning_method="batch", doc_topic_prior=alpha,
                                    topic_word_prior=eta, mean_change_tol=a.inner_tol, max_doc_update_iter=100,
                                    evaluate_every=-1, n_jobs=2, random_state=0)
    sk_seconds = sk_cpu = sk_bound = float("nan")
    if not a.skip_sklearn:
        me = psutil.Process()
        cpu_start = cpu_seconds(me)
        start = time.perf_counter()
        lda._init_latent_vars(a.terms)
        lda.components_ = lam0.copy()
        lda.exp_dirichlet_component_ = np.exp(_dirichlet_expectation_2d(lda.components_))
        with Parallel(n_jobs=2) as parallel:
            for _ in range(a.iters):
                lda._em_step(X, total_samples=X.shape[0], batch_update=True, parallel=parallel)
            sk_seconds = time.perf_counter() - start
            sk_cpu = cpu_seconds(me) - cpu_start
        sk_bound = lda.score(X)

    cmd = ["java", "-XX:ActiveProcessorCount=2", "-cp", a.jar, "io.emkit.examples.bench.LdaBench", "--csv", csv,
           "--init", init, "--iters", str(a.iters), "--inner-tol", str(a.inner_tol), "--threads", "2"]
    em = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
    print("corpus: %d documents, %d terms, %d tokens, K = %d, %d iterations, inner tol %g, 2 workers"
          % (a.docs, a.terms, int(X.sum()), a.topics, a.iters, a.inner_tol))
    print("load average before: %.1f %.1f %.1f" % load)
    print("scikit-learn %s batch: %.3f s wall, %.3f s CPU (bound under final lambda %.8g)"
          % (__import__("sklearn").__version__, sk_seconds, sk_cpu, sk_bound))
    print("emkit                : %.3f s wall, %.3f s CPU (bound under final lambda %.8g)"
          % (em["fit_seconds"], em["cpu_seconds"], em["bound"]))
    print("speed-up: %.2fx wall, %.2fx CPU" % (sk_seconds / em["fit_seconds"], sk_cpu / em["cpu_seconds"]))


if __name__ == "__main__":
    sys.exit(main())
