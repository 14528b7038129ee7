#!/usr/bin/env bash
# The real-Synapse end-to-end tier (`npm run test:e2e`, part of `npm run check`): starts a fresh
# Synapse 1.160 with start.sh (which builds the chroot with setup.sh the first time), runs the tests
# in vitest.e2e.config.ts against it, and stops it again, also when the tests fail or the run is
# interrupted. Extra arguments go to vitest. SYNAPSE_RATE_LIMITS=stock runs the tier against
# Synapse's default message rate limit (see start.sh); --all-flavours (first argument, as
# `npm run test:e2e` gives it) runs the raised pass and then the stock pass.
#
# This tier never skips: if the server cannot be set up or started (not root, no debootstrap, the
# Debian mirror unreachable on a first setup, a busy port), the run fails and says why.
set -euo pipefail
# shellcheck source=scripts/synapse/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/lib/tier-test.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/tier-test.sh"

TIER_WAIT=${SYNAPSE_TIER_WAIT:-1200}

# `npm run test:e2e` passes --all-flavours: two passes, each against a fresh server, with the same
# vitest arguments. First the raised limits (every *.e2e-test.ts but the *.stock-e2e-test.ts
# files), then the stock message limit (the *.stock-e2e-test.ts files and the smoke test); see
# vitest.e2e.config.ts. A flavour named in SYNAPSE_RATE_LIMITS runs that pass alone.
if [ "${1:-}" = "--all-flavours" ]; then
  shift
  [ -z "${SYNAPSE_RATE_LIMITS:-}" ] || exec bash "${BASH_SOURCE[0]}" "$@"
  all_started=$(date +%s.%N)
  # Arguments may name files of one pass only (`-- test/e2e/bot.e2e-test.ts`): the other pass then
  # has no file to run, which is no failure. Without arguments both passes must find their files.
  [ "$#" -eq 0 ] || set -- --passWithNoTests "$@"
  failed=()
  for flavour in raised stock; do
    echo "test:e2e: pass with SYNAPSE_RATE_LIMITS=$flavour" >&2
    pass_rc=0
    SYNAPSE_RATE_LIMITS=$flavour bash "${BASH_SOURCE[0]}" "$@" || pass_rc=$?
    # Interrupted (Ctrl-C, SIGTERM): no second pass.
    [ "$pass_rc" -ne 130 ] && [ "$pass_rc" -ne 143 ] || exit "$pass_rc"
    [ "$pass_rc" -eq 0 ] || failed+=("$flavour")
  done
  elapsed=$(elapsed_since "$all_started")
  if [ "${#failed[@]}" -gt 0 ]; then
    echo "test:e2e: FAILED: the ${failed[*]} pass(es) failed (both passes ran, ${elapsed}s)" >&2
    exit 1
  fi
  echo "test:e2e: both passes (raised, stock) passed in ${elapsed}s" >&2
  exit 0
fi

run_tier_tests test:e2e "real Synapse" docs/synapse.md vitest.e2e.config.ts "$SYNAPSE_RUN/synapse.log" "$@"
