#!/usr/bin/env bash
# The storage commands side by side with podman: `system df`, `system df -v` on a store with
# two images sharing a layer, 20 containers (half of them with changes) and 5 volumes, and
# `container prune -f` of 10 stopped containers (made again before each run).
#
# Run as root after `bash tests/fixtures/setup.sh` (needs podman, runc, hyperfine, GNU time):
#   bash bench/storage.sh [path/to/burrow]
# shellcheck disable=SC2086
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
layers="$registry/layers:latest"
as_user $B pull -q "$layers" >/dev/null
as_user $P pull -q --tls-verify=false "$layers" >/dev/null
for t in B P; do
    for i in $(seq 5); do
        as_user ${!t} volume create "v$i" >/dev/null
        as_user ${!t} run --name "w$i" -v "v$i:/data" "$image" \
            sh -c 'dd if=/dev/zero of=/data/x bs=1k count=100 2>/dev/null; echo hi > /y' >/dev/null
    done
    for i in $(seq 15); do as_user ${!t} create --name "c$i" "$image" true >/dev/null; done
done

bench() {
    local name="$1"; shift
    echo "== $name"
    as_user hyperfine -N --warmup 3 --runs 30 --export-json "$work/results/$name.json" "$@"
}
bench df -n burrow "$B system df" -n podman "$P system df"
bench df-v -n burrow "$B system df -v" -n podman "$P system df -v"
make10='for i in $(seq 10); do T create '"$image"' true >/dev/null; done'
echo "== container prune -f (10 stopped containers)"
as_user hyperfine --runs 10 --export-json "$work/results/prune.json" \
    --prepare "${make10//T/$B}" -n burrow "$B container prune -f" \
    --prepare "${make10//T/$P}" -n podman "$P container prune -f"

python3 - "$work/results" <<'PY'
import json, os, sys
results = sys.argv[1]
print()
print(f"{'command':<28} {'burrow ms':>10} {'podman ms':>10} {'podman/burrow':>14}")
for label, name in [("system df", "df"), ("system df -v", "df-v"), ("container prune -f (10)", "prune")]:
    m = {r["command"]: r["mean"] * 1000
         for r in json.load(open(os.path.join(results, name + ".json")))["results"]}
    print(f"{label:<28} {m['burrow']:>10.1f} {m['podman']:>10.1f} {m['podman'] / m['burrow']:>13.1f}x")
PY
