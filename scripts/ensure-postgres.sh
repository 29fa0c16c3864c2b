#!/usr/bin/env bash
# The store tests also run against a real PostgreSQL, which the test suite starts itself on a
# free port. Installs Debian's postgresql package when its server binaries are missing.
set -euo pipefail
if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null; then
  exit 0
fi
echo "PostgreSQL is missing: installing Debian's postgresql package."
bash "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" postgresql
