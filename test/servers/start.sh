#!/usr/bin/env bash
# Starts the test servers (Samba: main and signing-mandatory instances; nfs-ganesha) in the foreground,
# prints their smb:// URLs, and stops them on Ctrl-C. Needs root. Ports: NETFS_SMB_PORT,
# NETFS_SMB_SIGNED_PORT (defaults 4450, 4451; a busy port is replaced by a free one).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node --import tsx test/servers/start.ts "$@"
