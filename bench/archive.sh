#!/usr/bin/env bash
# save + load of the biggest multi-layer fixture (big:latest: six gzip layers, 48 MB compressed,
# 133 MB of tar), burrow beside podman in one run: `save -o FILE` (docker-archive, podman's
# default), `load -i FILE` with the image removed before each run, and save, rmi, load in a row.
# Target (issue 13): burrow at least 2x faster than podman.
#
# Run as root after `bash tests/fixtures/setup.sh` (needs podman, runc, hyperfine):
#   bash bench/archive.sh [path/to/burrow]
# shellcheck disable=SC2086
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

big="$registry/big:latest"
as_user $B pull -q "$big" >/dev/null
as_user $P pull -q --tls-verify=false "$big" >/dev/null
mkdir -p "$home/out" "$home/stores"
chown "$user:" "$home/out" "$home/stores"
as_user $B save -o "$home/out/b.tar" "$big"
as_user $P save -o "$home/out/p.tar" "$big" 2>/dev/null
ls -l "$home/out"

# Each load goes into the tool's store with the image removed first (rmi in --prepare), so
# every layer is stored anew.
echo "== save (docker-archive)"
as_user hyperfine --warmup 1 --runs 10 --export-json "$work/results/save.json" \
    --prepare "rm -f $home/out/bs.tar $home/out/ps.tar" \
    -n burrow "$B save -o $home/out/bs.tar $big" \
    -n podman "$P save -q -o $home/out/ps.tar $big"

echo "== load (docker-archive, the image removed before each run)"
as_user hyperfine --warmup 1 --runs 10 --export-json "$work/results/load.json" \
    --prepare "$B rmi -f $big >/dev/null 2>&1 || true" \
    --prepare "$P rmi -f $big >/dev/null 2>&1 || true" \
    -n burrow "$B load -q -i $home/out/b.tar" \
    -n podman "$P load -q -i $home/out/p.tar"

echo "== save + rmi + load"
as_user hyperfine --warmup 1 --runs 10 --export-json "$work/results/both.json" \
    --prepare "rm -f $home/out/bs.tar $home/out/ps.tar" \
    -n burrow "$B save -o $home/out/bs.tar $big && $B rmi $big >/dev/null && $B load -q -i $home/out/bs.tar" \
    -n podman "$P save -q -o $home/out/ps.tar $big && $P rmi $big >/dev/null && $P load -q -i $home/out/ps.tar"

python3 - "$work/results" <<'PY'
import json, sys, os
for name in ("save", "load", "both"):
    runs = {r["command"]: r["mean"] for r in json.load(open(os.path.join(sys.argv[1], name + ".json")))["results"]}
    b, p = runs["burrow"], runs["podman"]
    print(f"{name:5s} burrow {b*1000:8.1f} ms   podman {p*1000:8.1f} ms   podman/burrow {p/b:5.2f}x")
PY
