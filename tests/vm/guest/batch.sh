#!/bin/bash
# Runs the VM tier's cases in one boot: every function named case_NAME in
# tests/vm/guest/cases/*.sh, in file and declaration order, each in its own bash under
# `set -euo pipefail` with lib.sh sourced. A command that fails ends the case and is named as
# the reason. Prints `ok NAME` or `FAIL NAME: reason` (the case's output indented above it),
# and exits 1 if any case failed.
#
#   tests/vm/run.sh tests/vm/guest/batch.sh [REGEX]   # only cases whose NAME matches REGEX
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
filter="${1:-}"
case_timeout="${BURROW_VM_CASE_TIMEOUT:-300}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

failed=0
for file in "$here"/cases/*.sh; do
    # The same pattern tests/vm.rs uses to list the cases it expects.
    for fn in $(grep -oE '^case_[A-Za-z0-9_]+[[:space:]]*\(\)' "$file" | sed -E 's/[[:space:]]*\(\)$//'); do
        name="${fn#case_}"
        [ -z "$filter" ] || [[ "$name" =~ $filter ]] || continue
        # Each case in a fresh directory and a shell of its own, so one cannot break the next.
        dir="$(mktemp -d)"
        (cd "$dir" && timeout --kill-after=10 "$case_timeout" bash -c \
            'set -eEuo pipefail
             trap '\''echo "failed (exit status $?): $BASH_COMMAND" >&2'\'' ERR
             source "$1"; source "$2"; "$3"' _ "$here/lib.sh" "$file" "$fn") \
            </dev/null >"$log" 2>&1
        status=$?
        rm -rf "$dir"
        # What a failed case left (containers, and so their scopes) must not fail the next.
        [ "$status" = 0 ] || burrow rm -af -t 0 >/dev/null 2>&1 || true
        if [ "$status" = 0 ]; then
            echo "ok $name"
        else
            failed=1
            sed 's/^/    | /' "$log"
            reason="$(grep -v '^[[:space:]]*$' "$log" | tail -n 1)"
            [ "$status" != 124 ] || reason="timed out after ${case_timeout}s (BURROW_VM_CASE_TIMEOUT)"
            echo "FAIL $name: ${reason:-exit status $status}"
        fi
    done
done
exit "$failed"
