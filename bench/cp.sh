#!/usr/bin/env bash
# `cp` of a 100 MB tree (2000 small files in 20 directories and three big ones) out of a
# running container to the host: burrow and podman side by side in one run, each copy into
# a fresh directory. Target: burrow at least as fast as podman.
#
# Run as root after `bash tests/fixtures/setup.sh` (needs podman, runc, hyperfine):
#   bash bench/cp.sh [path/to/burrow]
# shellcheck disable=SC2086
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

tree="$home/tree"
python3 - "$tree" <<'PY'
import os, sys
root = sys.argv[1]
for d in range(20):
    os.makedirs(f"{root}/d{d}", exist_ok=True)
    for f in range(100):
        with open(f"{root}/d{d}/f{f}", "wb") as out:
            out.write(os.urandom(20 * 1024))
for b in range(3):
    with open(f"{root}/big{b}", "wb") as out:
        out.write(os.urandom(20 * 1024 * 1024))
PY
chown -R "$user:" "$tree"
echo "tree: $(du -sm "$tree" | cut -f1) MB in $(find "$tree" -type f | wc -l) files"

for t in B P; do
    as_user ${!t} run -d --name cpsrc "$image" sleep 100000 >/dev/null
    as_user ${!t} cp "$tree" cpsrc:/data
done

echo "== cp out of a running container"
as_user hyperfine -N --warmup 2 --runs 10 --export-json "$work/results/cp-out.json" \
    --prepare "rm -rf $home/out" \
    -n burrow "${B} cp cpsrc:/data $home/out" \
    -n podman "${P} cp cpsrc:/data $home/out"

echo "== cp into a running container"
as_user hyperfine -N --warmup 2 --runs 10 --export-json "$work/results/cp-in.json" \
    --prepare "${B} exec cpsrc rm -rf /in" --prepare "${P} exec cpsrc rm -rf /in" \
    -n burrow "${B} cp $tree cpsrc:/in" \
    -n podman "${P} cp $tree cpsrc:/in"

python3 - "$work/results" <<'PY'
import json, os, sys
results = sys.argv[1]
print()
print(f"{'benchmark':<10} {'burrow ms':>10} {'podman ms':>10} {'podman/burrow':>14}")
for name in ["cp-out", "cp-in"]:
    data = json.load(open(os.path.join(results, name + ".json")))["results"]
    m = {r["command"]: r["mean"] * 1000 for r in data}
    b, p = m["burrow"], m["podman"]
    print(f"{name:<10} {b:>10.1f} {p:>10.1f} {p / b:>13.2f}x")
PY
