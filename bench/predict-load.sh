#!/usr/bin/env bash
# Load on POST /predict (issue 4): starts the packaged service on loopback with a fresh home, registers the book's
# sample network (../shared/reference/sample_weight.npz) or, without it, trains a small one, then drives single-image
# JSON predictions with wrk for 30 s at 32 connections, and the same for GET /actuator/health as the yardstick.
# Then times one POST /predict of 10,000 test images (median of 5), and drives single predictions again while a
# job trains in the background. Prints, last:
#   requests_per_second=… p99_ms=… errors=… health_requests_per_second=… ratio=… batch_10000_seconds=…
#   training_requests_per_second=… training_p99_ms=… training_errors=…
# Usage (from the project root): bench/predict-load.sh [--seconds S] [--connections C]
set -euo pipefail
seconds=30
connections=32
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    *) echo "usage: $0 [--seconds S] [--connections C]" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "needs wrk (Debian package wrk)" >&2; exit 2; }
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
source bench/service.sh

if [ -f ../shared/reference/sample_weight.npz ]; then
  curl -sf -X POST "$base/models" -F weights=@../shared/reference/sample_weight.npz -F activation=sigmoid \
    -F outputActivation=softmax -F dataset=mnist >/dev/null
else
  job=$(curl -sf -X POST "$base/jobs" -H 'Content-Type: application/json' \
    -d '{"trainLimit": 5000, "epochs": 2, "seed": 1}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  until curl -sf "$base/jobs/$job" | grep -q '"SUCCEEDED"'; do sleep 1; done
fi

# One real test digit as the body: the first image of MNIST's test set, scaled to [0, 1].
python3 - "$work/predict.lua" <<'PY'
import gzip, sys
data = gzip.open("src/main/resources/datasets/mnist/t10k-images-idx3-ubyte.gz").read()
pixels = ",".join("%.6g" % (b / 255) for b in data[16:16 + 784])
with open(sys.argv[1], "w") as f:
    f.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n')
    f.write('wrk.body = \'{"input": [%s]}\'\n' % pixels)
PY
curl -sf -X POST "$base/predict" -H 'Content-Type: application/json' -d "$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" "$work/predict.lua")" \
  | grep -q '"label":7' || { echo "the warm-up prediction did not say 7" >&2; exit 1; }

run() { wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@"; }
run -d5s -s "$work/predict.lua" "$base/predict" >/dev/null   # warm-up
run "$base/actuator/health" > "$work/health.txt"
run -s "$work/predict.lua" "$base/predict" > "$work/predict.txt"

# 10,000 test images in one request.
python3 - "$work/batch.json" <<'PY'
import gzip, sys
data = gzip.open("src/main/resources/datasets/mnist/t10k-images-idx3-ubyte.gz").read()[16:]
rows = ("[" + ",".join("%.6g" % (b / 255) for b in data[i * 784:(i + 1) * 784]) + "]" for i in range(10000))
open(sys.argv[1], "w").write('{"inputs": [' + ",".join(rows) + "]}")
PY
for _ in 1 2 3 4 5 6; do
  curl -sf -o /dev/null -w '%{time_total}\n' -X POST "$base/predict" -H 'Content-Type: application/json' \
    --data-binary @"$work/batch.json"
done | tail -n 5 | sort -n | sed -n 3p > "$work/batch.txt"

# Single predictions while the book's network trains for longer than the run.
curl -sf -X POST "$base/jobs" -H 'Content-Type: application/json' -d '{"epochs": 200, "seed": 1}' >/dev/null
until curl -sf "$base/jobs" | grep -q '"RUNNING"'; do sleep 0.5; done
run -s "$work/predict.lua" "$base/predict" > "$work/training.txt"
python3 - "$work/health.txt" "$work/predict.txt" "$work/batch.txt" "$work/training.txt" <<'PY'
import re, sys
def figures(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", text).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
    return rps, p99, errors
health, _, _ = figures(sys.argv[1])
rps, p99, errors = figures(sys.argv[2])
batch = float(open(sys.argv[3]).read())
training_rps, training_p99, training_errors = figures(sys.argv[4])
print(f"requests_per_second={rps:.0f} p99_ms={p99:.2f} errors={errors} "
      f"health_requests_per_second={health:.0f} ratio={rps / health:.2f} batch_10000_seconds={batch:.3f} "
      f"training_requests_per_second={training_rps:.0f} training_p99_ms={training_p99:.2f} "
      f"training_errors={training_errors}")
PY
