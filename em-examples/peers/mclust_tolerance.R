#!/usr/bin/env Rscript
# mclust's default fits for em-examples/peers/acceleration_bench.py (full covariance, "VVV").
#
#   --mode em      mclust::em() from the given parameters (--init) with the default emControl():
#                  relative tolerance 1e-5 on the log-likelihood, |L_new - L_old| / (1 + |L_new|).
#                  em() starts with an E-step, then each iteration is an M-step and an E-step:
#                  E-steps = iterations + 1.
#   --mode Mclust  Mclust(X, G = k, modelNames = "VVV") with every default: its own start
#                  (model-based hierarchical clustering on a random subset of
#                  mclust.options("subset") points when n is larger), then me() from that partition
#                  with the same emControl(). me() starts with an M-step: E-steps = iterations (+ 1
#                  for the E-step on all the data after an M-step on the subset). The iteration
#                  count is read from an identical me() call made after the timed fit.
#
# Writes the harness's runner JSON (weights, means, covariances) plus e_steps and converged.
# Usage: Rscript mclust_tolerance.R --mode em|Mclust --data X.npy --init X.init.json --out out.json
suppressPackageStartupMessages({
  library(mclust)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
opt <- list()
i <- 1
while (i <= length(args)) {
  key <- sub("^--", "", args[i]); opt[[key]] <- args[i + 1]; i <- i + 2
}
for (req in c("mode", "data", "init", "out")) if (is.null(opt[[req]])) stop("missing --", req)

read_npy <- function(path) {
  con <- file(path, "rb"); on.exit(close(con))
  magic <- readBin(con, "raw", 6)
  if (!identical(magic, as.raw(c(0x93, charToRaw("NUMPY"))))) stop("not a .npy file")
  ver <- readBin(con, "integer", 2, size = 1, signed = FALSE)
  hlen <- if (ver[1] == 1) readBin(con, "integer", 1, size = 2, signed = FALSE, endian = "little")
          else readBin(con, "integer", 1, size = 4, endian = "little")
  header <- rawToChar(readBin(con, "raw", hlen))
  if (!grepl("'descr': '<f8'", header, fixed = TRUE)) stop("expected little-endian float64")
  if (grepl("'fortran_order': True", header, fixed = TRUE)) stop("expected C order")
  shape <- as.integer(strsplit(sub(".*'shape': \\(([^)]*)\\).*", "\\1", header), ",\\s*")[[1]])
  n <- shape[1]; d <- if (length(shape) > 1) shape[2] else 1L
  v <- readBin(con, "double", n * d, size = 8, endian = "little")
  matrix(v, nrow = n, ncol = d, byrow = TRUE)
}

X <- read_npy(opt$data)
init <- fromJSON(opt$init, simplifyVector = FALSE)
G <- length(init$weights)
p <- ncol(X)

if (opt$mode == "em") {
  mu <- matrix(unlist(init$means), nrow = p, ncol = G)
  sigma <- array(unlist(init$covariances), dim = c(p, p, G))
  cholsigma <- array(0, dim = c(p, p, G))
  for (k in 1:G) cholsigma[, , k] <- chol(sigma[, , k])
  pars <- list(pro = unlist(init$weights), mean = mu,
               variance = list(modelName = "VVV", d = p, G = G, sigma = sigma, cholsigma = cholsigma))
  t0 <- proc.time()
  fit <- em(modelName = "VVV", data = X, parameters = pars, control = emControl(), warn = FALSE)
  t1 <- proc.time()
  its <- attr(fit, "info")[["iterations"]]
  e_steps <- abs(its) + 1
  P <- fit$parameters
  note <- "mclust em(), given start, default emControl() (relative tol 1e-5)"
  used_init <- TRUE
} else if (opt$mode == "Mclust") {
  set.seed(0)
  t0 <- proc.time()
  fit <- Mclust(X, G = G, modelNames = "VVV", verbose = FALSE)
  t1 <- proc.time()
  # repeat the me() call Mclust made, from the start it made, to read the iteration count
  ini <- attr(fit$BIC, "initialization")
  z0 <- unmap(hclass(ini$hcPairs, G))
  if (is.null(ini$subset)) {
    again <- me(modelName = "VVV", data = X, z = z0, warn = FALSE)
    extra <- 0   # me() starts with an M-step
  } else {       # hierarchical clustering on a subset: M-step there, E-step on all the data, then me()
    ms <- mstep(modelName = "VVV", data = X[ini$subset, ], z = z0, warn = FALSE)
    es <- do.call("estep", c(list(data = X, warn = FALSE), ms))
    again <- me(modelName = "VVV", data = X, z = es$z, warn = FALSE)
    extra <- 1
  }
  its <- attr(again, "info")[["iterations"]]
  if (!isTRUE(all.equal(again$loglik, fit$loglik))) its <- NA  # not the run Mclust made
  e_steps <- if (is.na(its)) NA else abs(its) + extra
  P <- fit$parameters
  note <- "Mclust(G = k, modelNames = \"VVV\"), every default: its own hierarchical-clustering start"
  used_init <- FALSE
} else stop("--mode must be em or Mclust")

ok <- !any(is.na(P$pro))
out <- list(peer = "mclust", version = as.character(packageVersion("mclust")), task = "gmm",
            fit_seconds = (t1 - t0)[["elapsed"]],
            fit_cpu_seconds = (t1 - t0)[["user.self"]] + (t1 - t0)[["sys.self"]],
            iterations = if (is.na(its)) NA else abs(its),
            used_given_init = used_init, fixed_iterations = FALSE, notes = note,
            e_steps = e_steps, converged = !is.na(its) && its > 0,
            params = list(weights = if (ok) as.numeric(P$pro) else rep(NA_real_, G),
                          means = lapply(1:G, function(k) as.numeric(P$mean[, k])),
                          covariances = lapply(1:G, function(k)
                            lapply(1:p, function(r) as.numeric(P$variance$sigma[r, , k])))),
            reported_loglik = if (ok) fit$loglik else NA)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, na = "null"), opt$out)
