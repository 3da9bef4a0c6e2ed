#!/usr/bin/env bash
# Installs what the browser tests need, once: Debian's Chromium (apt-get, as root) and axe-core (npm, into an
# ignored folder). Fast when both are present. Called by test.sh; safe to run by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing Chromium with apt-get…"
    # Waits for another apt-get (a parallel run) rather than failing on the dpkg lock.
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "Chromium is missing at /usr/bin/chromium and installing it needs root (apt-get install chromium): the browser tests will fail." >&2
  fi
fi

axe_dir="tests/RemoteSupport.Browser.Tests/.axe"
if [ ! -f "$axe_dir/node_modules/axe-core/axe.min.js" ]; then
  if command -v npm >/dev/null; then
    echo "Installing axe-core from the npm registry…"
    npm install --no-save --no-audit --no-fund --silent --prefix "$axe_dir" axe-core@4 >/dev/null
  else
    echo "npm is missing: axe-core cannot be installed, the accessibility tests will fail." >&2
  fi
fi
