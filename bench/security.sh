#!/usr/bin/env bash
# What the container-escape fixes cost (the binary's read-only view, closed descriptors, a
# session keyring per process, private state directories): `run --rm busybox true` and
# `exec CTR true` with burrow now, a burrow built before the fixes, and podman, side by side.
#
# Run as root after `bash tests/fixtures/setup.sh` (needs podman, runc, hyperfine, GNU time):
#   bash bench/security.sh [path/to/burrow] path/to/burrow-before
# shellcheck disable=SC2086
set -euo pipefail

before_src="${2:?the second argument is a burrow binary built before the fixes}"
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install -m 0755 "$before_src" "$work/burrow-before"
B0="$work/burrow-before --root $home/b0 --runroot $home/b0run"
as_user $B0 pull -q "$image" >/dev/null
as_user $B run -d --name now $image sleep 1000 >/dev/null
as_user $B0 run -d --name before $image sleep 1000 >/dev/null
as_user $P run -d --name p1 $image sleep 1000 >/dev/null

echo "== run --rm busybox true"
as_user hyperfine -N --warmup 3 --runs 30 --export-json "$work/results/run.json" \
    -n now "$B run --rm $image true" \
    -n before "$B0 run --rm $image true" \
    -n podman "$P run --rm $image true"

echo "== exec CTR true"
as_user hyperfine -N --warmup 3 --runs 30 --export-json "$work/results/exec.json" \
    -n now "$B exec now true" \
    -n before "$B0 exec before true" \
    -n podman "$P exec p1 true"

python3 - "$work/results" <<'EOF'
import json, os, sys
results = sys.argv[1]
print()
print(f"{'benchmark':<16} {'now ms':>8} {'before ms':>10} {'cost ms':>8} {'podman ms':>10} {'podman/now':>11}")
for label, name in [("run --rm true", "run"), ("exec CTR true", "exec")]:
    m = {r["command"]: r["mean"] * 1000 for r in json.load(open(os.path.join(results, name + ".json")))["results"]}
    print(f"{label:<16} {m['now']:>8.1f} {m['before']:>10.1f} {m['now'] - m['before']:>+8.1f} {m['podman']:>10.1f} {m['podman'] / m['now']:>10.1f}x")
EOF
