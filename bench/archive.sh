#!/usr/bin/env bash
# save + load of the biggest multi-layer fixture (big:latest: six gzip layers, 48 MB compressed,
# 133 MB of tar), burrow beside podman in one run: `save -o FILE` (docker-archive, podman's
# default), `load -i FILE` into a fresh empty store each run, and the two one after the other.
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

# Each load goes into a store of its own, made fresh for the run (mktemp is in both lines).
Bload() { echo "r=\$(mktemp -d -p $home/stores) && $work/burrow --root \$r --runroot \$r.run load -q -i $1 >/dev/null"; }
Pload() { echo "r=\$(mktemp -d -p $home/stores) && podman --root \$r --runroot \$r.run --storage-driver overlay --events-backend none load -q -i $1 >/dev/null"; }

echo "== save (docker-archive)"
as_user hyperfine --warmup 1 --runs 10 --export-json "$work/results/save.json" \
    --prepare "rm -f $home/out/bs.tar $home/out/ps.tar" \
    -n burrow "$B save -o $home/out/bs.tar $big" \
    -n podman "$P save -q -o $home/out/ps.tar $big"

echo "== load (docker-archive, into an empty store)"
as_user hyperfine --warmup 1 --runs 10 --export-json "$work/results/load.json" \
    -n burrow "$(Bload "$home/out/b.tar")" \
    -n podman "$(Pload "$home/out/p.tar")"

echo "== save + load"
as_user hyperfine --warmup 1 --runs 10 --export-json "$work/results/both.json" \
    --prepare "rm -f $home/out/bs.tar $home/out/ps.tar" \
    -n burrow "$B save -o $home/out/bs.tar $big && $(Bload "$home/out/bs.tar")" \
    -n podman "$P save -q -o $home/out/ps.tar $big && $(Pload "$home/out/ps.tar")"

python3 - "$work/results" <<'PY'
import json, sys, os
for name in ("save", "load", "both"):
    runs = {r["command"]: r["mean"] for r in json.load(open(os.path.join(sys.argv[1], name + ".json")))["results"]}
    b, p = runs["burrow"], runs["podman"]
    print(f"{name:5s} burrow {b*1000:8.1f} ms   podman {p*1000:8.1f} ms   podman/burrow {p/b:5.2f}x")
PY
