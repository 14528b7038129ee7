#!/usr/bin/env bash
# `npm run bench:bot`: starts the real Synapse of the e2e tier (scripts/synapse/start.sh, root
# needed, the chroot built on first use), runs bench/bot.ts against it, and stops it again.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The bot is measured as users run it: the built CLI.
[ -n "${BENCH_NO_BUILD:-}" ] || (cd "$here" && npm run build --silent)
bash "$here/scripts/synapse/start.sh"
trap 'bash "$here/scripts/synapse/stop.sh"' EXIT
node "$here/bench/bot.ts" "$@"
