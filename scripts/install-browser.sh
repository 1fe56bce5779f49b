#!/usr/bin/env bash
# Makes sure the Debian chromium that the browser tests drive (through playwright-core) is installed.
# Never downloads a browser build of its own: it uses the distribution package via apt-get.
# Exit 0 when /usr/bin/chromium is usable afterwards, 1 when it could not be installed.
set -u
CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

echo "install-browser: $CHROMIUM is missing; installing the Debian chromium package with apt-get" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "install-browser: not root and no sudo: cannot install chromium" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
# Install from the current package lists first; refresh them only when that fails (stale lists).
if ! $SUDO apt-get install -y --no-install-recommends chromium >&2; then
  $SUDO apt-get update >&2 && $SUDO apt-get install -y --no-install-recommends chromium >&2
fi

if [ -x "$CHROMIUM" ]; then
  echo "install-browser: $("$CHROMIUM" --version 2>/dev/null || echo chromium) installed" >&2
  exit 0
fi
echo "install-browser: chromium could not be installed" >&2
exit 1
