# Sourced by the load benchmarks from the project root: packages the jar and starts it on loopback with a fresh home
# and its own java.io.tmpdir, both in a scratch folder removed on exit. Sets work, home, tmpdir, base and service
# (the jar's pid); SERVICE_FLAGS adds JVM flags; SERVICE_PACKAGED=1 skips packaging when a caller has done it. The
# script exits with its own status, not the stopped service's.
[ -n "${SERVICE_PACKAGED:-}" ] || ./mvnw -q -B -ntp -DskipTests package
jar=$(ls target/scratchnet-*.jar | grep -v plain | head -n 1)
work=$(mktemp -d)
home="$work/home"
tmpdir="$work/tmp"
mkdir -p "$tmpdir"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
java --add-modules=jdk.incubator.vector -Xmx1g -Djava.io.tmpdir="$tmpdir" ${SERVICE_FLAGS:-} -jar "$jar" \
  --server.port="$port" --server.address=127.0.0.1 --scratchnet.home="$home" > "$work/service.log" 2>&1 &
service=$!
trap 'status=$?; kill $service 2>/dev/null; wait $service 2>/dev/null || true; rm -rf "$work"; exit $status' EXIT
for _ in $(seq 1 120); do
  curl -sf "$base/actuator/health/readiness" >/dev/null && break
  sleep 0.5
done
curl -sf "$base/actuator/health/readiness" >/dev/null || { cat "$work/service.log" >&2; exit 1; }
