//! `burrow run` as the unprivileged test user: namespaces, rootfs, security defaults, exit codes.

mod common;

use common::*;

fn sandbox_with_busybox() -> Sandbox {
    let sb = Sandbox::new();
    sb.pull("busybox:latest");
    sb
}

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
    // Only loopback in the network namespace, and the UTS namespace has its own name.
    let net = sh(
        &sb,
        "cut -d: -f1 /proc/net/dev | tail -n +3 | tr -d ' '; hostname",
    );
    let out = net.stdout();
    assert_eq!(out.lines().next(), Some("lo"), "{out}");
    assert_eq!(out.lines().count(), 2, "{out}");
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
    // Containers are not kept yet, so a run without --rm cleans up too.
    sb.ok(&["run", "busybox", "true"]);
    assert!(left().is_empty(), "{:?}", left());
}

#[test]
fn podman_run_flags_shape_the_process() {
    let sb = sandbox_with_busybox();
    let run = sb.ok(&[
        "run",
        "--rm",
        "-e",
        "FOO=bar",
        "-w",
        "/tmp",
        "-u",
        "app",
        "--hostname",
        "box",
        "busybox",
        "sh",
        "-c",
        "echo $FOO; pwd; id -u; id -g; hostname; echo $HOME; grep -c . /etc/hostname",
    ]);
    assert_eq!(run.stdout(), "bar\n/tmp\n1000\n1000\nbox\n/home/app\n1\n");
    // A non-root user keeps no effective capabilities, as in podman.
    let caps = sb.ok(&[
        "run",
        "--rm",
        "-u",
        "1000:1000",
        "busybox",
        "grep",
        "CapEff",
        "/proc/self/status",
    ]);
    assert_eq!(caps.stdout(), "CapEff:\t0000000000000000\n");
    let dropped = sb.ok(&[
        "run",
        "--rm",
        "--cap-drop",
        "ALL",
        "busybox",
        "grep",
        "CapEff",
        "/proc/self/status",
    ]);
    assert_eq!(dropped.stdout(), "CapEff:\t0000000000000000\n");
    assert_ne!(
        sb.run(&["run", "--rm", "--read-only", "busybox", "touch", "/x"])
            .code(),
        0
    );
    // The image's default user and the generated files podman provides.
    let env = sb.ok(&[
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "cat /run/.containerenv; echo $container; echo $PATH",
    ]);
    let out = env.stdout();
    assert!(out.contains("rootless=1"), "{out}");
    assert!(out.contains("engine=\"burrow-"), "{out}");
    assert!(
        out.contains("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
        "{out}"
    );
}

#[test]
fn bad_run_input_gets_specific_errors() {
    let sb = sandbox_with_busybox();
    sb.run(&["run", "--rm", "-u", "nosuchuser", "busybox", "true"])
        .assert_error(125, &["unable to find user nosuchuser"]);
    sb.run(&["run", "--rm", "--ulimit", "nofile=abc", "busybox", "true"])
        .assert_error(125, &["nofile=abc"]);
    sb.run(&["run", "--rm", "--cap-add", "CAP_NOPE", "busybox", "true"])
        .assert_error(125, &["NOPE"]);
    sb.run(&["run", "--rm", "-v", "relative:/x", "busybox", "true"])
        .assert_code(125);
    sb.run(&["run", "--rm", "-v", "/tmp:x", "busybox", "true"])
        .assert_error(125, &["x"]);
    sb.run(&["run", "--rm", "--entrypoint", "", "busybox"])
        .assert_code(0);
    assert!(
        containers_left(&sb).is_empty(),
        "{:?}",
        containers_left(&sb)
    );
}

#[test]
fn volumes_and_tmpfs_are_mounted() {
    let sb = sandbox_with_busybox();
    let shared = sb.home.join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::write(shared.join("in"), "from host\n").unwrap();
    sb.chown_home();
    let volume = format!("{}:/data", shared.display());
    let run = sb.ok(&[
        "run",
        "--rm",
        "-v",
        &volume,
        "--tmpfs",
        "/scratch",
        "busybox",
        "sh",
        "-c",
        "cat /data/in; echo out > /data/out; touch /scratch/t && echo tmpfs-ok",
    ]);
    assert_eq!(run.stdout(), "from host\ntmpfs-ok\n");
    assert_eq!(
        std::fs::read_to_string(shared.join("out")).unwrap(),
        "out\n"
    );
    // Files the container's root writes belong to the user on the host.
    assert_eq!(owner(&shared.join("out")), (sb.user.uid, sb.user.gid));
    let ro = format!("{}:/data:ro", shared.display());
    assert_ne!(
        sb.run(&["run", "--rm", "-v", &ro, "busybox", "touch", "/data/x"])
            .code(),
        0
    );
}

#[test]
fn system_directories_symlinked_to_the_host_cannot_redirect_mounts() {
    let sb = Sandbox::new();
    sb.pull("evil:rootlinks");
    let image = image_ref("evil:rootlinks");
    let run = sb.run(&[
        "run",
        "--rm",
        &image,
        "/bin/sh",
        "-c",
        "echo pwned > /etc/pwned; ls /proc/self >/dev/null",
    ]);
    assert!(
        run.code() == 0 || run.stderr().contains("Error: "),
        "{}",
        run.stderr()
    );
    for path in fixture("evil:rootlinks")["host_paths_must_not_exist"]
        .as_array()
        .unwrap()
    {
        let path = path.as_str().unwrap();
        assert!(
            !std::path::Path::new(path).exists(),
            "{path} was created on the host"
        );
    }
}

#[test]
fn signals_sent_to_burrow_reach_the_container() {
    use std::io::BufRead;
    let sb = sandbox_with_busybox();
    let mut child = sb.spawn(&[
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "trap 'exit 7' TERM; echo ready; while :; do sleep 0.1; done",
    ]);
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = std::io::BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the container printed ready");
    assert_eq!(line, "ready\n");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let out = rx
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("burrow ended after SIGTERM")
        .unwrap();
    // The container's trap ran: its exit code is burrow's.
    assert_eq!(
        out.status.code(),
        Some(7),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
