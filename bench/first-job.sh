#!/usr/bin/env bash
# The first training job after a start, with the engine's warm-up (scratchnet.jobs.warm-up, on by default) and
# without it, alternately. Each run starts the packaged jar on loopback (bench/service.sh), waits until it is ready
# and, with the warm-up, until the warm-up has logged its end; then trains the book's network on MNIST for 3 epochs
# through POST /jobs and prints each epoch's seconds as the job reports them (training and evaluation). Last, the
# medians per epoch. Usage (from the project root): bench/first-job.sh [--rounds R]; FIRST_JOB_FLAGS adds JVM flags
# to every start, and bench/first-job.sh --one on|off makes a single run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--one" ]; then
  mode=$2
  flags="${FIRST_JOB_FLAGS:-}"
  [ "$mode" = on ] || flags="$flags -Dscratchnet.jobs.warm-up=false"
  SERVICE_FLAGS="$flags" SERVICE_PACKAGED=1 source bench/service.sh
  if [ "$mode" = on ]; then
    for _ in $(seq 1 120); do
      grep -q "Warmed up the training engine" "$work/service.log" && break
      sleep 0.5
    done
    grep "Warmed up the training engine" "$work/service.log" | sed 's/.*JobQueue *: //' >&2
  fi
  id=$(curl -sf -X POST "$base/jobs" -H 'Content-Type: application/json' \
    -d '{"dataset": "mnist", "hiddenSizes": [50], "epochs": 3, "seed": 0}' \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
  # Polled with curl alone: a Python started twice a second takes a core from the job (BENCHMARKS.md).
  for _ in $(seq 1 600); do
    case "$(curl -sf "$base/jobs/$id")" in
      *'"status":"QUEUED"'* | *'"status":"RUNNING"'*) sleep 0.5 ;;
      *) break ;;
    esac
  done
  python3 - "$mode" "$(curl -sf "$base/jobs/$id")" <<'PY'
import json, sys
job = json.loads(sys.argv[2])
print("warm-up=" + sys.argv[1], "status=" + job["status"],
      "epoch_seconds=" + ",".join(f"{e['seconds']:.4f}" for e in job["epochs"]),
      "test_accuracy=" + ",".join(f"{e['testAccuracy']:.4f}" for e in job["epochs"]))
PY
  exit 0
fi
rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    *) echo "usage: $0 [--rounds R]" >&2; exit 2 ;;
  esac
done
./mvnw -q -B -ntp -DskipTests package
results=$(mktemp)
for _ in $(seq 1 "$rounds"); do
  for mode in on off; do
    bash "$0" --one "$mode" | tail -n 1 | tee -a "$results"
  done
done
python3 - "$results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    fields = dict(pair.split("=", 1) for pair in line.split())
    runs.setdefault(fields["warm-up"], []).append([float(s) for s in fields["epoch_seconds"].split(",")])
for mode, epochs in runs.items():
    medians = [statistics.median(run[e] for run in epochs) for e in range(len(epochs[0]))]
    print(f"warm-up={mode} median seconds per epoch " + " ".join(f"{m:.4f}" for m in medians)
          + f" (rounds={len(epochs)})")
PY
rm -f "$results"
