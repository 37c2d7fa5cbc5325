#!/usr/bin/env bash
# The container's HEALTHCHECK: healthy when /actuator/health/readiness answers 200. The JRE image has neither curl
# nor wget, so this speaks HTTP/1.0 over bash's /dev/tcp. SERVER_PORT is the port the service listens on.
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/${SERVER_PORT:-8080}"
printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 5 status <&3
[[ "$status" =~ ^HTTP/1\.[01]\ 200 ]]
