#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright cannot download browsers here).
# Installs it from Debian's packages when it is missing.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  exit 0
fi
echo "Chromium is missing at $chromium: installing Debian's chromium package."
bash "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" chromium
