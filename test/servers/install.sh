#!/usr/bin/env bash
# Installs the Debian packages the tests and benchmarks need, when they are missing.
# Samba 4.22 comes from bookworm-backports (DESIGN.md, "Real servers").
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

need=()
command -v smbd >/dev/null || need+=(samba)
command -v smbclient >/dev/null || need+=(smbclient)
command -v tshark >/dev/null || need+=(tshark)
[ ${#need[@]} -eq 0 ] && exit 0

if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  echo "netfs: adding bookworm-backports to apt sources" >&2
  $SUDO tee /etc/apt/sources.list.d/netfs-backports.sources >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
echo "netfs: installing ${need[*]} (apt)" >&2
$SUDO apt-get update -qq
echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
$SUDO apt-get install -y -qq -t bookworm-backports samba smbclient samba-common-bin >/dev/null
$SUDO apt-get install -y -qq tshark >/dev/null
