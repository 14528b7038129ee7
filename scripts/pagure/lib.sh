# Shared by setup.sh, start.sh and stop.sh (sourced, not executed).
# Paths, logging, and the mount bookkeeping for the Pagure trixie chroot.

SIGMEET_CACHE=${SIGMEET_CACHE:-/var/cache/sigmeet}
PAGURE_PORT=${PAGURE_PORT:-5005}
PAGURE_MIRROR=${PAGURE_MIRROR:-http://deb.debian.org/debian}
PAGURE_ROOT="$SIGMEET_CACHE/pagure-trixie"
PAGURE_RUN="$SIGMEET_CACHE/pagure-run"
# Written last by setup.sh; its content is the setup recipe version below.
PAGURE_MARKER="$PAGURE_ROOT/.sigmeet-pagure-setup-done"
# Written after a complete debootstrap, so a rerun can keep the base system.
PAGURE_BASE_MARKER="$PAGURE_ROOT/.sigmeet-debootstrap-done"
PAGURE_SETUP_VERSION=1
PAGURE_TEST_CFG=/etc/pagure/pagure-test.cfg   # path inside the chroot
PAGURE_STATE_DIR=/var/lib/pagure-test         # path inside the chroot

CHROOT_ROOT=$PAGURE_ROOT
CHROOT_NAME=pagure
CHROOT_PIDFILE="$PAGURE_RUN/pagure.pid"
# shellcheck source=../lib/chroot.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/chroot.sh"
