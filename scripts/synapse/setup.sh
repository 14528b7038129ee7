#!/usr/bin/env bash
# Builds (or reuses) a Debian sid chroot with Debian's matrix-synapse package (1.160) and generates
# a Synapse configuration inside it (server name "localhost", signing key and secrets kept in the
# chroot's /etc/sigmeet-synapse). Idempotent: a completed setup leaves a marker and a rerun does
# nothing; a failed or interrupted one leaves no marker and a rerun repairs it.
#
# Environment: SIGMEET_CACHE (default /var/cache/sigmeet),
#              SYNAPSE_MIRROR (default http://deb.debian.org/debian). Needs root.
set -euo pipefail
# shellcheck source=scripts/synapse/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LOG="$SIGMEET_CACHE/synapse-setup.log"
started=$(date +%s.%N)

fail() { setup_fail "$@"; }
step() { setup_step "$@"; }

cleanup() {
  umount_own_fs || true
}

[ "$(id -u)" -eq 0 ] || fail "preflight" "must run as root (debootstrap, chroot and mount need it)"
for tool in debootstrap chroot mount umount flock; do
  command -v "$tool" >/dev/null || fail "preflight" "'$tool' not found (apt-get install debootstrap util-linux)"
done
case "$SYNAPSE_ROOT" in /?*/*) ;; *) fail "preflight" "refusing suspicious chroot path '$SYNAPSE_ROOT'" ;; esac

mkdir -p "$SIGMEET_CACHE" || fail "preflight" "cannot create $SIGMEET_CACHE"
# One setup at a time per cache directory.
exec 9>"$SIGMEET_CACHE/synapse-setup.lock"
flock -w 900 9 || fail "preflight" "another setup still holds $SIGMEET_CACHE/synapse-setup.lock after 900 s"

done_stamp="version=$SYNAPSE_SETUP_VERSION"
if [ -f "$SYNAPSE_MARKER" ] && [ "$(cat "$SYNAPSE_MARKER")" = "$done_stamp" ]; then
  echo "synapse setup: already complete at $SYNAPSE_ROOT" >&2
  exit 0
fi
: >"$LOG"
trap cleanup EXIT
rm -f "$SYNAPSE_MARKER"

# 1. Base system. A chroot without the debootstrap marker is incomplete: start again. Debian's
#    mirror may serve a sid Release past its Valid-Until date; debootstrap does not check it.
if [ ! -f "$SYNAPSE_BASE_MARKER" ]; then
  if [ -e "$SYNAPSE_ROOT" ]; then
    umount_chroot_fs || fail "remove partial chroot" "something is still mounted under $SYNAPSE_ROOT"
    [ -z "$(mounts_under_root)" ] || fail "remove partial chroot" "mounts remain under $SYNAPSE_ROOT"
    step "remove partial chroot" rm -rf --one-file-system "$SYNAPSE_ROOT"
  fi
  echo "synapse setup: (debootstrap takes about 60 s)" >&2
  step "debootstrap sid" debootstrap --variant=minbase sid "$SYNAPSE_ROOT" "$SYNAPSE_MIRROR"
  date -u +%FT%TZ >"$SYNAPSE_BASE_MARKER"
fi

# 2. No service may start inside the chroot; apt accepts an expired sid Release (the mirror lags);
#    debconf answers matrix-synapse's questions.
{
  printf '#!/bin/sh\nexit 101\n' >"$SYNAPSE_ROOT/usr/sbin/policy-rc.d" &&
    chmod 755 "$SYNAPSE_ROOT/usr/sbin/policy-rc.d"
} || fail "write policy-rc.d" "cannot write $SYNAPSE_ROOT/usr/sbin/policy-rc.d"
printf 'Acquire::Check-Valid-Until "false";\n' >"$SYNAPSE_ROOT/etc/apt/apt.conf.d/99sigmeet-no-valid-until" ||
  fail "write apt config" "cannot write $SYNAPSE_ROOT/etc/apt/apt.conf.d/99sigmeet-no-valid-until"
cp -L /etc/resolv.conf "$SYNAPSE_ROOT/etc/resolv.conf" 2>/dev/null || true
printf '%s\n' \
  "matrix-synapse matrix-synapse/server-name string $SYNAPSE_SERVER_NAME" \
  "matrix-synapse matrix-synapse/report-stats boolean false" \
  >"$SYNAPSE_ROOT/root/sigmeet-debconf.txt" ||
  fail "write debconf answers" "cannot write $SYNAPSE_ROOT/root/sigmeet-debconf.txt"

mount_chroot_fs || fail "mount /proc" "mount -t proc proc $SYNAPSE_ROOT/proc failed"

# 3. Synapse from Debian sid. dpkg --configure -a repairs an install that was interrupted.
step "debconf-set-selections" in_chroot debconf-set-selections /root/sigmeet-debconf.txt
step "dpkg --configure -a" in_chroot dpkg --configure -a
step "apt-get update" in_chroot apt-get update
echo "synapse setup: (installing matrix-synapse takes about 80 s on a fresh chroot)" >&2
step "apt-get install matrix-synapse" \
  in_chroot apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-confold matrix-synapse
in_chroot apt-get clean >>"$LOG" 2>&1 || true

# shellcheck disable=SC2016 # dpkg-query's own ${Version}
version=$(in_chroot dpkg-query -W -f '${Version}' matrix-synapse 2>>"$LOG") ||
  fail "check matrix-synapse package" "dpkg-query found no matrix-synapse package"
case "$version" in 1.160.*) ;; *) echo "synapse setup: warning: matrix-synapse $version installed (recipe measured on 1.160.0-1)" >&2 ;; esac
step "import synapse" in_chroot python3 -c 'import synapse.app.homeserver, synapse; print(synapse.__version__)'

# 4. Configuration: homeserver.yaml with fresh secrets and the signing key, generated once. Paths
#    inside point at SYNAPSE_DATA_DIR (database, media); start.sh adds an override file.
rm -rf "${SYNAPSE_ROOT:?}$SYNAPSE_CONF_DIR" || fail "generate config" "cannot remove $SYNAPSE_ROOT$SYNAPSE_CONF_DIR"
mkdir -p "$SYNAPSE_ROOT$SYNAPSE_CONF_DIR" "$SYNAPSE_ROOT$SYNAPSE_DATA_DIR" ||
  fail "generate config" "cannot create $SYNAPSE_ROOT$SYNAPSE_CONF_DIR"
step "generate config" in_chroot python3 -m synapse.app.homeserver \
  --server-name "$SYNAPSE_SERVER_NAME" --config-path "$SYNAPSE_CONF_DIR/homeserver.yaml" \
  --data-directory "$SYNAPSE_DATA_DIR" --generate-config --report-stats=no
for f in homeserver.yaml "$SYNAPSE_SERVER_NAME.signing.key"; do
  [ -s "$SYNAPSE_ROOT$SYNAPSE_CONF_DIR/$f" ] || fail "generate config" "$SYNAPSE_CONF_DIR/$f missing in the chroot"
done
# The stock rate-limit flavour relies on the generated file leaving every rc_* at its default.
if grep -q '^rc_' "$SYNAPSE_ROOT$SYNAPSE_CONF_DIR/homeserver.yaml"; then
  fail "generate config" "$SYNAPSE_CONF_DIR/homeserver.yaml sets rc_* keys; SYNAPSE_RATE_LIMITS=stock would not be stock"
fi

echo "$done_stamp" >"$SYNAPSE_MARKER"
echo "synapse setup: done in $(elapsed_since "$started")s (matrix-synapse $version in $SYNAPSE_ROOT, $(du -sh --one-file-system "$SYNAPSE_ROOT" 2>/dev/null | cut -f1))" >&2
