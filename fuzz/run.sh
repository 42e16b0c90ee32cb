#!/usr/bin/env bash
# Runs every fuzz target of burrow for a bounded time: FUZZ_SECONDS each (default 30).
# Installs cargo-fuzz if it is missing. Works with the stable toolchain: RUSTC_BOOTSTRAP=1
# lets it take the -Z flags cargo fuzz passes for a sanitizer.
#
#   bash fuzz/run.sh                      # all targets, 30 s each
#   FUZZ_SECONDS=300 bash fuzz/run.sh template
#   FUZZ_SANITIZER=address bash fuzz/run.sh
#
# No sanitizer by default: the fuzzed modules (config, output, layer) have no unsafe code.
# Without AddressSanitizer (and with 16 codegen units instead of 1) the first build took
# 9 min of CPU instead of 15 here, and the targets run 2.5 to 4 times faster.
# FUZZ_SANITIZER=address turns it back on (cargo fuzz's default).
#
# Exits non-zero if a target finds a crash (a panic), a timeout or an out-of-memory input
# (and a leak with the address sanitizer); the input is then saved under
# fuzz/artifacts/<target>/ and its path printed.
# Reproduce with: RUSTC_BOOTSTRAP=1 cargo fuzz run -s none <target> fuzz/artifacts/<target>/<file>
# New corpus entries (40-hex names) go to fuzz/corpus/<target>/ and are not committed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

CARGO_FUZZ_VERSION=0.13.2
seconds="${FUZZ_SECONDS:-30}"
# The same flags for build and run, or `cargo fuzz run` builds again.
build_flags=(--sanitizer "${FUZZ_SANITIZER:-none}" --codegen-units 16)
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

# layer_tar hides the real /tmp behind a tmpfs of its own: from a checkout under /tmp it
# cannot see its corpus (libFuzzer: "The required directory ... does not exist").
case "$PWD/" in
/tmp/*)
    for target in "${targets[@]}"; do
        if [ "$target" = layer_tar ]; then
            echo "fuzz/run.sh: layer_tar cannot run from $PWD: it hides /tmp; run the fuzzers from a checkout outside /tmp" >&2
            exit 2
        fi
    done
    ;;
esac

start=$SECONDS
cargo fuzz build "${build_flags[@]}"
echo "built fuzz targets in $((SECONDS - start)) s"

failed=()
for target in "${targets[@]}"; do
    echo "==== fuzz $target for ${seconds} s"
    mkdir -p fuzz/artifacts
    # Not in fuzz/artifacts/<target>/, where cargo fuzz looks for the failing input.
    log="fuzz/artifacts/$target.log"
    # -timeout: seconds one input may take before it counts as a hang.
    if cargo fuzz run "${build_flags[@]}" "$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 >"$log" 2>&1; then
        grep -E '^(#[0-9]+\s+DONE|Done [0-9]+ runs|stat::number_of_executed_units|stat::new_units_added)' "$log" || true
    else
        failed+=("$target")
        grep -E -m 3 -A 4 "panicked at|ERROR: libFuzzer|ERROR: AddressSanitizer" "$log" | cut -c1-500 || true
        echo "fuzz target $target failed; full log: $log"
        grep -E "Test unit written to|Failing input:|Reproduce with:" -A2 "$log" | grep -v '^--$' || true
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzzing found problems in: ${failed[*]}"
    exit 1
fi
echo "fuzzing: ${#targets[@]} targets, ${seconds} s each, nothing found"
