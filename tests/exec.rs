//! `burrow exec` as the unprivileged test user, against containers started by a foreground
//! `run` in the background: output and exit codes, users, environment, stdin, terminals,
//! namespaces, capabilities, signals, detached sessions and passed descriptors.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// A container running `sleep 1000` under a `burrow run` child of the test; killed on drop.
struct Target<'a> {
    sb: &'a Sandbox,
    name: &'static str,
    run: Child,
}

impl<'a> Target<'a> {
    fn start(sb: &'a Sandbox, name: &'static str, extra: &[&str]) -> Target<'a> {
        let mut args = vec!["run", "--name", name];
        args.extend(extra);
        args.extend(["busybox", "sleep", "1000"]);
        let run = sb.spawn(&args);
        wait_for(
            &format!("container {name} to run"),
            Duration::from_secs(30),
            || {
                sb.ok(&["ps", "--format", "{{.Names}}"])
                    .stdout()
                    .lines()
                    .any(|l| l == name)
            },
        );
        Target { sb, name, run }
    }

    /// Runs `burrow exec [FLAGS] NAME COMMAND...`; flags come first, each one word (`--user=app`).
    fn exec(&self, args: &[&str]) -> Run {
        let mut all = vec!["exec"];
        all.extend(args.iter().take_while(|a| a.starts_with('-')));
        all.push(self.name);
        all.extend(args.iter().skip_while(|a| a.starts_with('-')));
        self.sb.run(&all)
    }

    /// The output of a successful exec.
    fn out(&self, args: &[&str]) -> String {
        let run = self.exec(args);
        run.assert_code(0);
        run.stdout()
    }
}

impl Drop for Target<'_> {
    fn drop(&mut self) {
        let _ = self.sb.run(&["kill", self.name]);
        let _ = self.run.wait();
    }
}

fn status_field(status: &str, field: &str) -> String {
    status
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .unwrap_or_else(|| panic!("no {field} in {status}"))
        .trim()
        .to_string()
}

#[test]
fn output_exit_codes_and_errors_follow_podman() {
    let sb = sandbox_with_busybox();
    let c = Target::start(&sb, "c1", &[]);
    assert_eq!(c.out(&["echo", "hello", "world"]), "hello world\n");
    // Options after the command belong to the command.
    assert_eq!(c.out(&["echo", "-n", "x", "-u"]), "x -u");
    c.exec(&["sh", "-c", "echo out; echo err >&2; exit 7"])
        .assert_code(7);
    let run = c.exec(&["sh", "-c", "echo err >&2; exit 7"]);
    assert_eq!(run.stderr(), "err\n");
    c.exec(&["nosuchcommand"])
        .assert_error(127, &["nosuchcommand", "not found"]);
    c.exec(&["/etc/passwd"])
        .assert_error(126, &["/etc/passwd", "ermission denied"]);
    c.exec(&["/etc"]).assert_error(126, &["/etc"]);
    // Killed by a signal: 128 + its number.
    c.exec(&["sh", "-c", "kill -9 $$"]).assert_code(137);
    sb.run(&["exec", "nosuchcontainer", "true"]).assert_error(
        125,
        &["no container with name or ID \"nosuchcontainer\" found: no such container"],
    );
    // An ID prefix names the container too.
    let id = sb.ok(&["ps", "-q"]).stdout();
    assert_eq!(
        sb.ok(&["exec", &id.trim()[..6], "echo", "by-id"]).stdout(),
        "by-id\n"
    );
    c.exec(&["--workdir=relative", "pwd"])
        .assert_error(125, &["must be an absolute path"]);
}

#[test]
fn a_container_that_is_not_running_refuses_exec() {
    let sb = sandbox_with_busybox();
    sb.ok(&["create", "--name", "idle", "busybox", "true"]);
    let refused = ["can only create exec sessions on running containers: container state improper"];
    sb.run(&["exec", "idle", "true"])
        .assert_error(125, &refused);
    sb.ok(&["start", "-a", "idle"]);
    sb.run(&["exec", "idle", "true"])
        .assert_error(125, &refused);
}

#[test]
fn user_workdir_and_environment() {
    let mut sb = sandbox_with_busybox();
    sb.envs.push(("FROM_HOST".into(), "host-value".into()));
    let c = Target::start(&sb, "c1", &["-e", "MODE=prod", "-w", "/etc"]);
    // The container's own user, directory and environment by default.
    assert_eq!(c.out(&["id"]), "uid=0(root) gid=0(root)\n");
    assert_eq!(c.out(&["pwd"]), "/etc\n");
    assert_eq!(c.out(&["sh", "-c", "echo $MODE $HOME"]), "prod /root\n");
    // -u resolves names in the container's files.
    assert_eq!(
        c.out(&["--user=app", "id"]),
        "uid=1000(app) gid=1000(app)\n"
    );
    assert_eq!(c.out(&["--user=nobody:app", "id", "-u"]), "65534\n");
    assert_eq!(c.out(&["--user=nobody:app", "id", "-g"]), "1000\n");
    assert_eq!(c.out(&["--user=4242:4343", "id", "-u"]), "4242\n");
    c.exec(&["--user=nosuchuser", "true"])
        .assert_error(125, &["unable to find user nosuchuser"]);
    assert_eq!(c.out(&["--workdir=/tmp", "pwd"]), "/tmp\n");
    // env files, then -e; NAME alone takes burrow's value.
    let env_file = sb.home.join("exec.env");
    std::fs::write(&env_file, "# comment\nMODE=file\nONLY_FILE=1\n").unwrap();
    sb.chown_home();
    let env_file = env_file.to_str().unwrap();
    assert_eq!(
        c.out(&[
            &format!("--env-file={env_file}"),
            "--env=MODE=flag",
            "--env=FROM_HOST",
            "sh",
            "-c",
            "echo $MODE $ONLY_FILE $FROM_HOST"
        ]),
        "flag 1 host-value\n"
    );
    c.exec(&["--env-file=/nonexistent.env", "true"])
        .assert_error(125, &["cannot read env file /nonexistent.env"]);
}

#[test]
fn stdin_is_passed_only_with_interactive() {
    let sb = sandbox_with_busybox();
    let c = Target::start(&sb, "c1", &[]);
    for (args, expected) in [
        (&["exec", "-i", "c1", "cat"][..], "piped\n"),
        (&["exec", "c1", "cat"][..], ""),
    ] {
        let mut child = sb
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(b"piped\n").unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), expected, "{args:?}");
    }
    drop(c);
}

#[test]
fn the_process_is_in_the_container_namespaces() {
    let sb = sandbox_with_busybox();
    let c = Target::start(&sb, "c1", &["--hostname", "inside"]);
    // Same PID namespace: PID 1 is the container's command.
    assert_eq!(
        c.out(&["sh", "-c", "tr '\\0' ' ' < /proc/1/cmdline"]),
        "sleep 1000 "
    );
    let ns = |n: &str| c.out(&["readlink", &format!("/proc/self/ns/{n}")]);
    let pid1 = |n: &str| c.out(&["readlink", &format!("/proc/1/ns/{n}")]);
    for n in ["user", "mnt", "pid", "net", "ipc", "uts", "cgroup"] {
        assert_eq!(ns(n), pid1(n), "{n} namespace");
    }
    assert_eq!(c.out(&["hostname"]), "inside\n");
    // A file written by one exec is seen by the next: the same mount namespace.
    c.out(&["sh", "-c", "echo kept > /tmp/mark"]);
    assert_eq!(c.out(&["cat", "/tmp/mark"]), "kept\n");
    drop(c);

    // With the host network there is no network namespace to join; the rest still are.
    let host = Target::start(&sb, "hostnet", &["--network", "host"]);
    let own = std::fs::read_link("/proc/self/ns/net").unwrap();
    assert_eq!(
        host.out(&["readlink", "/proc/self/ns/net"]).trim(),
        own.to_str().unwrap()
    );
    assert_eq!(
        host.out(&["sh", "-c", "tr '\\0' ' ' < /proc/1/cmdline"]),
        "sleep 1000 "
    );
}

#[test]
fn capabilities_and_seccomp_are_the_container_ones() {
    let sb = sandbox_with_busybox();
    let c = Target::start(&sb, "c1", &["--cap-drop", "chown"]);
    let own = c.out(&["cat", "/proc/self/status"]);
    let pid1 = c.out(&["cat", "/proc/1/status"]);
    for field in [
        "CapEff",
        "CapPrm",
        "CapBnd",
        "CapInh",
        "CapAmb",
        "Seccomp",
        "NoNewPrivs",
    ] {
        assert_eq!(
            status_field(&own, field),
            status_field(&pid1, field),
            "{field}"
        );
    }
    assert_eq!(status_field(&own, "Seccomp"), "2", "the filter is on");
    // Another user keeps the bounding set but holds nothing.
    let app = c.out(&["--user=app", "cat", "/proc/self/status"]);
    assert_eq!(status_field(&app, "CapEff"), "0000000000000000");
    assert_eq!(status_field(&app, "CapBnd"), status_field(&pid1, "CapBnd"));
    // --privileged: every capability and no filter.
    let privileged = c.out(&["--privileged", "cat", "/proc/self/status"]);
    assert_eq!(status_field(&privileged, "Seccomp"), "0");
    let eff = u64::from_str_radix(&status_field(&privileged, "CapEff"), 16).unwrap();
    let container = u64::from_str_radix(&status_field(&pid1, "CapEff"), 16).unwrap();
    assert_eq!(eff & container, container);
    assert!(eff.count_ones() > container.count_ones() + 20, "{eff:x}");
}

#[test]
fn signals_to_burrow_reach_the_process() {
    let sb = sandbox_with_busybox();
    let c = Target::start(&sb, "c1", &[]);
    let mut exec = sb.spawn(&[
        "exec",
        "c1",
        "sh",
        "-c",
        "trap 'echo got-term; exit 9' TERM; echo ready; sleep 100 & wait",
    ]);
    let mut lines = BufReader::new(exec.stdout.take().unwrap()).lines();
    assert_eq!(lines.next().unwrap().unwrap(), "ready");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(exec.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    let status = exec.wait().unwrap();
    assert_eq!(lines.next().unwrap().unwrap(), "got-term");
    assert_eq!(status.code(), Some(9));
    drop(c);
}

#[test]
fn detached_exec_returns_at_once_and_outlives_burrow() {
    let sb = sandbox_with_busybox();
    let c = Target::start(&sb, "c1", &[]);
    let start = Instant::now();
    let run = c.exec(&[
        "-d",
        "sh",
        "-c",
        "sleep 1; echo done > /tmp/detached; sleep 30",
    ]);
    run.assert_code(0);
    assert_eq!(run.stdout(), "");
    assert!(start.elapsed() < Duration::from_secs(1), "exec -d waited");
    wait_for("the detached command", Duration::from_secs(20), || {
        c.exec(&["cat", "/tmp/detached"]).stdout() == "done\n"
    });
    // A detached process that ends is reaped, although the container's PID 1 (sleep) reaps
    // nothing: no zombie is left in the container.
    c.exec(&["-d", "true"]).assert_code(0);
    wait_for(
        "the detached true to be reaped",
        Duration::from_secs(20),
        || {
            let states = c.out(&["ps", "-o", "stat,args"]);
            !states.lines().any(|l| l.trim_start().starts_with('Z'))
        },
    );
    // A program that cannot run is still reported.
    c.exec(&["-d", "nosuchcommand"])
        .assert_error(127, &["nosuchcommand"]);
}

#[test]
fn preserve_fds_passes_exactly_the_named_descriptors() {
    let sb = sandbox_with_busybox();
    let c = Target::start(&sb, "c1", &[]);
    let out = sb.dir.join("fd3.txt");
    let three = std::fs::File::create(&out).unwrap();
    let four = std::fs::File::open("/dev/null").unwrap();
    let run = |preserve: &str| {
        let mut cmd = sb.command(&[
            "exec",
            "--preserve-fds",
            preserve,
            "c1",
            "sh",
            "-c",
            "echo via-3 >&3; if { true >&4; } 2>/dev/null; then echo 4-open; else echo 4-closed; fi",
        ]);
        pass_as_3_and_4(&mut cmd, &three, &four);
        cmd.output().unwrap()
    };
    let passed = run("1");
    assert!(passed.status.success(), "{passed:?}");
    assert_eq!(String::from_utf8_lossy(&passed.stdout), "4-closed\n");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "via-3\n");
    let both = run("2");
    assert_eq!(String::from_utf8_lossy(&both.stdout), "4-open\n");
    // Descriptors burrow was not given cannot be passed.
    c.exec(&["--preserve-fds=5", "true"])
        .assert_error(125, &["file descriptor 3 is not available"]);
}

#[test]
fn a_terminal_comes_from_the_container_and_follows_the_caller() {
    let sb = sandbox_with_busybox();
    let c = Target::start(&sb, "c1", &[]);
    // -t without a terminal on burrow's side still gives the process one.
    assert_eq!(c.out(&["-t", "tty"]), "/dev/pts/0\r\n");
    // Owned by the process's user, so it can reopen it by name.
    assert_eq!(
        c.out(&["-t", "--user=app", "sh", "-c", "stat -c %u $(tty)"]),
        "1000\r\n"
    );

    let (mut term, mut child) = Terminal::spawn(&sb, &["exec", "-it", "c1", "sh"]);
    term.type_text("tty; stty size; echo $((6*7))x\r");
    term.wait_for("42x");
    assert!(
        !term.cooked(),
        "burrow put the caller's terminal in raw mode"
    );
    let out = term.output.lock().unwrap().clone();
    assert!(out.contains("/dev/pts/"), "{out}");
    assert!(out.contains("30 100"), "{out}");
    term.resize(40, 120);
    term.type_text("stty size | sed s/^/size:/\r");
    term.wait_for("size:40 120");
    // ^C interrupts the foreground program in the container, not burrow.
    term.type_text("sh -c 'echo ready; exec sleep 100'\r");
    term.wait_for("ready\r\n");
    term.type_text("\x03");
    term.type_text("echo interrupted:$?\r");
    term.wait_for("interrupted:130");
    term.type_text("exit 5\r");
    assert_eq!(child.wait().unwrap().code(), Some(5));
    assert!(term.cooked(), "burrow restored the caller's terminal");
    drop(c);
}

#[test]
fn the_process_starts_with_default_signal_dispositions() {
    let sb = sandbox_with_busybox();
    let c = Target::start(&sb, "c1", &[]);
    // burrow's runtime ignores SIGPIPE and blocks the signals it forwards; the program must
    // inherit neither (what the caller itself ignores is the caller's business).
    let status = c.out(&["cat", "/proc/self/status"]);
    let ignored = u64::from_str_radix(&status_field(&status, "SigIgn"), 16).unwrap();
    assert_eq!(ignored & (1 << (libc::SIGPIPE - 1)), 0, "{ignored:x}");
    assert_eq!(status_field(&status, "SigBlk"), "0000000000000000");
    let run = c.exec(&["sh", "-c", "yes | head -n 1"]);
    run.assert_code(0);
    assert_eq!((run.stdout().as_str(), run.stderr().as_str()), ("y\n", ""));
}

#[test]
fn a_directory_or_a_missing_workdir_cannot_run() {
    let sb = sandbox_with_busybox();
    sb.run(&["run", "--rm", "busybox", "/etc"])
        .assert_error(126, &["\"/etc\": permission denied"]);
    let missing = sb.run(&["run", "--name", "nowhere", "-w", "/x", "busybox", "true"]);
    let id = sb.inspect("nowhere")["Id"].as_str().unwrap().to_string();
    missing.assert_error(
        126,
        &[&format!("workdir \"/x\" does not exist on container {id}")],
    );
    sb.run(&[
        "run",
        "--rm",
        "--name",
        "file",
        "-w",
        "/etc/passwd",
        "busybox",
        "true",
    ])
    .assert_error(
        126,
        &[
            "workdir \"/etc/passwd\" exists on container",
            "but is not a directory",
        ],
    );
    sb.ok(&["run", "-d", "--name", "c", "busybox", "sleep", "1000"]);
    let id = sb.inspect("c")["Id"].as_str().unwrap().to_string();
    sb.run(&["exec", "c", "/etc"])
        .assert_error(126, &["\"/etc\": permission denied"]);
    sb.run(&["exec", "-w", "/x", "c", "true"]).assert_error(
        126,
        &[&format!("workdir \"/x\" does not exist on container {id}")],
    );
    sb.ok(&["rm", "-f", "-t", "0", "c"]);
}

#[test]
fn detach_keys_leave_the_process_running() {
    let sb = sandbox_with_busybox();
    let c = Target::start(&sb, "c1", &[]);
    // The default keys, ctrl-p ctrl-q: burrow returns 0 and gives the terminal back; the
    // shell keeps running and keeps writing (nobody reads it, and it must not block).
    let (mut term, mut child) = Terminal::spawn(&sb, &["exec", "-it", "c1", "sh"]);
    term.type_text("echo $$ > /tmp/shell; echo st''arted\r");
    term.wait_for("started\r\n");
    term.type_text("\x10\x11");
    assert_eq!(child.wait().unwrap().code(), Some(0));
    assert!(term.cooked(), "burrow restored the caller's terminal");
    let pid = c.out(&["cat", "/tmp/shell"]);
    let pid = pid.trim();
    assert_eq!(
        c.exec(&["kill", "-0", pid]).code(),
        0,
        "the shell still runs"
    );
    // Other keys given by --detach-keys detach instead.
    let (mut term, mut child) =
        Terminal::spawn(&sb, &["exec", "-it", "--detach-keys=ctrl-a,x", "c1", "sh"]);
    term.type_text("echo o''ne\r");
    term.wait_for("one\r\n");
    term.type_text("\x01x");
    assert_eq!(child.wait().unwrap().code(), Some(0));
    // "" disables them: ctrl-p ctrl-q reach the shell and exit ends the session.
    let (mut term, mut child) =
        Terminal::spawn(&sb, &["exec", "-it", "--detach-keys=", "c1", "sh"]);
    term.type_text("\x10\x11echo still-h''ere\r");
    term.wait_for("still-here\r\n");
    term.type_text("exit 3\r");
    assert_eq!(child.wait().unwrap().code(), Some(3));
    sb.run(&["exec", "-it", "--detach-keys=ctrl-", "c1", "true"])
        .assert_error(125, &["invalid detach keys \"ctrl-\""]);
    drop(c);
}
