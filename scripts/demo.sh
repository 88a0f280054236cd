#!/usr/bin/env bash
# The main job on a built-in default: start the local test Samba and nfs-ganesha, list the
# share and the export with the netfs CLI, then mount each with `netfs mount` (FUSE) and list
# it through the mount. Installs what it needs (npm packages; Samba, smbclient, tshark, fuse3,
# libfuse2, nfs-ganesha, rpcbind, libnfs-utils from Debian).
# --keep: leave the mount and the servers running afterwards until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm install --no-audit --no-fund
bash test/servers/install.sh
exec node --import tsx scripts/demo.ts "$@"
