#!/usr/bin/env bash
# The main job on a built-in default: start the local test Samba and list its share with
# the netfs CLI. Installs what it needs (npm packages; Samba, smbclient, tshark from Debian).
# --keep: leave the servers running afterwards until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm install --no-audit --no-fund
bash test/servers/install.sh
exec node --import tsx scripts/demo.ts "$@"
