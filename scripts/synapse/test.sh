#!/usr/bin/env bash
# The real-Synapse end-to-end tier (`npm run test:e2e`, part of `npm run check`): starts a fresh
# Synapse 1.160 with start.sh (which builds the chroot with setup.sh the first time), runs the tests
# in vitest.e2e.config.ts against it, and stops it again, also when the tests fail or the run is
# interrupted. Extra arguments go to vitest. SYNAPSE_RATE_LIMITS=stock runs the tier against
# Synapse's default message rate limit (see start.sh).
#
# This tier never skips: if the server cannot be set up or started (not root, no debootstrap, the
# Debian mirror unreachable on a first setup, a busy port), the run fails and says why.
set -euo pipefail
# shellcheck source=scripts/synapse/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/lib/tier-test.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/tier-test.sh"

TIER_WAIT=${SYNAPSE_TIER_WAIT:-1200}
run_tier_tests test:e2e "real Synapse" docs/synapse.md vitest.e2e.config.ts "$SYNAPSE_RUN/synapse.log" "$@"
