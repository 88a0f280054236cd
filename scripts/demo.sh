#!/usr/bin/env bash
# The main job on a built-in default: start the local test Samba, list its share with the
# netfs CLI, then mount it with `netfs mount` (FUSE) and list it through the mount. Installs
# what it needs (npm packages; Samba, smbclient, tshark, fuse3, libfuse2 from Debian).
# --keep: leave the mount and the servers running afterwards until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm install --no-audit --no-fund
bash test/servers/install.sh
exec node --import tsx scripts/demo.ts "$@"
