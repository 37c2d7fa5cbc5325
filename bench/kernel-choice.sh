#!/usr/bin/env bash
# ojAlgo's fillByMultiplying against the engine's layer kernels on the book network's two products, alternating in
# one JVM (see bench/src/dev/scratchnet/engine/KernelChoice.java). Usage, from the project root: bench/kernel-choice.sh
set -euo pipefail
source "$(dirname "$0")/classpath.sh"
java "${JAVA_FLAGS[@]}" -cp "$BENCH_CP" dev.scratchnet.engine.KernelChoice 2> >(grep -v 'incubator' >&2)
