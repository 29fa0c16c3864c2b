#!/usr/bin/env bash
# The README's second command: installs what is missing (dependencies, Chromium, PostgreSQL),
# then runs lint, typecheck, the builds, the size budgets, every test (unit, integration,
# browser, stories, the packed packages) and the Storybook build.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM=(npx -y pnpm@10.34.8)
"${PNPM[@]}" install --frozen-lockfile
bash scripts/ensure-chromium.sh
bash scripts/ensure-postgres.sh
"${PNPM[@]}" run check
