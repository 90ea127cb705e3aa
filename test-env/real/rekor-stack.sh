#!/usr/bin/env bash
# The real Rekor v1 in its own network namespace (started by testbed.ts through `unshare -n`):
# MariaDB (its own data dir, Unix socket only) → Trillian's schema → trillian_log_server and
# trillian_log_signer (MySQL storage, --force_master) → a log tree from createtree →
# rekor-server (memory signer, MySQL search index) on 127.0.0.1:3000 inside the namespace, and a
# bridge from SOCKET to it. Every port here (3000, 2112, 8090-8093) is private to the namespace.
#   rekor-stack.sh DIR SOCKET
set -euo pipefail
DIR="$1"
SOCKET="$2"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="$ROOT/.peers/bin"
ip link set lo up
mkdir -p "$DIR/db"
MY="$DIR/mysql.sock"
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT TERM INT

mariadb-install-db --no-defaults --datadir="$DIR/db" --auth-root-authentication-method=normal \
  --skip-test-db --user="$(id -un)" >"$DIR/mariadb-install.log" 2>&1
mariadbd --no-defaults --datadir="$DIR/db" --socket="$MY" --skip-networking --user="$(id -un)" \
  --innodb-buffer-pool-size=32M --log-error="$DIR/mariadb.log" &
for _ in $(seq 1 100); do [ -S "$MY" ] && break; sleep 0.1; done
mariadb --socket="$MY" -uroot -e 'CREATE DATABASE trillian'
mariadb --socket="$MY" -uroot trillian <"$ROOT/.peers/trillian/storage.sql"
DSN="root@unix($MY)/trillian"

"$BIN/trillian_log_server" --storage_system=mysql --quota_system=mysql --mysql_uri="$DSN" \
  --rpc_endpoint=127.0.0.1:8090 --http_endpoint=127.0.0.1:8091 --logtostderr &
"$BIN/trillian_log_signer" --storage_system=mysql --quota_system=mysql --mysql_uri="$DSN" \
  --force_master --sequencer_interval=20ms --batch_size=100 \
  --rpc_endpoint=127.0.0.1:8092 --http_endpoint=127.0.0.1:8093 --logtostderr &
TREE=""
for _ in $(seq 1 100); do
  TREE="$("$BIN/createtree" --admin_server=127.0.0.1:8090 2>>"$DIR/createtree.log" || true)"
  [ -n "$TREE" ] && break
  sleep 0.2
done
[ -n "$TREE" ] || { echo "createtree failed" >&2; exit 1; }
echo "$TREE" >"$DIR/tree-id"

# The hostname names the checkpoints' signer (default: the machine's name). Verifiers match it
# against the log's URL (sigstore-js: the name must be part of the trusted root's baseUrl), as
# the public log's name rekor.sigstore.dev is part of its URL.
"$BIN/rekor-server" serve --rekor_server.address=127.0.0.1 --port=3000 \
  --rekor_server.signer=memory --trillian_log_server.address=127.0.0.1 \
  --rekor_server.hostname=127.0.0.1 \
  --trillian_log_server.port=8090 --trillian_log_server.tlog_id="$TREE" \
  --search_index.storage_provider=mysql --search_index.mysql.dsn="$DSN" \
  --enable_attestation_storage=false --log_type=prod &
"${NODE:-node}" --import tsx "$HERE/bridge.ts" inside "$SOCKET" 3000 &
wait -n
