#!/usr/bin/env bash
# Soak (issue 6): starts the packaged service on loopback with a fresh home and its own java.io.tmpdir, warms it up
# (a model: the book's ../shared/reference/sample_weight.npz or a small job; 5,000 predictions; one upload), then
# sends 100,000 predictions on 4 connections paced at 400/s (one in ten a PNG form, the rest JSON) while the latest
# model is downloaded and uploaded again every minute. Before and after the counted run it measures the service's
# heap after a full GC (jcmd GC.run, GC.heap_info), its open file descriptors (/proc/PID/fd) and the temporary
# files in the home (*.tmp, .staging-*, .deleting-*) and in its java.io.tmpdir. Prints, last:
#   predictions=… failed=… uploads=… heap_start_mib=… heap_end_mib=… heap_growth_mib=… fd_start=… fd_end=…
#   temp_files=…
# Usage (from the project root): bench/soak.sh [--predictions N] [--rate R] [--connections C]
set -euo pipefail
predictions=100000
rate=400
connections=4
while [ $# -gt 0 ]; do
  case "$1" in
    --predictions) predictions=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    *) echo "usage: $0 [--predictions N] [--rate R] [--connections C]" >&2; exit 2 ;;
  esac
done
source "$(dirname "$0")/classpath.sh"
source bench/service.sh
client() {
  java "${JAVA_FLAGS[@]}" -cp "$BENCH_CP" Soak --base "$base" --sample ../shared/reference/sample_weight.npz "$@" \
    2> >(grep -v 'incubator' >&2)
}
# Heap after a full GC in KiB, open descriptors (their targets kept for the diff), temporary files left behind.
measure() {
  sleep 2   # the client has exited: give the service time to close its side of the connections
  jcmd "$service" GC.run >/dev/null
  jcmd "$service" GC.run >/dev/null
  jcmd "$service" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -n 1 > "$work/heap-$1"
  for fd in /proc/"$service"/fd/*; do readlink "$fd" || true; done | sed 's/\[[0-9]*\]/[…]/' | sort > "$work/fds-$1"
  find "$home" \( -name '*.tmp' -o -name '.staging-*' -o -name '.deleting-*' \) | wc -l > "$work/temp-$1"
  find "$tmpdir" -type f | wc -l >> "$work/temp-$1"
}
client --warmup --connections "$connections" --rate "$rate"
measure start
client --predictions "$predictions" --connections "$connections" --rate "$rate" | tee "$work/soak.txt"
measure end
echo "descriptors open at the end but not at the start:"; comm -13 "$work/fds-start" "$work/fds-end" | uniq -c
echo "descriptors open at the start but not at the end:"; comm -23 "$work/fds-start" "$work/fds-end" | uniq -c
echo "temporary files (home, tmpdir) at the start: $(paste -sd, "$work/temp-start"), at the end: $(paste -sd, "$work/temp-end")"
find "$home" "$tmpdir" -type f \( -name '*.tmp' -o -path "$tmpdir/*" \) | head -n 20
echo "service warnings and errors after start-up:"
grep -E ' (WARN|ERROR) ' "$work/service.log" | grep -v -e ApiKeyFilter -e SpringDoc || true
python3 - "$work" <<'PY'
import re, sys
work = sys.argv[1]
run = dict(kv.split("=") for kv in open(f"{work}/soak.txt").read().split("\n")[-2].split())
heap = [int(open(f"{work}/heap-{p}").read()) / 1024 for p in ("start", "end")]
fds = [len(open(f"{work}/fds-{p}").read().splitlines()) for p in ("start", "end")]
temp = sum(int(n) for n in open(f"{work}/temp-end").read().split())
print(f"predictions={run['predictions']} failed={run['failed']} uploads={run['uploads']} "
      f"heap_start_mib={heap[0]:.1f} heap_end_mib={heap[1]:.1f} heap_growth_mib={heap[1] - heap[0]:.1f} "
      f"fd_start={fds[0]} fd_end={fds[1]} temp_files={temp}")
PY
