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
# shellcheck source=scripts/node24.sh
source scripts/node24.sh
echo "node $(node --version), npm $(npm --version)"
# Skip `npm ci` when node_modules was installed from this very lockfile by this Node.
stamp=node_modules/.sign-image-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1) $(node --version)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "node_modules is current"
else
  npm ci --no-audit --no-fund
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
  if ! npx --no-install ncc build src/index.ts -o "$tmp/dist" --license licenses.txt >"$tmp/build.log" 2>&1 ||
    ! npx --no-install ncc build src/verify/index.ts -o "$tmp/verify-dist" --license licenses.txt >>"$tmp/build.log" 2>&1; then
    cat "$tmp/build.log"
    rc=1
  elif ! diff -r -q dist "$tmp/dist" || ! diff -r -q verify/dist "$tmp/verify-dist"; then
    echo "dist/ or verify/dist/ differs from a fresh \`npm run build\`: rebuild and commit both" >&2
    rc=1
  else
    echo "dist/ and verify/dist/ match a fresh build"
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

# Jest and the action it spawns run under the Node 24 that scripts/node24.sh put first on PATH
# (GitHub's runner executes node24 actions with Node 24).
reports=()
run_jest() {
  local report="$1"
  shift
  reports+=("$report")
  NODE_OPTIONS='--experimental-vm-modules --no-warnings' npx --no-install jest --json --outputFile="$report" "$@"
}
set +e
step "jest (all projects), action under $(node --version)"
run_jest .testbed/jest-report.json "$@"
rc=$?
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
