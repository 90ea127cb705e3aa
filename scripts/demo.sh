#!/usr/bin/env bash
# Demo: sign a freshly pushed image with the action (node dist/index.js, run as the GitHub
# runner runs it) in key mode and in keyless mode against the local test bed, print what it
# reported, verify with the real cosign 3.1, then gate both digests with the verify action
# (node verify/dist/index.js). Exit status 0 when all of it verified.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"

# shellcheck source=scripts/node24.sh
source scripts/node24.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
bash test-env/install-peers.sh >/dev/null
if [ ! -f dist/index.js ] || [ ! -f verify/dist/index.js ]; then npm run --silent build; fi
# Leave a bed that was already running as it was; stop only the one started here.
if ! npx --no-install tsx test-env/testbed.ts status >/dev/null 2>&1; then
  npx --no-install tsx test-env/testbed.ts start --no-real # the real Go-built servers are for the e2e suites
  trap 'npx --no-install tsx test-env/testbed.ts stop >/dev/null 2>&1 || true' EXIT
fi
# shellcheck disable=SC1091
source .testbed/env
WORK="$(mktemp -d)"

# run_action NAME [NAME=VALUE...]: inputs as INPUT_<NAME> (hyphens kept), outputs and summary
# through files, nothing inherited but PATH: what the runner gives a node24 action.
run_action() {
  local label="$1"
  shift
  local dir="$WORK/$label"
  mkdir -p "$dir/temp" "$dir/home"
  : >"$dir/output"
  : >"$dir/summary.md"
  local envs=(PATH="$PATH" HOME="$dir/home" CI=true GITHUB_ACTIONS=true RUNNER_TEMP="$dir/temp"
    GITHUB_OUTPUT="$dir/output" GITHUB_STEP_SUMMARY="$dir/summary.md" GITHUB_REPOSITORY=acme/app)
  local kv
  for kv in "$@"; do
    case "$kv" in
      ACTIONS_*) envs+=("$kv") ;;
      *) envs+=("INPUT_$(echo "${kv%%=*}" | tr '[:lower:]' '[:upper:]')=${kv#*=}") ;;
    esac
  done
  local entry="${ENTRY:-dist/index.js}"
  echo "--- $label: node $entry"
  local rc=0
  env -i "${envs[@]}" node "$ROOT/$entry" || rc=$?
  echo "--- $label: outputs (GITHUB_OUTPUT)"
  cat "$dir/output"
  echo "--- $label: job summary"
  cat "$dir/summary.md"
  return "$rc"
}

REPO="$TESTBED_REGISTRY/demo/app"
COMMON=(registry-username="$TESTBED_REGISTRY_USERNAME" registry-password="$TESTBED_REGISTRY_PASSWORD"
  rekor-url="$TESTBED_REKOR_URL" fulcio-url="$TESTBED_FULCIO_URL"
  trusted-root="$TESTBED_TRUSTED_ROOT") # a private Sigstore: the action trusts only its trusted root

echo "== key mode"
DIGEST="$(npx --no-install tsx test-env/image.ts push demo/app:latest)"
echo "pushed $REPO:latest@$DIGEST"
(cd "$WORK" && COSIGN_PASSWORD=demo-pass "$COSIGN3" generate-key-pair 2>/dev/null)
key_result=FAILED
if run_action key image="$REPO:latest" digest="$DIGEST" signing-mode=key \
  private-key="$(cat "$WORK/cosign.key")" password=demo-pass "${COMMON[@]}"; then
  echo "--- cosign 3.1 verify --key"
  if env -u SIGSTORE_REKOR_PUBLIC_KEY "$COSIGN3" verify --key "$WORK/cosign.pub" --trusted-root "$TESTBED_TRUSTED_ROOT" \
    --allow-http-registry "$REPO@$DIGEST"; then key_result=verified; fi
fi

echo
echo "== keyless mode (local OIDC token endpoint + local Fulcio)"
DIGEST2="$(npx --no-install tsx test-env/image.ts push demo/app:keyless)"
echo "pushed $REPO:keyless@$DIGEST2"
keyless_result=FAILED
if run_action keyless image="$REPO@$DIGEST2" signing-mode=keyless "${COMMON[@]}" \
  ACTIONS_ID_TOKEN_REQUEST_URL="$TESTBED_OIDC_REQUEST_URL" ACTIONS_ID_TOKEN_REQUEST_TOKEN="$TESTBED_OIDC_REQUEST_TOKEN"; then
  echo "--- cosign 3.1 verify (keyless identity)"
  if "$COSIGN3" verify --trusted-root "$TESTBED_TRUSTED_ROOT" --allow-http-registry \
    --certificate-identity https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main \
    --certificate-oidc-issuer https://token.actions.githubusercontent.com "$REPO@$DIGEST2"; then
    keyless_result=verified
  fi
fi

echo
echo "== deploy gate: the verify action (node verify/dist/index.js) on both digests"
gate_result=FAILED
GATE=(registry-username="$TESTBED_REGISTRY_USERNAME" registry-password="$TESTBED_REGISTRY_PASSWORD"
  trusted-root="$TESTBED_TRUSTED_ROOT")
if ENTRY=verify/dist/index.js run_action gate-key image="$REPO@$DIGEST" key="$(cat "$WORK/cosign.pub")" "${GATE[@]}" &&
  ENTRY=verify/dist/index.js run_action gate-keyless image="$REPO@$DIGEST2" \
    certificate-identity=https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main \
    certificate-oidc-issuer=https://token.actions.githubusercontent.com "${GATE[@]}"; then
  gate_result=verified
fi

echo
echo "== result"
echo "key mode:     $key_result"
echo "keyless mode: $keyless_result"
echo "deploy gate:  $gate_result"
[ "$key_result" = verified ] && [ "$keyless_result" = verified ] && [ "$gate_result" = verified ]
