#!/usr/bin/env bash
# Installs what the tests need on Debian: Postfix + Dovecot for the real MTA, OpenSSL for its certificate,
# PostgreSQL for the second run of the integration tests (they start a private cluster; the system's is not used),
# Chromium for the browser tests, dnsmasq for the DNS server the deliverability tests start (nothing is forwarded).
# Safe to run again; does nothing when everything is present. Needs root (or sudo).
set -euo pipefail

packages=(postfix dovecot-core dovecot-imapd dovecot-pop3d openssl postgresql chromium dnsmasq-base)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then exec sudo "$0" "$@"; fi
  echo "tests/install.sh: ${missing[*]} missing; run this script as root to install them." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# "No configuration" keeps the system Postfix from listening on port 25; the tests start their own instance.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "tests/install.sh: installed ${missing[*]}"
