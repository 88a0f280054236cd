#!/usr/bin/env bash
# Installs the Debian packages the tests and benchmarks need, when they are missing.
# Samba 4.22 comes from bookworm-backports (DESIGN.md, "Real servers"); an older Samba
# (bookworm's own 4.17) is upgraded from there. Non-interactive: safe with CI=true, no stdin.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
# Daemons live in sbin and libexec, which a non-root PATH may lack.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
SAMBA_MIN="4.22"
bash "$(dirname "$0")/install-nfs.sh" # nfs-ganesha, rpcbind, libnfs-utils (its own apt run)

samba_ok() {
  command -v smbd >/dev/null && command -v smbclient >/dev/null && command -v pdbedit >/dev/null \
    && command -v smbstatus >/dev/null && [ -x /usr/libexec/samba/samba-dcerpcd ] || return 1
  local v
  v=$(smbd --version | sed -n 's/^Version \([0-9][0-9]*\.[0-9][0-9]*\).*/\1/p')
  [ -n "$v" ] && [ "$(printf '%s\n%s\n' "$SAMBA_MIN" "$v" | sort -V | head -n1)" = "$SAMBA_MIN" ]
}

need_backports=()
need_main=()
samba_ok || need_backports+=(samba smbclient samba-common-bin)
command -v tshark >/dev/null || need_main+=(tshark)
command -v getfattr >/dev/null || need_main+=(attr)
# FUSE mounts (netfs mount): fuse-native's prebuilt binding links libfuse.so.2 and unmounts with
# fusermount (fuse3 ships both fusermount3 and fusermount); smbnetfs is the FUSE anchor of the benchmark.
command -v fusermount3 >/dev/null || need_main+=(fuse3)
{ /sbin/ldconfig -p 2>/dev/null || ldconfig -p; } | grep -q 'libfuse\.so\.2 ' || need_main+=(libfuse2)
command -v smbnetfs >/dev/null || need_main+=(smbnetfs)
[ ${#need_backports[@]} -eq 0 ] && [ ${#need_main[@]} -eq 0 ] && exit 0

if [ ${#need_backports[@]} -gt 0 ] && ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  echo "netfs: adding bookworm-backports to apt sources" >&2
  $SUDO tee /etc/apt/sources.list.d/netfs-backports.sources >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
echo "netfs: installing ${need_backports[*]} ${need_main[*]} (apt)" >&2
$SUDO apt-get update -qq
echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
if [ ${#need_backports[@]} -gt 0 ]; then
  $SUDO apt-get install -y -qq -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    -t bookworm-backports "${need_backports[@]}" </dev/null >/dev/null
fi
if [ ${#need_main[@]} -gt 0 ]; then
  $SUDO apt-get install -y -qq "${need_main[@]}" </dev/null >/dev/null
fi
samba_ok || { echo "netfs: Samba >= $SAMBA_MIN still missing after apt-get install" >&2; exit 1; }
