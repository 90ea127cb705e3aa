#!/usr/bin/env bash
# Benchmark: our action vs real `cosign sign --key` 3.1 (legacy format) on the same local
# registry and Rekor, alternating, medians and ratios, for 1 image and for 50 images in one call;
# then the verify action vs `cosign verify` 3.1 per digest (test-env/bench-verify.ts). Each case
# runs on both of the bed's registries: htpasswd and token auth (`--registry htpasswd,token`).
# Runs the action under Node 24 (what GitHub's runner uses; scripts/node24.sh).
# Extra arguments go to test-env/bench.ts, e.g. `npm run bench -- --runs 9 --scenarios 1`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/node24.sh
source scripts/node24.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
bash test-env/install-peers.sh >/dev/null
if [ ! -f dist/index.js ]; then npm run --silent build; fi
if ! npx --no-install tsx test-env/testbed.ts status >/dev/null 2>&1; then
  npx --no-install tsx test-env/testbed.ts start --no-real # the real Go-built servers are for the e2e suites
  trap 'npx --no-install tsx test-env/testbed.ts stop >/dev/null 2>&1 || true' EXIT
fi

npx --no-install tsx test-env/bench.ts --node "$(command -v node)" "$@"
# The verify action: N digests in one step vs `cosign verify` per digest (--verify 0 skips it).
[ -f verify/dist/index.js ] || npm run --silent build
npx --no-install tsx test-env/bench-verify.ts --node "$(command -v node)" "$@"
