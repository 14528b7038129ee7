# shellcheck shell=bash disable=SC2034  # (variables are used by the scripts that source this)
# Shared by setup.sh, start.sh, stop.sh and test.sh (sourced, not executed).
# Paths, logging, and the mount bookkeeping for the Synapse sid chroot.

SIGMEET_CACHE=${SIGMEET_CACHE:-/var/cache/sigmeet}
SYNAPSE_PORT=${SYNAPSE_PORT:-8008}
SYNAPSE_MIRROR=${SYNAPSE_MIRROR:-http://deb.debian.org/debian}
SYNAPSE_ROOT="$SIGMEET_CACHE/synapse-sid"
SYNAPSE_RUN="$SIGMEET_CACHE/synapse-run"
# Written last by setup.sh; its content is the setup recipe version below.
SYNAPSE_MARKER="$SYNAPSE_ROOT/.sigmeet-synapse-setup-done"
# Written after a complete debootstrap, so a rerun can keep the base system.
SYNAPSE_BASE_MARKER="$SYNAPSE_ROOT/.sigmeet-debootstrap-done"
SYNAPSE_SETUP_VERSION=1
SYNAPSE_SERVER_NAME=localhost
# Paths inside the chroot. The configuration directory (generated once by setup.sh: homeserver.yaml,
# the signing key, the secrets) is kept; the data directory (SQLite database, media) is recreated
# by every start.sh.
SYNAPSE_CONF_DIR=/etc/sigmeet-synapse
SYNAPSE_DATA_DIR=/var/lib/sigmeet-synapse

CHROOT_ROOT=$SYNAPSE_ROOT
CHROOT_NAME=synapse
CHROOT_PIDFILE="$SYNAPSE_RUN/synapse.pid"
# shellcheck source=../lib/chroot.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/chroot.sh"

