#!/usr/bin/env bash
# A regression check with podman beside it: two burrow binaries (this build and an earlier one)
# and podman, side by side in one run, on the everyday commands: run --rm, create + rm, ps,
# exec, images and --version.
#
# Run as root after `bash tests/fixtures/setup.sh` (needs podman, runc, hyperfine):
#   bash bench/versus.sh path/to/burrow path/to/earlier/burrow
# e.g. build the earlier one with `git worktree add /tmp/base REV && cd /tmp/base &&
# cargo build --release`. Each binary has its own store; all run as the unprivileged test user.
# shellcheck disable=SC2086
set -euo pipefail

base_src="${2:?usage: bash bench/versus.sh NEW-BURROW EARLIER-BURROW}"
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[ -x "$base_src" ] || { echo "no earlier burrow binary at $base_src" >&2; exit 1; }
install -m 0755 "$base_src" "$work/burrow-base"
O="$work/burrow-base --root $home/o --runroot $home/orun"
as_user $O pull -q "$image" >/dev/null

# The three tools in hyperfine's argument form for one command line; {} stands for the tool.
three() {
    local line="$1"
    printf '%s\0' -n burrow "${line//\{\}/$B}" -n burrow-base "${line//\{\}/$O}" \
        -n podman "${line//\{\}/$P}"
}
bench() {
    local name="$1" shell="$2" runs="$3" line="$4"
    local args=()
    mapfile -d '' args < <(three "$line")
    echo "== $name"
    if [ "$shell" = shell ]; then
        as_user hyperfine --warmup 3 --runs "$runs" --export-json "$work/results/$name.json" "${args[@]}"
    else
        as_user hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/results/$name.json" "${args[@]}"
    fi
}

bench run-rm plain 30 "{} run --rm $image true"
bench create-rm shell 30 "id=\$({} create $image true) && {} rm \$id >/dev/null"

for i in $(seq 10); do
    for t in B O P; do
        as_user ${!t} run -d --name "r$i" "$image" sleep 100000 >/dev/null
        as_user ${!t} run --name "e$i" "$image" true >/dev/null
    done
done
bench ps plain 30 "{} ps -a"
bench exec plain 30 "{} exec r1 true"

for i in 0 1 2 3 4 5 6 7 8 9; do
    as_user $B pull -q "$registry/many/img$i:latest" >/dev/null
    as_user $O pull -q "$registry/many/img$i:latest" >/dev/null
    as_user $P pull -q --tls-verify=false "$registry/many/img$i:latest" >/dev/null
done
bench images plain 50 "{} images"
# --version needs no store; the options are left out so each tool answers as a user types it.
echo "== --version"
as_user hyperfine -N --warmup 10 --runs 200 --export-json "$work/results/version.json" \
    -n burrow "$work/burrow --version" -n burrow-base "$work/burrow-base --version" \
    -n podman "podman --version"

python3 - "$work/results" <<'PY'
import json, os, sys
results = sys.argv[1]
print()
print(f"{'benchmark':<12} {'burrow ms':>10} {'earlier ms':>11} {'burrow/earlier':>15} {'podman ms':>10} {'podman/burrow':>14}")
for name in ["run-rm", "create-rm", "ps", "exec", "images", "version"]:
    data = json.load(open(os.path.join(results, name + ".json")))["results"]
    m = {r["command"]: r["mean"] * 1000 for r in data}
    b, o, p = m["burrow"], m["burrow-base"], m["podman"]
    print(f"{name:<12} {b:>10.2f} {o:>11.2f} {b / o:>14.2f}x {p:>10.2f} {p / b:>13.1f}x")
PY
