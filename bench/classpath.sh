# Sourced by the bench scripts: builds the main classes once and compiles bench/src against them.
# Sets BENCH_CP (classes, dependencies, bench classes) and JAVA_FLAGS.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./mvnw -q -B -ntp -DskipTests compile
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
mkdir -p target/bench
# The service's flags (the Dockerfile's and spring-boot:run's), within the issue's 512 MiB for training.
JAVA_FLAGS=(--add-modules=jdk.incubator.vector -XX:+UseTransparentHugePages -Xmx512m)
BENCH_CP="target/classes:$(cat target/bench-classpath.txt):target/bench"
javac -nowarn --add-modules=jdk.incubator.vector -cp "$BENCH_CP" -d target/bench $(find bench/src -name "*.java") 2>&1 \
  | grep -v -e 'incubator' -e '^1 warning' || true
