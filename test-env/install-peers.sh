#!/usr/bin/env bash
# Installs the real peers the end-to-end tests check against (see shared docs test-peers.md):
# Debian's docker-registry, htpasswd, openssl and MariaDB's server and client binaries
# system-wide, cosign 2.5, cosign 3.1 and skopeo 1.18 unpacked from newer Debian suites into
# .peers/ so the system's apt sources stay untouched, and the Go-built peers (below) cached by
# module@version.
# Idempotent: a second run only checks and prints the versions.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
P="$ROOT/.peers"
A="$P/apt"
BIN="$P/bin"
SK="$P/skopeo"
LIB="$SK/usr/lib/x86_64-linux-gnu"
mkdir -p "$BIN"

need_sys=()
command -v docker-registry >/dev/null 2>&1 || need_sys+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || need_sys+=(apache2-utils)
command -v openssl >/dev/null 2>&1 || need_sys+=(openssl) # the token registry's issuer certificate
# MariaDB for the real Rekor's Trillian log: only the server and client binaries (the -core
# packages carry no service), each test bed runs its own instance in a temp dir.
command -v mariadbd >/dev/null 2>&1 || need_sys+=(mariadb-server-core)
command -v mariadb >/dev/null 2>&1 || need_sys+=(mariadb-client-core)
if [ ${#need_sys[@]} -gt 0 ]; then
  echo "installing ${need_sys[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine may not have package lists yet.
  apt-get install -y --no-install-recommends "${need_sys[@]}" >/dev/null 2>&1 ||
    { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${need_sys[@]}" >/dev/null; }
  # The package's own service is not ours to run (it listens on all interfaces).
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now docker-registry >/dev/null 2>&1 || true; fi
fi

# Private apt state: trixie and sid lists, only used for `apt-get download`.
O=(-o Dir::Etc::SourceList="$A/sources.list" -o Dir::Etc::SourceParts="$A/parts"
  -o Dir::State::Lists="$A/lists" -o Dir::Cache="$A/cache" -o Dir::Etc::Preferences="$A/prefs/none"
  -o Dir::Etc::PreferencesParts="$A/prefs" -o Dir::State::status=/dev/null -o APT::Sandbox::User=root
  -o Debug::NoLocking=1)
apt_ready=0
private_apt() {
  [ "$apt_ready" = 1 ] && return 0
  mkdir -p "$A/lists/partial" "$A/cache/archives/partial" "$A/parts" "$A/prefs" "$A/debs"
  local mirror
  mirror="$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
  [ -n "$mirror" ] || mirror="$(grep -m1 -oE 'https?://[^ ]+/debian' /etc/apt/sources.list)"
  {
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror sid main"
  } >"$A/sources.list"
  apt-get "${O[@]}" update >"$A/update.log" 2>&1 || { cat "$A/update.log"; exit 1; }
  apt_ready=1
}

# download_unpack DEST PKG/SUITE... : fetch the suite's version of each package and unpack it.
download_unpack() {
  local dest="$1"
  shift
  private_apt
  mkdir -p "$dest"
  (cd "$A/debs" && apt-get "${O[@]}" download "$@" >/dev/null)
  local spec name deb
  for spec in "$@"; do
    name="${spec%%/*}"
    deb="$(ls -t "$A/debs/${name}_"*.deb | head -1)"
    dpkg-deb -x "$deb" "$dest"
    echo "  unpacked $(basename "$deb")"
  done
}

# The suite's current version, e.g. "3.1.1-1"; used to check we got the release series we expect.
deb_version() { dpkg-deb -f "$(ls -t "$A/debs/${1}_"*.deb | head -1)" Version; }

install_cosign() { # DIR SUITE SERIES
  local dir="$P/$1"
  if [ ! -x "$dir/usr/bin/cosign" ]; then
    echo "fetching cosign from $2"
    rm -rf "$A/debs"/cosign_*.deb "$dir"
    download_unpack "$dir" "cosign/$2"
    deb_version cosign >"$dir/VERSION" # Debian's build says only "devel" in `cosign version`
    case "$(deb_version cosign)" in
      "$3"*) ;;
      *) echo "warning: $2 now ships cosign $(deb_version cosign), expected $3.x" >&2 ;;
    esac
  fi
}
install_cosign cosign-2.5 trixie 2.5
install_cosign cosign-3.1 sid 3.1

if [ ! -x "$SK/usr/bin/skopeo" ]; then
  echo "fetching skopeo from trixie"
  rm -rf "$SK"
  download_unpack "$SK" skopeo/trixie libc6/trixie libgpgme11t64/trixie libassuan9/trixie \
    libgpg-error0/trixie libsqlite3-0/trixie
  # Pull in whatever else the binary links against that bookworm lacks.
  for _ in 1 2 3; do
    missing="$("$LIB/ld-linux-x86-64.so.2" --library-path "$LIB" --list "$SK/usr/bin/skopeo" |
      awk '/not found/{print $1}' || true)"
    [ -z "$missing" ] && break
    pkgs=()
    for so in $missing; do
      pkgs+=("$(apt-cache "${O[@]}" search --names-only "^${so%%.so*}" | awk 'NR==1{print $1}')/trixie")
    done
    echo "  extra libraries: ${pkgs[*]}"
    download_unpack "$SK" "${pkgs[@]}"
  done
fi

# ---- Peers built from Go modules (test peers only; the action itself stays pure Node) ----
# go_peer NAME MODULE VERSION PACKAGE [go build args...]
# Builds PACKAGE of MODULE@VERSION with CGO_ENABLED=0 into .peers/go/<key>/NAME and links it as
# .peers/bin/NAME, where <key> names the module, version and Go version. Built binaries are also
# kept in a machine-wide cache ($SIGN_IMAGE_PEER_CACHE, default ~/.cache/sign-image/peers) so a
# fresh clone on the same machine (CI) copies instead of building. Modules whose go.mod has
# `replace` lines cannot be built with `go install M/pkg@V`: the module's source is fetched with
# `go mod download -json`, copied somewhere writable, and built there, as upstream does.
GO_PEER_CACHE="${SIGN_IMAGE_PEER_CACHE:-$HOME/.cache/sign-image/peers}"
go_peer() {
  local name="$1" module="$2" version="$3" pkg="$4"
  shift 4
  local gover key dir cached t0 src work
  gover="$(go env GOVERSION)"
  # GO_PEER_REPLACE (optional): `old=new@version` pins added to the module's own go.mod before
  # the build, for a requirement the module proxy does not serve; they are part of the key.
  key="$(echo "${module}@${version}${GO_PEER_REPLACE:+-pinned-$(echo "$GO_PEER_REPLACE" | sha256sum | cut -c1-12)}-${gover}" | tr '/' '_')"
  dir="$P/go/$key"
  cached="$GO_PEER_CACHE/$key"
  if [ ! -x "$dir/$name" ]; then
    mkdir -p "$dir"
    if [ -x "$cached/$name" ]; then
      cp "$cached/$name" "$dir/$name"
    else
      t0=$SECONDS
      echo "building $name from $module@$version ($pkg) with $gover"
      src="$(GOFLAGS=-mod=mod go mod download -json "$module@$version" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')"
      [ -n "$src" ] || { echo "go mod download $module@$version gave no source folder" >&2; return 1; }
      work="$(mktemp -d)"
      cp -r "$src/." "$work/"
      chmod -R u+w "$work"
      if [ -n "${GO_PEER_REPLACE:-}" ]; then
        local r
        for r in $GO_PEER_REPLACE; do (cd "$work" && go mod edit -replace "$r"); done
        # The pins change go.sum: let the go command record the pinned modules' sums.
        (cd "$work" && CGO_ENABLED=0 GOFLAGS=-mod=mod nice -n 10 go build -trimpath -o "$dir/$name" "$@" "$pkg")
      else
        (cd "$work" && CGO_ENABLED=0 nice -n 10 go build -trimpath -o "$dir/$name" "$@" "$pkg")
      fi
      rm -rf "$work"
      mkdir -p "$cached" && cp "$dir/$name" "$cached/$name"
      echo "  built $name in $((SECONDS - t0)) s"
    fi
  fi
  ln -sf "$dir/$name" "$BIN/$name"
}

# Admission controllers, run without a cluster (shared docs admission.md): the Kyverno CLI
# evaluates ClusterPolicy verifyImages and ImageValidatingPolicy against a live registry, and
# policy-controller's tester evaluates a ClusterImagePolicy. Both go.mod files have `replace`.
go_peer kyverno github.com/kyverno/kyverno v1.19.1 ./cmd/cli/kubectl-kyverno
# policy-controller v0.15.1's go.mod pins go-containerregistry's pkg/authn/k8schain and
# pkg/authn/kubernetes at v0.0.0-20260317232201-3888fb8f8738, which the module proxy refuses
# (403 "not available"). Both are pinned to the served v0.0.0-20260205022027-93aa2732266a (six
# weeks older, same API as far as the tester uses it: keychains for a cluster it never talks to).
K8S_AUTHN_PIN=v0.0.0-20260205022027-93aa2732266a
GO_PEER_REPLACE="github.com/google/go-containerregistry/pkg/authn/k8schain=github.com/google/go-containerregistry/pkg/authn/k8schain@$K8S_AUTHN_PIN github.com/google/go-containerregistry/pkg/authn/kubernetes=github.com/google/go-containerregistry/pkg/authn/kubernetes@$K8S_AUTHN_PIN" \
  go_peer policy-tester github.com/sigstore/policy-controller v0.15.1 ./cmd/tester ||
  echo "warning: policy-controller's tester was not built (see above)" >&2
# The real Sigstore timestamp authority (tsa-url end to end, __tests__/e2e/tsa-real.e2e.test.ts).
go_peer timestamp-server github.com/sigstore/timestamp-authority/v2 v2.1.3 ./cmd/timestamp-server
# AWS KMS emulator for `kms-key: awskms://…` (__tests__/e2e/kms-signing.e2e.test.ts).
go_peer local-kms github.com/nsmithuk/local-kms v0.0.0-20260228092603-2a5e92d09ab6 .
# No Vault/OpenBao server for `hashivault://` (so the action refuses it), tried 2026-12-02:
# - OpenBao: the module proxy lists no version of github.com/openbao/openbao; the pseudo-version
#   of the last commit under that path, v0.0.0-20260714213526-4771dc118499, is refused (403 "not
#   available"), and later commits are the module github.com/openbao/openbao/v2 (go 1.27).
# - HashiCorp Vault v1.21.4 is served (its deps too: 185 s to download), but its go.mod replaces
#   api/, api/auth/* and sdk/ with nested modules that a module zip leaves out. With the versions
#   go.mod requires instead (sdk v0.21.0) vault/identity_store.go does not compile (ActivationFunc
#   gained an argument); with sdk v0.20.0, builtin/logical/ssh lacks TryRecordObservationWithRequest.
#   Neither matches the release/1.21 tree; no other sdk version was tried. (The first build ran
#   43 min on this shared 2-core machine, load ~20, before that error; ~2600 packages.)

# The real Rekor v1 (__tests__/e2e/real-rekor.e2e.test.ts): rekor-server on a Trillian log server
# and log signer with MySQL storage (MariaDB above). createtree makes the log's tree at bed start.
# Trillian needs only its mysql tag here: the signer runs with --force_master (no etcd election).
go_peer rekor-server github.com/sigstore/rekor v1.5.4 ./cmd/rekor-server
go_peer trillian_log_server github.com/google/trillian v1.7.3 ./cmd/trillian_log_server -tags mysql
go_peer trillian_log_signer github.com/google/trillian v1.7.3 ./cmd/trillian_log_signer -tags mysql
go_peer createtree github.com/google/trillian v1.7.3 ./cmd/createtree
# Trillian's MySQL schema, from the same module version, for the bed to load.
TRILLIAN_SRC="$(go mod download -json github.com/google/trillian@v1.7.3 | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')"
mkdir -p "$P/trillian"
cp "$TRILLIAN_SRC/storage/mysql/schema/storage.sql" "$P/trillian/storage.sql"
# distribution v3.1: a registry that answers the referrers API with 404 (the fallback-tag path).
go_peer distribution-registry github.com/distribution/distribution/v3 v3.1.2 ./cmd/registry

# Our own referrers-API registry (test-env/peers/referrers-registry): go-containerregistry's
# pkg/registry behind Basic auth, with OCI-Subject. Zot's module is not served by the proxy.
# Keyed by a hash of its source, so an edit rebuilds it.
local_go_peer() { # NAME DIR
  local name="$1" src="$ROOT/$2" gover key dir cached t0
  gover="$(go env GOVERSION)"
  key="local_${name}-$(cat "$src"/go.mod "$src"/go.sum "$src"/*.go | sha256sum | cut -c1-16)-${gover}"
  dir="$P/go/$key"
  cached="$GO_PEER_CACHE/$key"
  if [ ! -x "$dir/$name" ]; then
    mkdir -p "$dir"
    if [ -x "$cached/$name" ]; then
      cp "$cached/$name" "$dir/$name"
    else
      t0=$SECONDS
      echo "building $name from $2 with $gover"
      (cd "$src" && CGO_ENABLED=0 nice -n 10 go build -trimpath -o "$dir/$name" .)
      mkdir -p "$cached" && cp "$dir/$name" "$cached/$name"
      echo "  built $name in $((SECONDS - t0)) s"
    fi
  fi
  ln -sf "$dir/$name" "$BIN/$name"
}
local_go_peer referrers-registry test-env/peers/referrers-registry

# Wrappers: stable paths the tests and scripts call.
cat >"$BIN/cosign2" <<W
#!/bin/sh
exec "$P/cosign-2.5/usr/bin/cosign" "\$@"
W
cat >"$BIN/cosign3" <<W
#!/bin/sh
exec "$P/cosign-3.1/usr/bin/cosign" "\$@"
W
cat >"$BIN/skopeo" <<W
#!/bin/sh
# skopeo 1.18 needs trixie's libc: start it through the unpacked loader.
exec "$LIB/ld-linux-x86-64.so.2" --library-path "$LIB" "$SK/usr/bin/skopeo" "\$@"
W
chmod +x "$BIN/cosign2" "$BIN/cosign3" "$BIN/skopeo"

echo "docker-registry: $(docker-registry --version 2>&1 | head -1)"
"$BIN/cosign2" version >/dev/null 2>&1 && echo "cosign2: $(cat "$P/cosign-2.5/VERSION")"
"$BIN/cosign3" version >/dev/null 2>&1 && echo "cosign3: $(cat "$P/cosign-3.1/VERSION")"
echo "skopeo: $("$BIN/skopeo" --version)"
