#!/usr/bin/env bash
# Installs the system tools the tests need (Debian, as root) or says which are missing; then the container engine.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v ssh >/dev/null || missing+=(openssh-client)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v chromium >/dev/null || missing+=(chromium)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
command -v curl >/dev/null || missing+=(curl)
command -v openssl >/dev/null || missing+=(openssl)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "[prereqs] installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends ca-certificates "${missing[@]}" >/dev/null
  else
    echo "[prereqs] missing: ${missing[*]} - install them (apt-get install ${missing[*]}) or run as root on Debian" >&2
    exit 3
  fi
fi

bash fixtures/lab/setup-host.sh
