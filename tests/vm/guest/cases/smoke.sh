# The tier's own checks: the guest is the systemd, cgroup v2, logged-in-user host that the
# cgroup cases need. Each case_NAME function is one case (see tests/vm/README.md).

case_session_bus() {
    [ -n "${XDG_RUNTIME_DIR:-}" ] || fail "XDG_RUNTIME_DIR is not set in the session"
    expect_eq "XDG_RUNTIME_DIR" "$XDG_RUNTIME_DIR" "/run/user/$(id -u)"
    [ -S "$XDG_RUNTIME_DIR/bus" ] || fail "no user bus socket at $XDG_RUNTIME_DIR/bus"
    busctl --user status >/dev/null || fail "the user bus does not answer"
    expect_eq "user manager state" "$(systemctl --user is-system-running || true)" running
}

case_user_delegated_controllers() {
    local controllers c
    expect_eq "cgroup file system" "$(stat -f -c %T /sys/fs/cgroup)" cgroup2fs
    controllers="$(cat "$(user_service_cgroup)/cgroup.controllers")"
    for c in cpu cpuset io memory pids; do
        [[ " $controllers " == *" $c "* ]] || fail "controller $c is not delegated to the user (have: $controllers)"
    done
}

case_info_cgroup_v2_systemd() {
    expect_eq "cgroup version" "$(burrow info --format '{{.Host.CgroupsVersion}}')" v2
    expect_eq "cgroup manager" "$(burrow info --format '{{.Host.CgroupManager}}')" systemd
}

case_pull_and_run() {
    burrow pull -q "$(image busybox:latest)" >/dev/null
    expect_eq "run output" "$(burrow run --rm "$(image busybox:latest)" echo hi)" hi
    expect_eq "containers left" "$(burrow ps -a -q)" ""
}

# What side-by-side benchmarks in the guest (bench/, run through tests/vm/run.sh) rely on.
case_podman_and_hyperfine() {
    hyperfine --version >/dev/null
    expect_eq "podman run output" "$(podman run --rm "$(image busybox:latest)" echo hi)" hi
    expect_eq "podman cgroup manager" "$(podman info --format '{{.Host.CgroupManager}}')" systemd
}
