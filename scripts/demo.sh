#!/usr/bin/env bash
# The README's first command: install, build the script tag and the two pages, start checkout
# and demo.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM=(npx -y pnpm@10.34.8)
"${PNPM[@]}" install --frozen-lockfile
"${PNPM[@]}" --filter @lava-checkout/js... --filter @lava-checkout/service --filter @lava-checkout/demo run build
exec node --import tsx scripts/demo.ts
