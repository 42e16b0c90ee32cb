#!/usr/bin/env bash
# Runs every fuzz target of burrow for a bounded time: FUZZ_SECONDS each (default 30).
# Installs cargo-fuzz if it is missing. Works with the stable toolchain: cargo fuzz
# needs -Z flags (the address sanitizer), which RUSTC_BOOTSTRAP=1 allows on stable.
#
#   bash fuzz/run.sh                      # all targets, 30 s each
#   FUZZ_SECONDS=300 bash fuzz/run.sh template
#
# Exits non-zero if a target finds a crash, a leak, a timeout or an out-of-memory
# input; the input is then saved under fuzz/artifacts/<target>/ and its path printed.
# Reproduce with: cargo fuzz run <target> fuzz/artifacts/<target>/<file>
# New corpus entries (40-hex names) go to fuzz/corpus/<target>/ and are not committed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

CARGO_FUZZ_VERSION=0.13.2
seconds="${FUZZ_SECONDS:-30}"
export PATH="$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1

if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
    echo "installing cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo install --locked "cargo-fuzz@$CARGO_FUZZ_VERSION"
fi

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list)
fi

start=$SECONDS
cargo fuzz build
echo "built fuzz targets in $((SECONDS - start)) s"

failed=()
for target in "${targets[@]}"; do
    echo "==== fuzz $target for ${seconds} s"
    mkdir -p "fuzz/artifacts/$target"
    log="fuzz/artifacts/$target/last-run.log"
    # -timeout: seconds one input may take before it counts as a hang.
    if cargo fuzz run "$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 >"$log" 2>&1; then
        grep -E '^(#[0-9]+\s+DONE|Done [0-9]+ runs|stat::number_of_executed_units|stat::new_units_added)' "$log" || true
    else
        failed+=("$target")
        tail -n 60 "$log"
        echo "fuzz target $target failed; full log: $log"
        grep -E "Test unit written to|Failing input|Reproduce with" -A1 "$log" || true
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzzing found problems in: ${failed[*]}"
    exit 1
fi
echo "fuzzing: ${#targets[@]} targets, ${seconds} s each, nothing found"
