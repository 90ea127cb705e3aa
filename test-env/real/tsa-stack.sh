#!/usr/bin/env bash
# The real Sigstore timestamp authority in its own network namespace (started by testbed.ts
# through `unshare -n`): its metrics port 2112 is hard-coded and the server exits when that port
# is taken, so each test bed keeps its own private one. Bridged from SOCKET to 127.0.0.1:3000.
#   tsa-stack.sh SOCKET
set -euo pipefail
SOCKET="$1"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ip link set lo up
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT TERM INT
"$ROOT/.peers/bin/timestamp-server" serve --host 127.0.0.1 --port 3000 \
  --timestamp-signer memory --disable-ntp-monitoring &
"${NODE:-node}" --import tsx "$HERE/bridge.ts" inside "$SOCKET" 3000 &
wait -n
