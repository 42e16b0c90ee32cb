# Helpers for the VM tier's guest cases (sourced by batch.sh into every case; see
# tests/vm/README.md). A case runs under `set -euo pipefail`: any failing command fails it,
# and its last line of output is the reason batch.sh reports.

# Fails the current case with a reason.
fail() {
    echo "$*" >&2
    exit 1
}

# A fixture image's reference in the guest registry (the same names as the host tests use).
image() {
    echo "${BURROW_TEST_REGISTRY:-127.0.0.1:5000}/$1"
}

# Fails unless the two values are equal: expect_eq WHAT ACTUAL EXPECTED.
expect_eq() {
    [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# Waits until a command succeeds, polling every 0.1 s: wait_for DESCRIPTION SECONDS CMD...
wait_for() {
    local what="$1" seconds="$2" deadline
    shift 2
    deadline=$((SECONDS + seconds))
    until "$@"; do
        [ "$SECONDS" -lt "$deadline" ] || fail "timed out after ${seconds}s waiting for $what"
        sleep 0.1
    done
}

# The test user's own cgroup (what its systemd manager delegates).
user_service_cgroup() {
    echo "/sys/fs/cgroup/user.slice/user-$(id -u).slice/user@$(id -u).service"
}
