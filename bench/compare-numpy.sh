#!/usr/bin/env bash
# Runs scratchnet's and NumPy's TwoLayerNet alternately on full MNIST and prints each one's medians and the
# ratio scratchnet / NumPy (lower is faster). Usage: bench/compare-numpy.sh [--rounds R] [--epochs N] [--cold]
# scratchnet's runs warm up first (bench/mnist-train.sh); --cold times each JVM's first job instead.
# NumPy runs twice per round: as installed (OpenBLAS on every core) and on one BLAS thread. On these two-core
# machines its two threads often wait for each other and one thread is faster; each target is judged against the
# faster of the two medians, so that a slow hour for NumPy's threads cannot flatter scratchnet.
# NumPy needs Debian's python3-numpy and libopenblas0-pthread (installed here if missing and we are root).
set -euo pipefail
rounds=3
epochs=3
warmup=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --epochs) epochs=$2; shift 2 ;;
    --cold) warmup=(--warmup-epochs 0); shift ;;
    *) echo "usage: $0 [--rounds R] [--epochs N] [--cold]" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
data=../shared/datasets/mnist
reference=../shared/bench/numpy_twolayer.py
[ -d "$data" ] && [ -f "$reference" ] || { echo "needs $data and $reference" >&2; exit 2; }
if ! /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "install python3-numpy and libopenblas0-pthread" >&2; exit 2; }
  apt-get update -qq && apt-get install -y -qq python3-numpy libopenblas0-pthread >/dev/null
fi
source bench/classpath.sh
results=$(mktemp)
for round in $(seq 1 "$rounds"); do
  java "${JAVA_FLAGS[@]}" -cp "$BENCH_CP" MnistTrain --epochs "$epochs" --data "$data" "${warmup[@]}" 2>/dev/null \
    | tail -n 1 | sed "s/^/scratchnet /" | tee -a "$results"
  /usr/bin/python3 "$reference" "$data" --epochs "$epochs" | tail -n 1 | sed "s/^/numpy /" | tee -a "$results"
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$reference" "$data" --epochs "$epochs" | tail -n 1 \
    | sed "s/^/numpy-1-thread /" | tee -a "$results"
done
python3 - "$results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, *pairs = line.split()
    runs.setdefault(name, []).append({k: float(v) for k, v in (p.split("=") for p in pairs)})
median = {name: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for name, rs in runs.items()}
for name in ("scratchnet", "numpy", "numpy-1-thread"):
    m = median[name]
    print(f"{name:14s} median epoch_seconds={m['epoch_seconds']:.4f} eval_seconds={m['eval_seconds']:.4f} "
          f"test_accuracy={m['test_accuracy']:.4f} (rounds={len(runs[name])})")
s = median["scratchnet"]
fastest = {k: min(median["numpy"][k], median["numpy-1-thread"][k]) for k in ("epoch_seconds", "eval_seconds")}
print(f"ratio epoch_seconds={s['epoch_seconds'] / fastest['epoch_seconds']:.3f} (target <= 0.333) "
      f"eval_seconds={s['eval_seconds'] / fastest['eval_seconds']:.3f} (target <= 0.5) "
      f"accuracy_difference={s['test_accuracy'] - median['numpy']['test_accuracy']:+.4f} (target within 0.01), "
      f"against the faster NumPy; against NumPy as installed epoch_seconds="
      f"{s['epoch_seconds'] / median['numpy']['epoch_seconds']:.3f}")
PY
rm -f "$results"
