#!/usr/bin/env bash
# `pnpm run check`: lint, the type check, the builds, the size budgets and the Storybook build,
# then every test. The type check (one core, about half a minute) runs beside the others, which
# leave the second core mostly idle.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM=(npx -y pnpm@10.34.8)
"${PNPM[@]}" run typecheck &
typecheck=$!
"${PNPM[@]}" run lint
"${PNPM[@]}" run build
"${PNPM[@]}" run size
"${PNPM[@]}" run build-storybook
wait "$typecheck"
"${PNPM[@]}" run test:all
