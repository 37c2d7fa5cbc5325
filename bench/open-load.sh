#!/usr/bin/env bash
# Load while models change (issue 6): starts the packaged service on loopback with a fresh home, trains a small first
# model, then sends single-image JSON predictions open loop (due at a fixed rate whatever the answers, latency
# counted from when each was due) for 90 s at 200/s after a 10 s warm-up. Meanwhile 3 jobs train the book's network
# for one epoch on MNIST and 3 models are uploaded, each a few seconds after a job: the book's
# ../shared/reference/sample_weight.npz (else the first model's weights), then the first and the second job's
# weights, downloaded and sent back (never the weights just served, so a stale network answering would show).
# Every answer is checked against the model it names, rebuilt from GET /models/{id}/weights. Prints, last:
#   sent=… failed=… mismatched=… p50_ms=… p99_ms=… max_ms=… job_served_ms=a,b,c upload_served_ms=a,b,c
# (served: from a job's finishedAt, or an upload's 201, to the first answer naming its model; negative when an
# answer came first.)
# Usage (from the project root): bench/open-load.sh [--seconds S] [--rate R]
set -euo pipefail
seconds=90
rate=200
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    *) echo "usage: $0 [--seconds S] [--rate R]" >&2; exit 2 ;;
  esac
done
source "$(dirname "$0")/classpath.sh"
source bench/service.sh
java "${JAVA_FLAGS[@]}" -cp "$BENCH_CP" OpenLoad --base "$base" --seconds "$seconds" --rate "$rate" \
  --sample ../shared/reference/sample_weight.npz 2> >(grep -v 'incubator' >&2)
