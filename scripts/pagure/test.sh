#!/usr/bin/env bash
# The real-Pagure test tier (`npm run test:pagure`, part of `npm run check`): starts a fresh seeded
# Pagure 5.14.1 with start.sh (which builds the chroot with setup.sh the first time), runs the
# tests in vitest.pagure.config.ts against it, and stops it again, also when the tests fail or the
# run is interrupted. Extra arguments go to vitest.
#
# This tier never skips: if the server cannot be set up or started (not root, no debootstrap, the
# Debian mirror unreachable on a first setup, a busy port), the run fails and says why.
set -euo pipefail
# shellcheck source=scripts/pagure/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/lib/tier-test.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/tier-test.sh"

TIER_WAIT=${PAGURE_TIER_WAIT:-1200}
run_tier_tests test:pagure "real Pagure" docs/pagure.md vitest.pagure.config.ts "$PAGURE_RUN/pagure.log" "$@"
