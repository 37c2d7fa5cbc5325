#!/usr/bin/env bash
# Trains the book's configuration on full MNIST and prints, last, a line in numpy_twolayer.py's format:
#   epoch_seconds=… samples_per_second=… eval_seconds=… test_accuracy=…
# Usage (from the project root): bench/mnist-train.sh [--epochs N] [--seed S] [--data DIR] [--warmup-epochs W]
# A three-epoch warm-up run goes first unless --warmup-epochs 0 (see bench/src/MnistTrain.java).
# Data: ../shared/datasets/mnist when present, else the project's built-in copy. Runs within -Xmx512m.
set -euo pipefail
source "$(dirname "$0")/classpath.sh"
java "${JAVA_FLAGS[@]}" -cp "$BENCH_CP" MnistTrain "$@" 2> >(grep -v 'incubator' >&2)
