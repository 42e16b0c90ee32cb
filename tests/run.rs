//! `burrow run` as the unprivileged test user: namespaces, rootfs, security defaults, exit codes.

mod common;

use common::*;
use std::time::Duration;

/// Container directories left in the store.
fn containers_left(sb: &Sandbox) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(sb.graph_root().join("containers"))
        .map(|e| e.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

fn sh(sb: &Sandbox, script: &str) -> Run {
    sb.run(&["run", "--rm", "busybox", "sh", "-c", script])
}

#[test]
fn runs_a_command_and_returns_its_exit_code() {
    let sb = sandbox_with_busybox();
    let run = sb.ok(&["run", "--rm", "busybox", "echo", "hello", "world"]);
    assert_eq!(run.stdout(), "hello world\n");
    assert_eq!(sh(&sb, "exit 3").code(), 3);
    // The image's Cmd runs when none is given.
    let default = sb.run(&["run", "--rm", "busybox"]);
    default.assert_code(0);
}

#[test]
fn commands_that_cannot_run_get_126_and_127() {
    let sb = sandbox_with_busybox();
    sb.run(&["run", "--rm", "busybox", "nosuchcommand"])
        .assert_error(127, &["nosuchcommand", "not found"]);
    sb.run(&["run", "--rm", "busybox", "/etc/passwd"])
        .assert_error(126, &["/etc/passwd", "ermission denied"]);
    sb.run(&["run", "--rm", "nosuchimage", "true"])
        .assert_error(125, &["nosuchimage"]);
    // Nothing is left behind by failed runs.
    assert!(
        containers_left(&sb).is_empty(),
        "{:?}",
        containers_left(&sb)
    );
}

#[test]
fn the_container_has_its_own_namespaces() {
    let sb = sandbox_with_busybox();
    // PID 1 is the command itself, in a new PID namespace.
    let pid1 = sh(&sb, "cat /proc/1/cmdline | tr '\\0' ' '");
    pid1.assert_code(0);
    assert!(pid1.stdout().starts_with("sh -c"), "{}", pid1.stdout());
    // Root inside, mapped to the user outside; image owners stay as the image says.
    let ids = sh(
        &sb,
        "id -u; stat -c %u:%g /home/app; cat /proc/self/uid_map",
    );
    let out = ids.stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "0");
    assert_eq!(lines[1], "1000:1000");
    assert!(
        lines[2]
            .split_whitespace()
            .eq(["0", &sb.user.uid.to_string(), "1"]),
        "{out}"
    );
    // Only loopback and the network helper's interface (pasta's, by default) in the network
    // namespace, and the UTS namespace has its own name.
    let net = sh(
        &sb,
        "cut -d: -f1 /proc/net/dev | tail -n +3 | tr -d ' '; hostname",
    );
    let out = net.stdout();
    assert_eq!(out.lines().next(), Some("lo"), "{out}");
    assert!(out.lines().count() <= 3, "{out}");
    assert_ne!(
        out.lines().last().unwrap(),
        nix::unistd::gethostname().unwrap().to_string_lossy()
    );
}

#[test]
fn security_defaults_match_podman() {
    let sb = sandbox_with_busybox();
    let status = sh(
        &sb,
        "grep -E '^(CapEff|CapBnd|NoNewPrivs|Seccomp):' /proc/self/status",
    )
    .stdout();
    // CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP NET_BIND_SERVICE SYS_CHROOT SETFCAP
    assert!(status.contains("CapEff:\t00000000800405fb"), "{status}");
    assert!(status.contains("CapBnd:\t00000000800405fb"), "{status}");
    assert!(status.contains("NoNewPrivs:\t0"), "{status}");
    assert!(status.contains("Seccomp:\t2"), "{status}");
    let nnp = sb.run(&[
        "run",
        "--rm",
        "--security-opt",
        "no-new-privileges",
        "busybox",
        "grep",
        "NoNewPrivs",
        "/proc/self/status",
    ]);
    assert!(nnp.stdout().contains("NoNewPrivs:\t1"), "{}", nnp.stdout());
    // Read-only and masked kernel files.
    assert_ne!(sh(&sb, "echo h > /proc/sysrq-trigger").code(), 0);
    // /proc/kcore is podman's best-known masked path but this kernel has none; /proc/keys,
    // /proc/timer_list and /proc/acpi exist here and must be covered by mounts.
    let mounts = sh(&sb, "cut -d' ' -f5,6 /proc/self/mountinfo").stdout();
    for masked in ["/proc/keys", "/proc/timer_list", "/proc/acpi"] {
        assert!(
            mounts.lines().any(|l| l.starts_with(&format!("{masked} "))),
            "{masked} not masked:\n{mounts}"
        );
    }
    // Only the paths this kernel has (it has no /proc/sysrq-trigger, for one).
    let present = [
        "/proc/sysrq-trigger",
        "/proc/sys",
        "/proc/irq",
        "/proc/bus",
        "/proc/fs",
    ]
    .into_iter()
    .filter(|p| std::path::Path::new(p).exists());
    for readonly in present {
        assert!(
            mounts
                .lines()
                .any(|l| l.starts_with(&format!("{readonly} ro"))),
            "{readonly} not read-only:\n{mounts}"
        );
    }
    assert_eq!(sh(&sb, "ls -A /proc/acpi | wc -l").stdout().trim(), "0");
    assert_ne!(sh(&sb, "touch /sys/x").code(), 0);
}

#[test]
fn the_container_cannot_write_outside_its_rootfs() {
    let sb = sandbox_with_busybox();
    let marker = sb.dir.join("host-marker");
    sh(
        &sb,
        &format!(
            "echo pwned > {} ; mkdir -p /tmp/x && echo y > /tmp/x/f",
            marker.display()
        ),
    );
    assert!(!marker.exists(), "the container wrote onto the host");
    // Writes land in the container's upper layer, never in the shared image layers.
    let layer = sb.layer_diff(
        fixture("busybox:latest")["layers"][0]["diff_id"]
            .as_str()
            .unwrap(),
    );
    assert!(!layer.join("tmp/x").exists());
    // And each container starts from the image again.
    assert_ne!(sh(&sb, "test -e /tmp/x").code(), 0);
}

#[test]
fn rm_leaves_no_container_behind() {
    let sb = sandbox_with_busybox();
    let left = || containers_left(&sb);
    sh(&sb, "echo data > /root/file");
    assert!(left().is_empty(), "{:?}", left());
    // Files of another container user belong to a subordinate ID and a locked directory:
    // removal must still succeed (from inside the user namespace).
    sh(
        &sb,
        "mkdir /d && touch /d/f && chown -R 1000:1000 /d && chmod 000 /d",
    );
    assert!(left().is_empty(), "{:?}", left());
}

#[test]
fn init_reaps_orphans_and_forwards_signals() {
    let sb = sandbox_with_busybox();
    // PID 1 is the init, with its own name and no trace of burrow's command line or of the
    // caller's environment (its environment area is all zeros).
    let run = sb.ok(&[
        "run",
        "--rm",
        "--init",
        "busybox",
        "sh",
        "-c",
        "tr '\\0' ' ' < /proc/1/cmdline; echo; tr -d '\\0' < /proc/1/environ | wc -c",
    ]);
    let out = run.stdout();
    let mut lines = out.lines();
    assert_eq!(lines.next().map(str::trim), Some("burrow-init"), "{out}");
    assert_eq!(lines.next(), Some("0"), "{out}");
    // An orphan is handed to PID 1, which reaps it: no zombie is left.
    let run = sb.ok(&[
        "run",
        "--rm",
        "--init",
        "busybox",
        "sh",
        "-c",
        "sh -c 'sleep 0.2 & exit 0'; sleep 1; ps -o stat | grep -c Z || true",
    ]);
    assert_eq!(run.stdout(), "0\n");
    // SIGTERM reaches the command, which is not PID 1 and so dies of it: 128 + 15.
    let mut child = sb.spawn(&[
        "run", "--rm", "--init", "--name", "t", "busybox", "sleep", "1000",
    ]);
    wait_for(
        "the container to run",
        std::time::Duration::from_secs(30),
        || sb.ok(&["ps", "-q"]).stdout().len() > 1,
    );
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(143));
}

/// This host (hybrid cgroups, no systemd) is cgroup v1 for a rootless user: podman accepts the
/// limits, warns once and runs, and so does burrow.
#[test]
fn resource_limits_are_ignored_with_podmans_warning_on_cgroup_v1() {
    let sb = sandbox_with_busybox();
    let warning = "Resource limits are not supported and ignored on cgroups V1 rootless systems";
    let run = sb.ok(&[
        "run",
        "--rm",
        "--memory",
        "64m",
        "--memory-swap=-1",
        "--cpus",
        "0.5",
        "--cpu-shares",
        "512",
        "--cpuset-cpus",
        "0",
        "--pids-limit=-1",
        "--blkio-weight",
        "500",
        "--device-read-bps",
        "/dev/null:1mb",
        "busybox",
        "echo",
        "ran",
    ]);
    assert_eq!(run.stdout(), "ran\n");
    assert_eq!(run.stderr(), format!("{warning}\n"));
    // Malformed values are refused with podman's texts before anything is made.
    sb.run(&["run", "--rm", "--memory", "bogus", "busybox", "true"])
        .assert_one_line_error(125, &["invalid value for memory: invalid size: 'bogus'"]);
    sb.run(&["run", "--rm", "--cpus", "x", "busybox", "true"])
        .assert_one_line_error(
            125,
            &[r#"invalid argument "x" for "--cpus" flag: strconv.ParseFloat: parsing "x": invalid syntax"#],
        );
    sb.run(&[
        "run",
        "--rm",
        "--device-read-bps",
        "bogus",
        "busybox",
        "true",
    ])
    .assert_one_line_error(125, &["bad format: bogus"]);
    // --kernel-memory is a no-op with a warning of its own.
    let run = sb.ok(&["run", "--rm", "--kernel-memory", "10m", "busybox", "true"]);
    assert!(
        run.stderr()
            .contains("The --kernel-memory flag is no longer supported. This flag is a noop."),
        "{}",
        run.stderr()
    );
    assert!(containers_left(&sb).is_empty());
}

#[test]
fn pull_newer_falls_back_to_the_local_image() {
    let sb = sandbox_with_busybox();
    // The registry has it: checked and used.
    sb.ok(&[
        "run",
        "--rm",
        "--pull",
        "newer",
        &image_ref("busybox:latest"),
        "true",
    ]);
    // A name whose registry is out of reach: newer warns and runs the local copy...
    let offline = "127.0.0.1:9/busybox:latest";
    sb.ok(&["tag", &image_ref("busybox:latest"), offline]);
    let run = sb.ok(&["run", "--rm", "--pull", "newer", offline, "echo", "local"]);
    assert_eq!(run.stdout(), "local\n");
    assert!(
        run.stderr().contains("using the local one"),
        "{}",
        run.stderr()
    );
    // ...while always insists on the registry, and says once why it failed.
    let always = sb.run(&["run", "--rm", "--pull", "always", offline, "true"]);
    always.assert_error(125, &["cannot connect to registry 127.0.0.1:9"]);
    assert_eq!(
        always.stderr().matches("Error: ").count(),
        1,
        "{}",
        always.stderr()
    );
    sb.run(&[
        "run",
        "--rm",
        "--pull",
        "never",
        "127.0.0.1:9/other:latest",
        "true",
    ])
    .assert_error(125, &["Error: 127.0.0.1:9/other:latest: image not known"]);
}

#[test]
fn interactive_terminal_sizes_resizes_and_interrupts() {
    let sb = sandbox_with_busybox();
    for init in [false, true] {
        interactive_terminal(&sb, init);
    }
}

fn interactive_terminal(sb: &Sandbox, init: bool) {
    let mut args = vec!["run", "-it", "--rm"];
    if init {
        args.push("--init");
    }
    args.extend(["busybox", "sh"]);
    let (mut term, mut child) = Terminal::spawn(sb, &args);
    // The container's own pty, the caller's size, and echo from the container's line discipline.
    term.type_text("tty; stty size; echo $((6*7))x\r");
    term.wait_for("42x");
    // burrow put the caller's terminal into raw mode...
    assert!(!term.cooked());
    let out = term.output.lock().unwrap().clone();
    assert!(out.contains("/dev/pts/0"), "{out}");
    assert!(out.contains("30 100"), "{out}");
    // A resize of the caller's terminal reaches the container's.
    term.resize(40, 120);
    term.type_text("stty size | sed s/^/size:/\r");
    term.wait_for("size:40 120");
    // ^C interrupts the container's foreground program, not burrow.
    // The marker comes from the process that then becomes sleep, so it is in the foreground.
    term.type_text("sh -c 'echo ready; exec sleep 100'\r");
    term.wait_for("ready\r\n");
    term.type_text("\x03");
    term.type_text("echo interrupted:$?\r");
    term.wait_for("interrupted:130");
    term.type_text("exit 5\r");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(5));
    // ...and gave it back as it was.
    assert!(term.cooked());
}

#[test]
fn stdin_is_passed_only_with_interactive() {
    use std::io::Write;
    let sb = sandbox_with_busybox();
    for (args, expected) in [
        (&["run", "--rm", "-i", "busybox", "cat"][..], "piped\n"),
        (&["run", "--rm", "busybox", "cat"][..], ""),
    ] {
        let mut child = sb
            .command(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(b"piped\n").unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), expected, "{args:?}");
    }
    // -t without a terminal still gives the container one.
    let run = sb.ok(&["run", "--rm", "-t", "busybox", "tty"]);
    assert_eq!(run.stdout(), "/dev/pts/0\r\n");
}

#[test]
fn the_shared_user_namespace_comes_back_when_its_holder_dies() {
    let sb = sandbox_with_busybox();
    let pid_file = std::path::PathBuf::from(format!("/tmp/burrow-{}/pause.pid", sb.user.uid));
    let holder = || -> i32 {
        std::fs::read_to_string(&pid_file)
            .ok()
            .and_then(|t| t.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    };
    // The container lives in the user's shared namespace, held by a process named for it.
    let maps = sh(&sb, "cat /proc/self/uid_map").stdout();
    let pid = holder();
    assert!(pid > 0, "no holder recorded in {}", pid_file.display());
    let cmdline = std::fs::read_to_string(format!("/proc/{pid}/cmdline")).unwrap();
    assert!(cmdline.starts_with("burrow-pause"), "{cmdline:?}");
    let ns = |p: i32| std::fs::read_link(format!("/proc/{p}/ns/user")).ok();
    // Killed, it is replaced by the next command, with the same mapping.
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    wait_for(
        "the holder to die",
        std::time::Duration::from_secs(10),
        || {
            ns(pid).is_none()
                || std::fs::read_to_string(format!("/proc/{pid}/stat"))
                    .is_ok_and(|s| s.contains(") Z "))
        },
    );
    assert_eq!(sh(&sb, "cat /proc/self/uid_map").stdout(), maps);
    let new = holder();
    assert!(new > 0 && ns(new).is_some(), "no new holder");
}

#[test]
fn auto_pull_keeps_the_global_options() {
    let mut sb = Sandbox::new();
    // A TMPDIR of this test's own makes the default run directory ($TMPDIR/burrow-UID) private
    // to it, so a child that forgot --runroot shows as that directory appearing.
    let tmp = sb.home.join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    sb.chown_home();
    sb.envs.push(("TMPDIR".into(), tmp.display().to_string()));
    let runroot = sb.home.join("run");
    let runroot_arg = runroot.display().to_string();
    // The store is empty: run pulls busybox in a child burrow.
    sb.ok(&["--runroot", &runroot_arg, "run", "--rm", "busybox", "true"]);
    assert!(
        runroot.join("pause.pid").exists(),
        "no pause.pid in --runroot"
    );
    let default = tmp.join(format!("burrow-{}", sb.user.uid));
    assert!(
        !default.exists(),
        "a child burrow used the default run directory {}",
        default.display()
    );
}

#[test]
fn bad_input_gets_one_error_line() {
    let sb = sandbox_with_busybox();
    // The child pull's error is the one the user sees; run adds no second line.
    for verb in ["run", "create"] {
        sb.run(&[verb, "--rm", "a b", "true"])
            .assert_one_line_error(125, &["invalid reference \"a b\""]);
        sb.run(&[verb, "UPPER:tag"])
            .assert_one_line_error(125, &["repository name must be lowercase"]);
    }
    // A failed pull prints its progress, then one error.
    let missing = sb.run(&["run", "--rm", "nosuchimage", "true"]);
    missing.assert_error(125, &["nosuchimage", "image not known"]);
    assert_eq!(
        missing.stderr().matches("Error: ").count(),
        1,
        "{}",
        missing.stderr()
    );
    // A name with a newline is quoted, in podman's words.
    sb.run(&["create", "--name", "a\nb", "busybox", "true"])
        .assert_one_line_error(
            125,
            &[
                "invalid container name \"a\\nb\"",
                "names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument",
            ],
        );
    sb.run(&["start", "a\nb"])
        .assert_one_line_error(125, &["no container with name or ID \"a\\nb\" found"]);
}

/// distrobox's create command line (pkg/containermanager/providers/podman.go), minus what
/// this host lacks (crun, a journal): the container runs as podman runs it.
#[test]
fn distrobox_create_command_line_runs() {
    let sb = sandbox_with_busybox();
    let home = sb.home.display().to_string();
    let home_volume = format!("{home}:{home}:rslave");
    let script = "id -u; echo $container; cat /run/.containerenv; echo; \
        test -d /run/host/etc && echo host-root; test -e /dev/pts/ptmx && echo devpts; \
        test -d /sys/kernel && echo sys; echo $$; readlink /proc/self/ns/ipc";
    let run = sb.ok(&[
        "create",
        "--hostname",
        "dbx",
        "--name",
        "dbx",
        "--privileged",
        "--security-opt",
        "label=disable",
        "--security-opt",
        "apparmor=unconfined",
        "--pids-limit=-1",
        "--user",
        "root:root",
        "--ipc",
        "host",
        "--network",
        "host",
        "--pid",
        "host",
        "--label",
        "manager=distrobox",
        "--env",
        "SHELL=/bin/sh",
        "--volume",
        "/tmp:/tmp:rslave",
        "--volume",
        &home_volume,
        "--volume",
        "/:/run/host:rslave",
        "--volume",
        "/dev:/dev:rslave",
        "--volume",
        "/sys:/sys:rslave",
        "--mount",
        "type=devpts,destination=/dev/pts",
        "--annotation",
        "run.oci.keep_original_groups=1",
        "--ulimit",
        "host",
        "--systemd=always",
        "--userns",
        "keep-id",
        "--entrypoint",
        "/bin/sh",
        "busybox",
        "-c",
        script,
    ]);
    assert!(
        run.stderr().contains("Resource limits are not supported"),
        "{}",
        run.stderr()
    );
    let run = sb.ok(&["start", "-a", "dbx"]);
    let out = run.stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "0", "{out}");
    assert_eq!(lines[1], "burrow", "{out}");
    // Privileged: the engine and the container, and the store is visible through /run/host.
    assert!(lines[2].starts_with("engine=\"burrow-"), "{out}");
    assert!(out.contains("graphRootMounted=1"), "{out}");
    for expected in ["host-root", "devpts", "sys"] {
        assert!(lines.contains(&expected), "{expected}: {out}");
    }
    // The host's PID and IPC namespaces.
    let pid: u32 = lines[lines.len() - 2].parse().unwrap();
    assert_ne!(pid, 1, "{out}");
    assert_eq!(
        lines[lines.len() - 1],
        std::fs::read_link("/proc/self/ns/ipc")
            .unwrap()
            .display()
            .to_string()
    );
    sb.ok(&["rm", "dbx"]);
}

/// toolbox's create command line (src/cmd/create.go).
#[test]
fn toolbox_create_command_line_runs() {
    let sb = sandbox_with_busybox();
    let run = sb.ok(&[
        "run",
        "--rm",
        "--cgroupns",
        "host",
        "--hostname",
        "toolbx",
        "--ipc",
        "host",
        "--label",
        "com.github.containers.toolbox=true",
        "--mount",
        "type=devpts,destination=/dev/pts",
        "--network",
        "host",
        "--pid",
        "host",
        "--privileged",
        "--security-opt",
        "label=disable",
        "--ulimit",
        "host",
        "--userns",
        "keep-id",
        "--user",
        "root:root",
        "--volume",
        "/:/run/host:rslave",
        "--volume",
        "/dev:/dev:rslave",
        "busybox",
        "sh",
        "-c",
        "hostname; ulimit -n; readlink /proc/self/ns/cgroup",
    ]);
    let out = run.stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "toolbx", "{out}");
    // --ulimit host: the caller's limits, not podman's 1048576 default.
    let nofile = nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_NOFILE)
        .unwrap()
        .0;
    assert_eq!(lines[1], nofile.to_string(), "{out}");
    assert_eq!(
        lines[2],
        std::fs::read_link("/proc/self/ns/cgroup")
            .unwrap()
            .display()
            .to_string()
    );
}

#[test]
fn namespace_and_systemd_flags_are_checked_as_podman_does() {
    let sb = sandbox_with_busybox();
    sb.run(&["run", "--rm", "--userns", "private", "busybox", "true"])
        .assert_one_line_error(
            125,
            &["must provide at least one UID or GID mapping to configure a user namespace"],
        );
    sb.run(&[
        "run",
        "--rm",
        "--group-add",
        "keep-groups",
        "--group-add",
        "10",
        "busybox",
        "true",
    ])
    .assert_one_line_error(
        125,
        &["the '--group-add keep-groups' option is not allowed with any other --group-add options"],
    );
    for flag in ["--ipc", "--pid", "--uts", "--cgroupns", "--userns"] {
        sb.run(&["run", "--rm", flag, "bogus", "busybox", "true"])
            .assert_one_line_error(125, &["unrecognized namespace mode bogus passed"]);
    }
    sb.run(&["run", "--rm", "--systemd", "bogus", "busybox", "true"])
        .assert_one_line_error(
            125,
            &[r#"invalid config provided: --systemd values must be one of "true, false, always": invalid configuration"#],
        );
    let run = sb.ok(&[
        "run", "--rm", "--uts", "host", "--systemd", "always", "busybox", "sh", "-c",
        "hostname; echo ${container_uuid}; grep -E ' /(run|run/lock|tmp|var/log/journal) ' /proc/mounts | cut -d' ' -f2,3",
    ]);
    let out = run.stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        nix::unistd::gethostname().unwrap().to_string_lossy()
    );
    assert_eq!(lines[1].len(), 32, "{out}");
    for dir in ["/run", "/run/lock", "/tmp", "/var/log/journal"] {
        assert!(
            lines.contains(&format!("{dir} tmpfs").as_str()),
            "{dir}: {out}"
        );
    }
    assert!(containers_left(&sb).is_empty());
}

#[test]
fn mount_flag_binds_tmpfs_and_devpts_with_podmans_errors() {
    let sb = sandbox_with_busybox();
    let dir = sb.home.join("shared");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("file"), "from the host\n").unwrap();
    sb.chown_home();
    let bind = format!("type=bind,source={},destination=/data,ro", dir.display());
    let run = sb.ok(&[
        "run", "--rm", "--mount", &bind, "--mount", "type=tmpfs,destination=/scratch,tmpfs-size=1m",
        "busybox", "sh", "-c",
        "cat /data/file; touch /data/x 2>/dev/null || echo read-only; grep ' /scratch ' /proc/mounts | cut -d' ' -f3",
    ]);
    assert_eq!(run.stdout(), "from the host\nread-only\ntmpfs\n");
    for (arg, error) in [
        (
            "type=foo,destination=/x",
            r#"invalid filesystem type "foo""#,
        ),
        ("type=devpts", "must set volume destination"),
        (
            "destination=/x",
            "incorrect mount format: should be --mount type=<bind|tmpfs|volume>",
        ),
        (
            "type=tmpfs,src=/tmp,dst=/x",
            "source is not supported with tmpfs mounts",
        ),
        (
            "type=bind,src=/tmp,dst=/x,foo=bar",
            "foo: invalid mount option",
        ),
        (
            "type=bind,src=/tmp,dst=x",
            r#"invalid container path "x", must be an absolute path"#,
        ),
    ] {
        sb.run(&["run", "--rm", "--mount", arg, "busybox", "true"])
            .assert_one_line_error(125, &[error]);
    }
    sb.run(&[
        "run", "--rm", "--tmpfs", "/x", "-v", "/tmp:/x", "busybox", "true",
    ])
    .assert_one_line_error(125, &["/x: duplicate mount destination"]);
    assert!(containers_left(&sb).is_empty());
}

#[test]
fn cidfile_tz_unsetenv_and_ipc_none() {
    let sb = sandbox_with_busybox();
    let cidfile = sb.home.join("cid");
    let cid = cidfile.display().to_string();
    let created = sb.ok(&["create", "--cidfile", &cid, "busybox", "true"]);
    assert_eq!(
        std::fs::read_to_string(&cidfile).unwrap(),
        created.stdout().trim()
    );
    // An existing cidfile is refused, and nothing is created.
    let before = containers_left(&sb).len();
    sb.run(&["create", "--cidfile", &cid, "busybox", "true"])
        .assert_one_line_error(
            125,
            &[&format!(
                "container id file exists. Ensure another container is not using it or delete {cid}"
            )],
        );
    sb.run(&[
        "create",
        "--cidfile",
        "/nonexistent/dir/cid",
        "busybox",
        "true",
    ])
    .assert_one_line_error(125, &["opening cidfile /nonexistent/dir/cid"]);
    assert_eq!(containers_left(&sb).len(), before);

    // --tz: a zone, or the host's own.
    let run = sb.ok(&[
        "run",
        "--rm",
        "--tz",
        "Europe/Berlin",
        "busybox",
        "date",
        "+%Z",
    ]);
    assert!(
        ["CET", "CEST"].contains(&run.stdout().trim()),
        "{}",
        run.stdout()
    );
    sb.ok(&[
        "run",
        "--rm",
        "--tz",
        "local",
        "busybox",
        "test",
        "-s",
        "/etc/localtime",
    ]);
    sb.run(&["run", "--rm", "--tz", "bogus/zone", "busybox", "true"])
        .assert_one_line_error(
            125,
            &["running container create option: stat /usr/share/zoneinfo/bogus/zone: no such file or directory"],
        );

    // --unsetenv leaves out defaults and image variables; -e still applies.
    let run = sb.ok(&[
        "run",
        "--rm",
        "--unsetenv",
        "PATH",
        "--unsetenv",
        "TERM",
        "-e",
        "A=1",
        "busybox",
        "/bin/env",
    ]);
    let env = run.stdout();
    assert!(!env.contains("PATH=") && !env.contains("TERM="), "{env}");
    assert!(
        env.contains("A=1\n") && env.contains("container=burrow\n"),
        "{env}"
    );
    let run = sb.ok(&[
        "run",
        "--rm",
        "--unsetenv-all",
        "-e",
        "B=2",
        "busybox",
        "/bin/env",
    ]);
    let env = run.stdout();
    let mut names: Vec<&str> = env.lines().map(|l| l.split('=').next().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["B", "HOME", "HOSTNAME"], "{}", run.stdout());

    // --ipc none: no /dev/shm; mqueue stays.
    let run = sb.ok(&[
        "run",
        "--rm",
        "--ipc",
        "none",
        "busybox",
        "sh",
        "-c",
        "test -e /dev/shm || echo no-shm; test -d /dev/mqueue && echo mqueue",
    ]);
    assert_eq!(run.stdout(), "no-shm\nmqueue\n");
    sb.ok(&[
        "run", "--rm", "--ipc", "private", "busybox", "test", "-d", "/dev/shm",
    ]);
    // A run whose first argument after the image looks like a flag: it is the command's.
    let run = sb.ok(&[
        "run",
        "--rm",
        "--entrypoint",
        "/bin/sh",
        "busybox",
        "-c",
        "echo $0",
    ]);
    assert_eq!(run.stdout(), "/bin/sh\n");
}

/// The image IDs in the store.
fn image_ids(sb: &Sandbox) -> Vec<String> {
    sb.ok(&["images", "-q", "--no-trunc"])
        .stdout()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn rmi_removes_the_container_and_its_unused_image() {
    let sb = sandbox_with_busybox();
    let run = sb.ok(&["run", "--rmi", "busybox", "echo", "hi"]);
    assert_eq!(run.stdout(), "hi\n");
    // --rmi implies --rm: the container went first, then the image it freed.
    assert!(containers_left(&sb).is_empty());
    assert!(image_ids(&sb).is_empty(), "{:?}", image_ids(&sb));
    // Only run has it (and --preserve-fds), as in podman.
    for flag in ["--rmi", "--preserve-fds=1"] {
        sb.run(&["create", flag, "busybox", "true"]).assert_error(
            125,
            &[&format!(
                "unknown flag: {}",
                flag.split('=').next().unwrap()
            )],
        );
    }

    // An image another container uses stays; the run still ends with its command's code.
    sb.pull("busybox:latest");
    sb.ok(&["create", "--name", "keeper", "busybox", "true"]);
    sb.run(&["run", "--rmi", "busybox", "sh", "-c", "exit 3"])
        .assert_code(3);
    assert_eq!(image_ids(&sb).len(), 1);
    assert_eq!(containers_left(&sb).len(), 1);
    sb.ok(&["rm", "keeper"]);

    // Detached, the container's monitor removes both when it ends.
    let id = sb.ok(&["run", "-d", "--rmi", "busybox", "true"]).stdout();
    assert_eq!(id.trim().len(), 64);
    wait_for("the image to go", Duration::from_secs(20), || {
        image_ids(&sb).is_empty()
    });
    assert!(containers_left(&sb).is_empty());
}

#[test]
fn timeout_kills_the_container_and_run_exits_255() {
    let sb = sandbox_with_busybox();
    let started = std::time::Instant::now();
    sb.run(&["run", "--rm", "--timeout", "1", "busybox", "sleep", "60"])
        .assert_code(255);
    assert!(started.elapsed() < Duration::from_secs(30));
    assert!(containers_left(&sb).is_empty());
    // Detached, the monitor's timer does it; the recorded exit code is podman's -1.
    let id = sb
        .ok(&["run", "-d", "--timeout", "1", "busybox", "sleep", "60"])
        .stdout();
    let id = id.trim();
    assert_eq!(sb.ok(&["wait", id]).stdout(), "-1\n");
    assert_eq!(
        sb.ok(&[
            "inspect",
            "--format",
            "{{.State.ExitCode}} {{.State.Status}}",
            id
        ])
        .stdout(),
        "-1 exited\n"
    );
    sb.ok(&["rm", id]);
    // 0 means no timeout; a quick command is not touched.
    sb.ok(&["run", "--rm", "--timeout", "0", "busybox", "true"]);
    sb.ok(&["run", "--rm", "--timeout", "30", "busybox", "true"]);
    for bad in ["abc", "-1"] {
        sb.run(&["run", "--rm", "--timeout", bad, "busybox", "true"])
            .assert_one_line_error(
                125,
                &[&format!(
                    r#"invalid argument "{bad}" for "--timeout" flag: strconv.ParseUint: parsing "{bad}": invalid syntax"#
                )],
            );
    }
    assert!(containers_left(&sb).is_empty());
}

#[test]
fn attach_names_the_streams_the_caller_gets() {
    let sb = sandbox_with_busybox();
    let script = "echo out; echo err >&2; exit 3";
    let run = sb.run(&["run", "--rm", "-a", "stderr", "busybox", "sh", "-c", script]);
    run.assert_code(3);
    assert_eq!(run.stdout(), "");
    assert_eq!(run.stderr(), "err\n");
    let run = sb.run(&["run", "--rm", "-a", "stdout", "busybox", "sh", "-c", script]);
    run.assert_code(3);
    assert_eq!(run.stdout(), "out\n");
    assert_eq!(run.stderr(), "");
    // Repeated or comma-separated: both output streams.
    let run = sb.run(&[
        "run",
        "--rm",
        "-a",
        "stdout",
        "--attach=STDERR",
        "busybox",
        "sh",
        "-c",
        script,
    ]);
    assert_eq!(
        (run.stdout().as_str(), run.stderr().as_str()),
        ("out\n", "err\n")
    );
    // Neither output stream attached: podman prints the container's ID instead.
    let run = sb.run(&["run", "--rm", "-a", "stdin", "busybox", "sh", "-c", script]);
    run.assert_code(3);
    let out = run.stdout();
    assert_eq!(out.trim().len(), 64, "{out}");
    assert!(out.trim().bytes().all(|b| b.is_ascii_hexdigit()), "{out}");
    // -i with only stdout attached still passes the input.
    let mut child = sb
        .command(&["run", "--rm", "-i", "-a", "stdout", "busybox", "cat"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(b"piped\n").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "piped\n");
    sb.run(&["run", "--rm", "-a", "bogus", "busybox", "true"])
        .assert_one_line_error(
            125,
            &[r#"invalid stream "bogus" for --attach - must be one of stdin, stdout, or stderr: invalid argument"#],
        );
    sb.run(&[
        "run",
        "--rm",
        "-a",
        "stdout",
        "--log-driver",
        "passthrough",
        "busybox",
        "true",
    ])
    .assert_one_line_error(
        125,
        &["cannot specify --attach with --log-driver=passthrough: invalid argument"],
    );
    assert!(containers_left(&sb).is_empty());
}

#[test]
fn preserve_fds_passes_the_callers_descriptors_into_run() {
    let sb = sandbox_with_busybox();
    let out = sb.dir.join("fd3.txt");
    let three = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&out)
        .unwrap();
    let four = std::fs::File::open("/etc/hostname").unwrap();
    let run = |args: &[&str]| {
        let mut cmd = sb.command(args);
        pass_as_3_and_4(&mut cmd, &three, &four);
        let output = cmd.output().unwrap();
        Run {
            args: args.iter().map(|s| s.to_string()).collect(),
            output,
        }
    };
    let script = "echo via-3 >&3; if { true <&4; } 2>/dev/null; then echo 4-open; else echo 4-closed; fi; if test -e /proc/self/fd/5; then echo 5-open; fi";
    let one = run(&[
        "run",
        "--rm",
        "--preserve-fds",
        "1",
        "busybox",
        "sh",
        "-c",
        script,
    ]);
    one.assert_code(0);
    assert_eq!(one.stdout(), "4-closed\n");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "via-3\n");
    let two = run(&[
        "run",
        "--rm",
        "--preserve-fds=2",
        "busybox",
        "sh",
        "-c",
        "head -c 0 <&4 && echo 4-open",
    ]);
    two.assert_code(0);
    assert_eq!(two.stdout(), "4-open\n");
    // A command that cannot run is still reported with the descriptors in place.
    run(&[
        "run",
        "--rm",
        "--preserve-fds",
        "2",
        "busybox",
        "nosuchcommand",
    ])
    .assert_error(127, &["nosuchcommand"]);
    // Detached, the monitor keeps them for the container.
    three.set_len(0).unwrap();
    let id = run(&[
        "run",
        "-d",
        "--preserve-fds",
        "1",
        "busybox",
        "sh",
        "-c",
        "echo detached >&3",
    ]);
    id.assert_code(0);
    let id = id.stdout();
    sb.ok(&["wait", id.trim()]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "detached\n");
    sb.ok(&["rm", id.trim()]);
    // Descriptors the caller did not pass: podman's error, and nothing is created.
    sb.run(&["run", "--rm", "--preserve-fds", "5", "busybox", "true"])
        .assert_one_line_error(
            125,
            &["file descriptor 3 is not available - the preserve-fds option requires that file descriptors must be passed"],
        );
    sb.run(&["run", "--rm", "--preserve-fds", "x", "busybox", "true"])
        .assert_one_line_error(
            125,
            &[r#"invalid argument "x" for "--preserve-fds" flag: strconv.ParseUint: parsing "x": invalid syntax"#],
        );
    assert!(containers_left(&sb).is_empty());
}

#[test]
fn hostuser_adds_the_host_users_passwd_entry() {
    let sb = sandbox_with_busybox();
    let me = &sb.user.name;
    let (uid, gid) = (sb.user.uid, sb.user.gid);
    let run = sb.ok(&[
        "run",
        "--rm",
        "--hostuser",
        me,
        "busybox",
        "sh",
        "-c",
        "tail -n 1 /etc/passwd; stat -c %u:%g:%a /etc/passwd",
    ]);
    assert_eq!(
        run.stdout(),
        format!("{me}:*:{uid}:{gid}::/:/bin/sh\n0:0:644\n")
    );
    // A user the image has keeps the image's entry (root is 0 in both).
    let run = sb.ok(&[
        "run",
        "--rm",
        "--hostuser",
        "root",
        "busybox",
        "sh",
        "-c",
        "grep -c '^root:' /etc/passwd",
    ]);
    assert_eq!(run.stdout(), "1\n");
    sb.run(&["run", "--rm", "--hostuser", "nosuchuser", "busybox", "true"])
        .assert_one_line_error(
            125,
            &[
                "creating temporary passwd file for container",
                "user: unknown user nosuchuser",
            ],
        );
    assert!(containers_left(&sb).is_empty());
}

#[test]
fn keep_id_adds_the_users_entries_and_image_files_stay_root_owned() {
    let sb = sandbox_with_busybox();
    let me = &sb.user.name;
    let (uid, gid) = (sb.user.uid, sb.user.gid);
    let run = sb.ok(&[
        "run", "--rm", "--userns", "keep-id", "busybox", "sh", "-c",
        "tail -n 1 /etc/passwd; tail -n 1 /etc/group; stat -c %u:%g:%a /etc/passwd /etc/group /bin; id -un; id -gn",
    ]);
    assert_eq!(
        run.stdout(),
        format!(
            "{me}:*:{uid}:{gid}::/:/bin/sh\n{me}:x:{gid}:{me}\n0:0:644\n0:0:644\n0:0:755\n{me}\n{me}\n"
        )
    );
    // The entry's home is the working directory unless the home is mounted in.
    let run = sb.ok(&[
        "run",
        "--rm",
        "--userns",
        "keep-id",
        "-w",
        "/tmp",
        "busybox",
        "sh",
        "-c",
        "tail -n 1 /etc/passwd",
    ]);
    assert_eq!(run.stdout(), format!("{me}:*:{uid}:{gid}::/tmp:/bin/sh\n"));
    // nomap cannot work while the container's root mounts its own root: a clear refusal
    // (podman runs it), and nothing is created.
    sb.run(&["run", "--rm", "--userns", "nomap", "busybox", "true"])
        .assert_one_line_error(125, &["--userns nomap is not supported yet"]);
    assert!(containers_left(&sb).is_empty());
    // A restart does not add it twice.
    sb.ok(&[
        "create",
        "--name",
        "k",
        "--userns",
        "keep-id",
        "busybox",
        "grep",
        "-c",
        me,
        "/etc/passwd",
    ]);
    sb.ok(&["start", "k"]);
    sb.ok(&["wait", "k"]);
    let run = sb.ok(&["start", "-a", "k"]);
    assert_eq!(run.stdout(), "1\n");
    sb.ok(&["rm", "k"]);
}

/// keep-id's layer copies with shifted owners are made once per layer and mapping and shared
/// by the containers with that mapping (the second create copies nothing: both see the same
/// file), and they go with the image.
/// `keep-id:uid=,gid=`: the user's own IDs take the given numbers inside, files the process
/// writes into a bind-mounted host directory still belong to the user on the host, and the
/// user's passwd entry carries the inside numbers.
#[test]
fn keep_id_with_uid_and_gid_maps_the_user_to_those_ids() {
    let sb = sandbox_with_busybox();
    let me = &sb.user.name;
    let shared = sb.home.join("shared");
    std::fs::create_dir(&shared).unwrap();
    sb.chown_home();
    let bind = format!("{}:/shared", shared.display());
    let run = sb.ok(&[
        "run",
        "--rm",
        "--userns",
        "keep-id:uid=200,gid=300",
        "-v",
        &bind,
        "busybox",
        "sh",
        "-c",
        "id -u; id -g; id -un; touch /shared/made; stat -c %u:%g /shared/made /bin",
    ]);
    assert_eq!(run.stdout(), format!("200\n300\n{me}\n200:300\n0:0\n"));
    assert_eq!(owner(&shared.join("made")), (sb.user.uid, sb.user.gid));
    sb.run(&[
        "run",
        "--rm",
        "--userns",
        "keep-id:uid=x",
        "busybox",
        "true",
    ])
    .assert_error(
        125,
        &[
            "invalid --userns \"keep-id:uid=x\"",
            "write keep-id:uid=N,gid=N",
        ],
    );
}

#[test]
fn keep_id_layer_copies_are_shared_and_removed_with_the_image() {
    let sb = sandbox_with_busybox();
    let layers = sb.home.join(".local/share/burrow/layers");
    let copies = || -> Vec<std::path::PathBuf> {
        std::fs::read_dir(&layers)
            .into_iter()
            .flatten()
            .flatten()
            .flat_map(|layer| {
                std::fs::read_dir(layer.path())
                    .into_iter()
                    .flatten()
                    .flatten()
            })
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("shifted-")
            })
            .collect()
    };
    let inode = |name: &str| {
        sb.ok(&[
            "create",
            "--name",
            name,
            "--userns",
            "keep-id",
            "busybox",
            "stat",
            "-c",
            "%i %u",
            "/bin/busybox",
        ]);
        sb.ok(&["start", "-a", name]).stdout()
    };
    let first = inode("a");
    assert_eq!(copies().len(), 1, "one layer, one mapping: {:?}", copies());
    assert_eq!(
        inode("b"),
        first,
        "the second container got a copy of its own"
    );
    assert!(first.ends_with(" 0\n"), "{first}");
    sb.ok(&["rm", "a", "b"]);
    sb.ok(&["rmi", "busybox"]);
    assert!(copies().is_empty(), "{:?}", copies());
}

#[test]
fn root_directory_mode_comes_from_the_layers_else_0555() {
    // The busybox fixture's layer has no `./` entry: podman shows 555 0:0.
    let sb = sandbox_with_busybox();
    let run = sb.ok(&["run", "--rm", "busybox", "stat", "-c", "%a %u:%g", "/"]);
    assert_eq!(run.stdout(), "555 0:0\n");
    let run = sb.ok(&[
        "run", "--rm", "--userns", "keep-id", "busybox", "stat", "-c", "%a %u:%g", "/",
    ]);
    assert_eq!(run.stdout(), "555 0:0\n");
    // Root can still write there (a capability, as under podman), and so can a -v target.
    sb.ok(&["run", "--rm", "busybox", "mkdir", "/newdir"]);
}

#[test]
fn systemd_containers_stop_with_sigrtmin_plus_3() {
    let sb = sandbox_with_busybox();
    let stop_signal = |args: &[&str]| {
        let mut all = vec!["create"];
        all.extend_from_slice(args);
        let id = sb.ok(&all).stdout();
        let signal = sb
            .ok(&["inspect", "--format", "{{.Config.StopSignal}}", id.trim()])
            .stdout();
        sb.ok(&["rm", id.trim()]);
        signal
    };
    assert_eq!(
        stop_signal(&["--systemd", "always", "busybox", "true"]),
        "37\n"
    );
    assert_eq!(stop_signal(&["busybox", "/sbin/init"]), "37\n");
    assert_eq!(
        stop_signal(&["busybox", "/usr/lib/systemd/systemd"]),
        "37\n"
    );
    assert_eq!(stop_signal(&["busybox", "true"]), "15\n");
    assert_eq!(
        stop_signal(&["--systemd", "false", "busybox", "/sbin/init"]),
        "15\n"
    );
    assert_eq!(
        stop_signal(&[
            "--systemd",
            "always",
            "--stop-signal",
            "SIGINT",
            "busybox",
            "true"
        ]),
        "2\n"
    );
    // `stop` sends it.
    let id = sb
        .ok(&[
            "run",
            "-d",
            "--systemd",
            "always",
            "busybox",
            "sh",
            "-c",
            "trap 'exit 7' 37; echo ready; while :; do sleep 0.1; done",
        ])
        .stdout();
    let id = id.trim();
    wait_for("the trap", Duration::from_secs(20), || {
        sb.ok(&["logs", id]).stdout().contains("ready")
    });
    sb.ok(&["stop", id]);
    assert_eq!(
        sb.ok(&["inspect", "--format", "{{.State.ExitCode}}", id])
            .stdout(),
        "7\n"
    );
    sb.ok(&["rm", id]);
}

#[test]
fn ipc_container_joins_the_donors_ipc_namespace() {
    let sb = sandbox_with_busybox();
    sb.ok(&["run", "-d", "--name", "donor", "busybox", "sleep", "100"]);
    // A POSIX message queue made in the donor is seen by the joiner: the same namespace; and
    // /dev/shm is the donor's, both ways.
    let donor = sb
        .ok(&[
            "exec",
            "donor",
            "sh",
            "-c",
            "touch /dev/mqueue/fromdonor && echo shared > /dev/shm/fromdonor && readlink /proc/self/ns/ipc",
        ])
        .stdout();
    let joiner = sb
        .ok(&[
            "run",
            "--rm",
            "--ipc",
            "container:donor",
            "busybox",
            "sh",
            "-c",
            "ls /dev/mqueue; cat /dev/shm/fromdonor; touch /dev/shm/fromjoiner; readlink /proc/self/ns/ipc",
        ])
        .stdout();
    assert_eq!(joiner, format!("fromdonor\nshared\n{donor}"));
    sb.ok(&["exec", "donor", "test", "-e", "/dev/shm/fromjoiner"]);
    // While a joiner exists, the donor cannot be removed, even with -f.
    sb.ok(&[
        "create",
        "--name",
        "joiner",
        "--ipc",
        "container:donor",
        "busybox",
        "true",
    ]);
    let donor_id = sb.inspect("donor")["Id"].as_str().unwrap().to_string();
    sb.run(&["rm", "-f", "donor"]).assert_error(
        125,
        &[&format!(
            "container {donor_id} has dependent containers which must be removed before it"
        )],
    );
    sb.ok(&["rm", "joiner"]);
    // A donor that is not running is started with the joiner, as podman does.
    sb.ok(&["create", "--name", "later", "busybox", "sleep", "100"]);
    sb.ok(&["run", "--rm", "--ipc", "container:later", "busybox", "true"]);
    assert_eq!(
        sb.ok(&["inspect", "--format", "{{.State.Status}}", "later"])
            .stdout(),
        "running\n"
    );
    // A private namespace is not for joining; a missing donor is named. Nothing is created.
    sb.ok(&[
        "run", "-d", "--name", "priv", "--ipc", "private", "busybox", "sleep", "100",
    ]);
    let priv_id = sb.inspect("priv")["Id"].as_str().unwrap().to_string();
    let before = containers_left(&sb).len();
    sb.run(&["run", "--rm", "--ipc", "container:priv", "busybox", "true"])
        .assert_one_line_error(
            125,
            &[&format!("joining IPC of container {priv_id} is not allowed: non-shareable IPC (hint: use IpcMode:shareable for the donor container)")],
        );
    sb.run(&["run", "--rm", "--ipc", "container:nosuch", "busybox", "true"])
        .assert_one_line_error(
            125,
            &[r#"looking up container to share ipc namespace with: no container with name or ID "nosuch" found: no such container"#],
        );
    assert_eq!(containers_left(&sb).len(), before);
    sb.ok(&["rm", "-f", "-t", "0", "donor", "later", "priv"]);
}

/// `-v /path` (distrobox passes `-v /var/log/journal`): an anonymous volume, a writable
/// directory that is not the container's overlay, kept across starts; the container's
/// directory goes with `rm` (the volume too with `rm -v`: tests/volume.rs).
#[test]
fn anonymous_volume_is_a_directory_of_the_containers_own() {
    let sb = sandbox_with_busybox();
    let script = "echo hi >> /data/f; cat /data/f; grep -c ' /data ' /proc/self/mountinfo";
    let run = sb.ok(&[
        "run", "--name", "vol", "-v", "/data", "busybox", "sh", "-c", script,
    ]);
    assert_eq!(run.stdout(), "hi\n1\n");
    let again = sb.ok(&["start", "-a", "vol"]);
    assert_eq!(again.stdout(), "hi\nhi\n1\n");
    // `-v /path:ro`: the same, read-only.
    sb.run(&["run", "--rm", "-v", "/ro:ro", "busybox", "touch", "/ro/x"])
        .assert_code(1);
    let id = sb.inspect("vol")["Id"].as_str().unwrap().to_string();
    let dir = sb.graph_root().join("containers").join(&id);
    assert!(dir.exists());
    sb.ok(&["rm", "vol"]);
    assert!(!dir.exists(), "{} outlived its container", dir.display());
}

/// The container's first process leads its own session and process group, as under runc and
/// crun (podman's `ps` in a container shows PGID and SID 1), with and without a terminal on
/// the caller's side.
#[test]
fn the_first_process_leads_its_session_and_process_group() {
    let sb = sandbox_with_busybox();
    // With and without stdin held open.
    for flags in [&[][..], &["-i"][..]] {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(flags);
        args.extend_from_slice(&["busybox", "cut", "-d", " ", "-f", "5,6", "/proc/self/stat"]);
        assert_eq!(sb.ok(&args).stdout(), "1 1\n", "{flags:?}");
    }
}
