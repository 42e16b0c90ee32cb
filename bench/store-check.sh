#!/usr/bin/env bash
# The store's consistency pass and what crash safety costs the everyday commands, on a store
# with 100 images and 100 containers: `system check` and `system check --quick` (podman 4.x has
# no `system check`: its times are the targets, 50 ms and 5 ms), then `ps -a`, `images` and
# `run --rm true` with burrow now, a burrow built before the crash-safety work, and podman
# side by side (the promise: no slowdown beyond 5%).
#
# Run as root after `bash tests/fixtures/setup.sh` (needs podman, runc, hyperfine, GNU time):
#   bash bench/store-check.sh [path/to/burrow] path/to/burrow-before
# shellcheck disable=SC2086
set -euo pipefail

before_src="${2:?the second argument is a burrow binary built before the crash-safety work}"
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
count=100

# 100 distinct images in the local registry: busybox plus one small layer each.
python3 - "$registry" "$count" <<'PY'
import sys
sys.path.insert(0, "tests/fixtures")
import build
registry, count = sys.argv[1], int(sys.argv[2])
reg = build.Registry(registry)
base = build.busybox_layer()
for i in range(count):
    extra = build.Layer(f"bench/many{i}")
    extra.dir("etc")
    extra.file("etc/bench", f"{i}\n")
    reg.push_image(f"bench/many{i}", "latest", build.Image([base, extra], f"bench-{i}"))
PY

install -m 0755 "$before_src" "$work/burrow-before"
B0="$work/burrow-before --root $home/b0 --runroot $home/b0run"
echo "filling three stores with $count images and $count containers"
for i in $(seq 0 $((count - 1))); do
    ref="$registry/bench/many$i:latest"
    for tool in "$B" "$B0"; do
        as_user $tool pull -q "$ref" >/dev/null
        as_user $tool create --name "c$i" "$ref" true >/dev/null
    done
    as_user $P pull -q --tls-verify=false "$ref" >/dev/null
    as_user $P create --name "c$i" "$ref" true >/dev/null
done
as_user $B system check

echo "== system check (target < 50 ms) and --quick (target < 5 ms)"
as_user hyperfine -N --warmup 3 --runs 30 --export-json "$work/results/check.json" \
    -n full "$B system check" \
    -n quick "$B system check --quick"

for what in "ps -a" "images"; do
    echo "== $what"
    as_user hyperfine -N --warmup 3 --runs 30 --export-json "$work/results/${what%% *}.json" \
        -n now "$B $what" \
        -n before "$B0 $what" \
        -n podman "$P $what"
done
echo "== run --rm busybox true"
as_user hyperfine -N --warmup 3 --runs 30 --export-json "$work/results/run.json" \
    -n now "$B run --rm $image true" \
    -n before "$B0 run --rm $image true" \
    -n podman "$P run --rm $image true"

python3 - "$work/results" <<'PY'
import json, os, sys
results = sys.argv[1]
def means(name):
    return {r["command"]: (r["mean"] * 1000, r["stddev"] * 1000)
            for r in json.load(open(os.path.join(results, name + ".json")))["results"]}
print()
c = means("check")
print(f"system check: {c['full'][0]:.1f} ± {c['full'][1]:.1f} ms (target < 50), "
      f"--quick: {c['quick'][0]:.1f} ± {c['quick'][1]:.1f} ms (target < 5)")
print(f"{'command':<16} {'now ms':>8} {'before ms':>10} {'now/before':>11} {'podman ms':>10} {'podman/now':>11}")
for label, name in [("ps -a", "ps"), ("images", "images"), ("run --rm true", "run")]:
    m = means(name)
    now, before, podman = m["now"][0], m["before"][0], m["podman"][0]
    print(f"{label:<16} {now:>8.1f} {before:>10.1f} {now / before:>10.3f}x {podman:>10.1f} {podman / now:>10.1f}x")
PY
