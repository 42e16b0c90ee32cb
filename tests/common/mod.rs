//! Shared harness for the integration tests.
//!
//! The tests run as root (CI) but every burrow command runs as the unprivileged test user
//! (BURROW_TEST_USER, default `burrowtest`, created by tests/fixtures/setup.sh with a 65536-ID
//! range in /etc/subuid), against the real registry that setup.sh started
//! (BURROW_TEST_REGISTRY, default 127.0.0.1:5000) and its fixture images
//! (BURROW_TEST_FIXTURES, default /var/tmp/burrow-fixtures.json). Root is used only to look at
//! what burrow wrote (ownership as the host sees it) and to set up hostile conditions.

#![allow(dead_code)]

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::Value;

pub struct TestUser {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
    /// First host ID of the user's subordinate range, if any.
    pub subuid_start: Option<u32>,
}

fn lookup_user(name: &str) -> TestUser {
    let passwd = fs::read_to_string("/etc/passwd").unwrap();
    let line = passwd
        .lines()
        .find(|l| l.split(':').next() == Some(name))
        .unwrap_or_else(|| {
            panic!(
                "test user {name} does not exist: run `bash tests/fixtures/setup.sh` as root first"
            )
        });
    let fields: Vec<&str> = line.split(':').collect();
    let subuid_start = fs::read_to_string("/etc/subuid").ok().and_then(|t| {
        t.lines()
            .find(|l| l.split(':').next() == Some(name) || l.split(':').next() == Some(fields[2]))
            .and_then(|l| l.split(':').nth(1)?.parse().ok())
    });
    TestUser {
        name: name.to_string(),
        uid: fields[2].parse().unwrap(),
        gid: fields[3].parse().unwrap(),
        subuid_start,
    }
}

pub fn registry() -> String {
    std::env::var("BURROW_TEST_REGISTRY").unwrap_or_else(|_| "127.0.0.1:5000".into())
}

/// The registry that wants bearer tokens from setup.sh's token service (tests/fixtures/README.md):
/// anonymous tokens pull, `TOKEN_USER`'s push too, `TOKEN_SHORT_USER`'s expire after 3 seconds.
pub fn token_registry() -> String {
    std::env::var("BURROW_TEST_TOKEN_REGISTRY").unwrap_or_else(|_| "127.0.0.1:5002".into())
}

pub const TOKEN_USER: (&str, &str) = ("burrow", "secret");
pub const TOKEN_SHORT_USER: (&str, &str) = ("burrowshort", "secret");

pub fn fixtures() -> &'static Value {
    static FIXTURES: OnceLock<Value> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let path = std::env::var("BURROW_TEST_FIXTURES").unwrap_or_else(|_| "/var/tmp/burrow-fixtures.json".into());
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read fixtures {path} ({e}): run `bash tests/fixtures/setup.sh` as root first"));
        serde_json::from_str(&text).unwrap()
    })
}

/// The fixture record of `repo:tag`.
pub fn fixture(name: &str) -> &'static Value {
    &fixtures()["images"][name]
}

/// Image ID (config digest hex) of a fixture.
pub fn fixture_id(name: &str) -> String {
    fixture(name)["config_digest"]
        .as_str()
        .unwrap_or_else(|| panic!("fixture {name} has no config_digest"))
        .trim_start_matches("sha256:")
        .to_string()
}

pub fn image_ref(name: &str) -> String {
    format!("{}/{name}", registry())
}

fn base_dir() -> &'static Path {
    static BASE: OnceLock<PathBuf> = OnceLock::new();
    BASE.get_or_init(|| {
        assert!(
            nix::unistd::geteuid().is_root(),
            "integration tests run as root and drop to an unprivileged user for every burrow command; run them through .ci/run or sudo"
        );
        let base = PathBuf::from(format!("/tmp/burrow-it-{}", std::process::id()));
        fs::create_dir_all(&base).unwrap();
        fs::set_permissions(&base, fs::Permissions::from_mode(0o755)).unwrap();
        base
    })
}

/// The burrow binary, copied where the unprivileged user can execute it (the build tree may
/// sit below a directory only root can enter).
pub fn binary() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let dest = base_dir().join("burrow");
        let staging = base_dir().join("burrow.tmp");
        fs::copy(env!("CARGO_BIN_EXE_burrow"), &staging).unwrap();
        fs::set_permissions(&staging, fs::Permissions::from_mode(0o755)).unwrap();
        fs::rename(&staging, &dest).unwrap();
        dest
    })
}

pub fn test_user() -> &'static TestUser {
    static USER: OnceLock<TestUser> = OnceLock::new();
    USER.get_or_init(|| {
        lookup_user(&std::env::var("BURROW_TEST_USER").unwrap_or_else(|_| "burrowtest".into()))
    })
}

pub fn nosub_user() -> &'static TestUser {
    static USER: OnceLock<TestUser> = OnceLock::new();
    USER.get_or_init(|| lookup_user("burrownosub"))
}

/// A fresh home for one test: its own storage, registries.conf and auth files.
pub struct Sandbox {
    pub dir: PathBuf,
    pub home: PathBuf,
    pub user: &'static TestUser,
    pub envs: Vec<(String, String)>,
}

static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox::for_user(test_user())
    }

    pub fn for_user(user: &'static TestUser) -> Sandbox {
        binary();
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir = base_dir().join(format!("sandbox-{n}"));
        let home = dir.join("home");
        fs::create_dir_all(home.join(".config/containers")).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        let sandbox = Sandbox {
            dir,
            home,
            user,
            envs: Vec::new(),
        };
        sandbox.write_registries_conf(&format!(
            "unqualified-search-registries = [\"{reg}\"]\n\n[[registry]]\nlocation = \"{reg}\"\ninsecure = true\n",
            reg = registry()
        ));
        sandbox.chown_home();
        sandbox
    }

    /// Gives the home (and everything in it so far) to the test user.
    pub fn chown_home(&self) {
        let status = Command::new("chown")
            .arg("-R")
            .arg(format!("{}:{}", self.user.uid, self.user.gid))
            .arg(&self.home)
            .status()
            .unwrap();
        assert!(status.success());
    }

    pub fn registries_conf(&self) -> PathBuf {
        self.home.join(".config/containers/registries.conf")
    }

    pub fn write_registries_conf(&self, text: &str) {
        fs::write(self.registries_conf(), text).unwrap();
        self.chown_home();
    }

    pub fn graph_root(&self) -> PathBuf {
        self.home.join(".local/share/burrow")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        self.command_of(binary(), args)
    }

    /// `command` for another program (another copy of burrow, or a shell that execs one):
    /// the same user, home and environment.
    pub fn command_of(&self, program: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> Command {
        let mut cmd = Command::new(program);
        cmd.args(args)
            .env_clear()
            .env("HOME", &self.home)
            .env("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin")
            .env("LANG", "C.UTF-8")
            .env("USER", &self.user.name)
            .current_dir(&self.home)
            .stdin(Stdio::null())
            .uid(self.user.uid)
            .gid(self.user.gid);
        for (k, v) in &self.envs {
            cmd.env(k, v);
        }
        cmd
    }

    /// A directory holding `podman` -> burrow, the drop-in install the README documents
    /// (burrow takes its name from argv[0]).
    pub fn podman_dir(&self) -> PathBuf {
        let dir = self.dir.join("bin");
        let link = dir.join("podman");
        if !link.exists() {
            fs::create_dir_all(&dir).unwrap();
            std::os::unix::fs::symlink(binary(), &link).unwrap();
        }
        dir
    }

    /// podman 4.3 itself, on storage of its own in the sandbox (vfs, no cgroups), as the test
    /// user; panics unless it succeeds.
    pub fn real_podman(&self, args: &[&str]) -> Output {
        let root = self.home.join("podman-root").display().to_string();
        let run = self.home.join("podman-run").display().to_string();
        let mut all = vec![
            "--root",
            &root,
            "--runroot",
            &run,
            "--storage-driver",
            "vfs",
            "--cgroup-manager=cgroupfs",
        ];
        all.extend_from_slice(args);
        let out = self.command_of("podman", &all).output().unwrap();
        assert!(
            out.status.success(),
            "podman {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// `command_of` for a program that calls `podman` (distrobox, toolbox): burrow is the
    /// `podman` first on PATH, and the program is killed if it runs past `timeout`.
    pub fn tool_command(&self, timeout: Duration, program: &str, args: &[&str]) -> Command {
        let seconds = timeout.as_secs().to_string();
        let mut timed = vec!["--kill-after=10", seconds.as_str(), program];
        timed.extend_from_slice(args);
        let mut cmd = self.command_of("timeout", &timed);
        cmd.env(
            "PATH",
            format!(
                "{}:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
                self.podman_dir().display()
            ),
        );
        for (k, v) in &self.envs {
            cmd.env(k, v);
        }
        cmd
    }

    /// Runs a program that calls `podman` (see `tool_command`) and returns its output.
    pub fn run_tool(&self, timeout: Duration, program: &str, args: &[&str]) -> Run {
        let output = self.tool_command(timeout, program, args).output().unwrap();
        Run {
            args: std::iter::once(program)
                .chain(args.iter().copied())
                .map(String::from)
                .collect(),
            output,
        }
    }

    /// Runs burrow as the test user and returns its output.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = self.command(args).output().unwrap();
        Run {
            args: args.iter().map(|s| s.to_string()).collect(),
            output,
        }
    }

    /// Runs burrow and insists it succeeds.
    pub fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        run.assert_code(0);
        run
    }

    pub fn spawn(&self, args: &[&str]) -> Child {
        self.command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    pub fn pull(&self, name: &str) -> Run {
        self.ok(&["pull", &image_ref(name)])
    }

    /// `inspect NAME` as JSON, insisting it succeeds.
    pub fn inspect(&self, name: &str) -> Value {
        self.ok(&["inspect", name]).json()[0].clone()
    }

    /// Layer directories of the store (excluding staging and lock files).
    pub fn layer_dirs(&self) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = fs::read_dir(self.graph_root().join("layers"))
            .map(|e| e.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        dirs.sort();
        dirs
    }

    /// What is left in layers/ besides complete layers: staging or removal leftovers.
    pub fn leftovers(&self) -> Vec<PathBuf> {
        self.layer_dirs()
            .into_iter()
            .filter(|p| p.file_name().unwrap().to_string_lossy().contains('.'))
            .collect()
    }

    /// The diff directory of a layer, by diff ID.
    pub fn layer_diff(&self, diff_id: &str) -> PathBuf {
        let hex = diff_id.trim_start_matches("sha256:");
        self.graph_root()
            .join("layers")
            .join(&hex[..16])
            .join("diff")
    }

    /// Host UID that a container UID must map to for this user.
    pub fn host_uid(&self, container_uid: u32) -> u32 {
        if container_uid == 0 {
            self.user.uid
        } else {
            self.user
                .subuid_start
                .expect("user has a subordinate range")
                + container_uid
                - 1
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        // Detached containers outlive the commands that started them: end them and their
        // monitors before their home goes.
        if self.graph_root().join("containers").exists() {
            let _ = self
                .command(&["rm", "-a", "-f", "-t", "0"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
        let _ = fs::remove_dir_all(&self.dir);
    }
}

pub struct Run {
    pub args: Vec<String>,
    pub output: Output,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }

    pub fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code(),
            code,
            "burrow {:?} exited {}\nstdout:\n{}\nstderr:\n{}",
            self.args,
            self.code(),
            self.stdout(),
            self.stderr()
        );
        self
    }

    /// Asserts a failure with exit code `code` whose stderr contains every fragment.
    pub fn assert_error(&self, code: i32, fragments: &[&str]) -> &Run {
        self.assert_code(code);
        let err = self.stderr();
        assert!(
            err.starts_with("Error: ") || err.contains("\nError: "),
            "no podman-style error line: {err}"
        );
        for f in fragments {
            assert!(
                err.contains(f),
                "stderr of burrow {:?} lacks {f:?}:\n{err}",
                self.args
            );
        }
        self
    }

    /// `assert_error`, and the error is all of stderr, on one line: a script reading stderr
    /// line by line sees one message.
    pub fn assert_one_line_error(&self, code: i32, fragments: &[&str]) -> &Run {
        self.assert_error(code, fragments);
        let err = self.stderr();
        assert!(
            err.starts_with("Error: ") && err.ends_with('\n') && err.lines().count() == 1,
            "stderr of burrow {:?} is not one error line:\n{err}",
            self.args
        );
        self
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout())
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout()))
    }
}

/// A sandbox for the test user with the busybox fixture pulled.
pub fn sandbox_with_busybox() -> Sandbox {
    let sb = Sandbox::new();
    sb.pull("busybox:latest");
    sb
}

/// Whether a process runs (exists and is not a zombie waiting for a reaper).
pub fn alive(pid: impl Into<i64>) -> bool {
    std::fs::read_to_string(format!("/proc/{}/stat", pid.into()))
        .map(|s| {
            let state = s.rsplit(')').next().unwrap_or("").split_whitespace().next();
            !matches!(state, Some("Z") | Some("X"))
        })
        .unwrap_or(false)
}

/// Polls `condition` until it holds or `timeout` passes.
pub fn wait_for(what: &str, timeout: Duration, mut condition: impl FnMut() -> bool) {
    let start = Instant::now();
    while !condition() {
        assert!(
            start.elapsed() < timeout,
            "timed out after {timeout:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Host view of a path's owner.
pub fn owner(path: &Path) -> (u32, u32) {
    let m = fs::symlink_metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (m.uid(), m.gid())
}

/// One entry of the merged view that the kernel's overlayfs shows for a stack of layers.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct MergedEntry {
    pub kind: char,
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub size: u64,
    pub link: String,
    pub inode: u64,
    pub sha256: Option<String>,
    pub xattrs: std::collections::BTreeMap<String, String>,
}

const LIST_TREE: &str = r#"
import hashlib, json, os, stat, sys
root = sys.argv[1]
out = {}
for d, dirs, files in os.walk(root):
    for name in dirs + files:
        p = os.path.join(d, name)
        st = os.lstat(p)
        kind = {stat.S_IFREG: "f", stat.S_IFDIR: "d", stat.S_IFLNK: "l", stat.S_IFIFO: "p", stat.S_IFCHR: "c"}.get(stat.S_IFMT(st.st_mode), "?")
        e = {"kind": kind, "mode": stat.S_IMODE(st.st_mode), "uid": st.st_uid, "gid": st.st_gid,
             "size": st.st_size, "link": os.readlink(p) if kind == "l" else "", "inode": st.st_ino,
             "sha256": None, "xattrs": {}}
        if kind == "f":
            with open(p, "rb") as f:
                e["sha256"] = hashlib.sha256(f.read()).hexdigest()
        if kind in "fd":
            for x in os.listxattr(p, follow_symlinks=False):
                if x.startswith("user.") and not x.startswith("user.overlay."):
                    e["xattrs"][x] = os.getxattr(p, x, follow_symlinks=False).decode()
        out[os.path.relpath(p, root)] = e
print(json.dumps(out))
"#;

/// Mounts the layers (bottom first) with the real overlayfs, as burrow's containers will, in a
/// private mount namespace, and lists every entry with its host-side owner and content hash.
pub fn merged_view(layers: &[PathBuf]) -> std::collections::BTreeMap<String, MergedEntry> {
    let lower: Vec<String> = layers
        .iter()
        .rev()
        .map(|p| p.display().to_string())
        .collect();
    let script = format!(
        "set -e; m=$(mktemp -d); mount -t overlay overlay -o userxattr,lowerdir={} \"$m\"; python3 -c \"$0\" \"$m\"",
        lower.join(":")
    );
    let out = Command::new("unshare")
        .args([
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            &script,
            LIST_TREE,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "overlay mount failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A terminal for burrow: the test holds the master, burrow gets the slave as its controlling
/// terminal, and everything burrow's container prints is collected.
pub struct Terminal {
    pub master: std::fs::File,
    pub output: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Terminal {
    pub fn spawn(sb: &Sandbox, args: &[&str]) -> (Terminal, Child) {
        use std::os::fd::AsRawFd;
        use std::os::unix::process::CommandExt;
        let size = nix::pty::Winsize {
            ws_row: 30,
            ws_col: 100,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let pty = nix::pty::openpty(Some(&size), None).unwrap();
        let slave = std::fs::File::from(pty.slave);
        let mut cmd = sb.command(args);
        cmd.stdin(slave.try_clone().unwrap())
            .stdout(slave.try_clone().unwrap())
            .stderr(slave.try_clone().unwrap());
        let slave_fd = slave.as_raw_fd();
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                nix::unistd::setsid()?;
                if libc::ioctl(slave_fd, libc::TIOCSCTTY, 0) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().unwrap();
        drop(slave);
        let master = std::fs::File::from(pty.master);
        let output = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let mut reader = master.try_clone().unwrap();
        let sink = output.clone();
        std::thread::spawn(move || {
            use std::io::Read;
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        (Terminal { master, output }, child)
    }

    pub fn type_text(&mut self, text: &str) {
        use std::io::Write;
        self.master.write_all(text.as_bytes()).unwrap();
    }

    pub fn wait_for(&self, text: &str) {
        wait_for(
            &format!("{text:?} on the terminal"),
            Duration::from_secs(30),
            || self.output.lock().unwrap().contains(text),
        );
    }

    pub fn resize(&self, rows: u16, cols: u16) {
        use std::os::fd::AsRawFd;
        let size = nix::pty::Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: TIOCSWINSZ reads a valid winsize struct.
        let rc = unsafe { libc::ioctl(self.master.as_raw_fd(), libc::TIOCSWINSZ, &size) };
        assert_eq!(rc, 0);
    }

    /// Whether the terminal is in canonical (cooked) mode, as burrow must leave it.
    pub fn cooked(&self) -> bool {
        let mode = nix::sys::termios::tcgetattr(&self.master).unwrap();
        mode.local_flags
            .contains(nix::sys::termios::LocalFlags::ICANON)
    }
}

/// Gives the program `cmd` starts `three` and `four` as its descriptors 3 and 4 (for the
/// `--preserve-fds` tests).
pub fn pass_as_3_and_4(cmd: &mut Command, three: &std::fs::File, four: &std::fs::File) {
    use std::os::fd::AsRawFd;
    let (three_fd, four_fd) = (three.as_raw_fd(), four.as_raw_fd());
    // SAFETY: fcntl and dup2 are async-signal-safe; the caller keeps the files open until the
    // command has started. Copied high first, so neither source is overwritten before it is used.
    unsafe {
        cmd.pre_exec(move || {
            let a = libc::fcntl(three_fd, libc::F_DUPFD_CLOEXEC, 100);
            let b = libc::fcntl(four_fd, libc::F_DUPFD_CLOEXEC, 100);
            if a < 0 || b < 0 || libc::dup2(a, 3) < 0 || libc::dup2(b, 4) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}
