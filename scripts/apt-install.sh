#!/usr/bin/env bash
# Installs Debian packages quietly, as root or through sudo: bash scripts/apt-install.sh PACKAGE...
set -euo pipefail
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@"
