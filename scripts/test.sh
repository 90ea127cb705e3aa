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
  # The tree as it stands (tracked + new files), without dist/, built with the same deps.
  git ls-files -z --cached --others --exclude-standard | grep -zv '^dist/' |
    xargs -0 -I{} sh -c '[ -e "$1" ] && cp --parents "$1" "$2" || true' _ {} "$tmp"
  ln -s "$ROOT/node_modules" "$tmp/node_modules"
  if ! (cd "$tmp" && npm run --silent build >"$tmp/build.log" 2>&1); then
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

step "jest (all projects)"
report=.testbed/jest-report.json
set +e
NODE_OPTIONS='--experimental-vm-modules --no-warnings' npx --no-install jest --json --outputFile="$report" "$@"
rc=$?
set -e
step "done"
if [ -f "$report" ]; then
  node -e '
    const r = require(process.argv[1]);
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
    if (r.numFailedTestSuites && !r.numFailedTests) console.log(`(${r.numFailedTestSuites} test suite(s) failed to run)`);
  ' "$ROOT/$report"
else
  echo "0 passed, 1 failed"
  echo "jest wrote no report" >&2
fi
if [ ${#failed_checks[@]} -gt 0 ]; then
  echo "failed checks: ${failed_checks[*]}" >&2
  [ "$rc" -ne 0 ] || rc=1
fi
exit "$rc"
