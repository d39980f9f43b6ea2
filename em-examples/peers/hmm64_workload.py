#!/usr/bin/env python3
"""Adds the 64-state Gaussian HMM workload hmm_gauss_s64_10x500 to a copy of the peer harness
(issue #21: forward-backward for many states against pomegranate):
10 sequences x 500 steps, 1-D Gaussian emissions (means spread over [-32, 32], sd 0.6-1.0),
sticky random transitions; initial guess: means at data quantiles, variances = overall variance,
transitions 0.5 stay + uniform rest, uniform start. Writes data/NAME.{csv,npy,init.json,truth.json}
and appends the workload to data/workloads.json (run it after gen_data.py, which rewrites that file).
Usage: /usr/bin/python3 hmm64_workload.py PEERS_DIR, then
bench.py --only-workloads hmm_gauss_s64_10x500 --runners .../emkit-hmm-runner.json ...
5 iterations only: pomegranate takes about 4 s of CPU per iteration here."""
import json, os, sys
import numpy as np
peers = sys.argv[1]
data = os.path.join(peers, "data")
name, K, R, T, ITERS = "hmm_gauss_s64_10x500", 64, 10, 500, 5
rng = np.random.default_rng([20240611, 64])
start = np.full(K, 1.0 / K)
trans = rng.dirichlet(np.full(K, 0.3), size=K) * 0.2 + np.eye(K) * 0.8
mu = np.linspace(-32, 32, K)
sd = rng.uniform(0.6, 1.0, K)
states = np.empty((R, T), dtype=np.int64)
cum = np.cumsum(trans, 1)
for r in range(R):
    s = rng.choice(K, p=start)
    u = rng.uniform(size=T)
    for t in range(T):
        states[r, t] = s
        s = min(int(np.searchsorted(cum[s], u[t])), K - 1)
X = mu[states] + sd[states] * rng.standard_normal(states.shape)
np.savetxt(os.path.join(data, name + ".csv"), X, fmt="%.6f", delimiter=",")
X = np.loadtxt(os.path.join(data, name + ".csv"), delimiter=",", ndmin=2)
np.save(os.path.join(data, name + ".npy"), X)
def dump(f, o):
    with open(os.path.join(data, f), "w") as fh:
        json.dump(o, fh, indent=1); fh.write("\n")
dump(name + ".truth.json", dict(start=start.tolist(), trans=trans.tolist(),
     emission=dict(type="gaussian", means=mu.tolist(), variances=(sd ** 2).tolist())))
q = np.quantile(X, (np.arange(K) + 0.5) / K)
init_trans = np.full((K, K), 0.5 / (K - 1)); np.fill_diagonal(init_trans, 0.5)
dump(name + ".init.json", dict(start=[1.0 / K] * K, trans=init_trans.tolist(),
     emission=dict(type="gaussian", means=q.tolist(), variances=[float(X.var())] * K),
     method="means at data quantiles (i+1/2)/K; variances = overall variance; 0.5 stay"))
wl = json.load(open(os.path.join(data, "workloads.json")))
wl["workloads"] = [w for w in wl["workloads"] if w["name"] != name] + [dict(
    name=name, task="hmm-gaussian", n_states=K, n_seq=R, T=T, iters=ITERS,
    data=name + ".npy", csv=name + ".csv", init=name + ".init.json")]
json.dump(wl, open(os.path.join(data, "workloads.json"), "w"), indent=1)
print("wrote", name)
