#!/usr/bin/env bash
# Measures loading the built-in MNIST (issue 3: under a second, under 60 MB resident) in a fresh JVM.
# Prints one key=value line. Usage: bench/dataset-load.sh  (from anywhere; compiles main classes first)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o compile 2>/dev/null || ./mvnw -q compile
java -XX:+UseG1GC -cp target/classes bench/DatasetLoad.java src/main/resources/datasets/mnist
