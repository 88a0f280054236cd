#!/usr/bin/env bash
# Installs the NFS test server and its anchor client when missing (Debian 12 packages):
# nfs-ganesha 4.x with the VFS FSAL, rpcbind (ganesha.nfsd exits at start when it cannot
# register with the portmapper), and libnfs-utils (nfs-ls, nfs-cat, nfs-cp).
# Non-interactive: safe with CI=true and no stdin. Services are not started here: the test
# fixtures (test/servers/ganesha.ts) run their own rpcbind and ganesha.nfsd.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

vfs_fsal_present() {
  compgen -G '/usr/lib/*/ganesha/libfsalvfs.so*' >/dev/null || compgen -G '/usr/lib*/ganesha/libfsalvfs.so*' >/dev/null
}

need=()
command -v ganesha.nfsd >/dev/null || need+=(nfs-ganesha)
vfs_fsal_present || need+=(nfs-ganesha-vfs)
command -v rpcbind >/dev/null || need+=(rpcbind)
{ command -v nfs-ls >/dev/null && command -v nfs-cat >/dev/null && command -v nfs-cp >/dev/null; } || need+=(libnfs-utils)
[ ${#need[@]} -eq 0 ] && exit 0

echo "netfs: installing ${need[*]} (apt)" >&2
$SUDO apt-get update -qq
# Debian's own nfs-ganesha (4.3), not bookworm-backports' 5.x: the pinned default wins unless -t asks.
$SUDO apt-get install -y -qq -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
  "${need[@]}" </dev/null >/dev/null
command -v ganesha.nfsd >/dev/null && vfs_fsal_present && command -v rpcbind >/dev/null && command -v nfs-cp >/dev/null \
  || { echo "netfs: nfs-ganesha, nfs-ganesha-vfs, rpcbind or libnfs-utils still missing after apt-get install" >&2; exit 1; }
