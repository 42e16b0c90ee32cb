//! Starting a container's network helper against its namespace while the container waits to
//! exec, and ending it with the container.
//!
//! The helper is the monitor's child, with a parent-death signal: it ends when the monitor
//! stops it after the container's end, and also when the monitor itself is killed (pasta would
//! otherwise hold the namespace forever; slirp4netns also watches its exit descriptor, which
//! only the monitor holds).

use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};

use super::{
    NetworkConfig, NetworkError, NetworkMode, SlirpOptions, check_ports_free, find_helper,
    pasta_args, slirp_hostfwd_requests, slirp4netns_args,
};

/// How long a helper may take to configure the namespace.
const READY_TIMEOUT: Duration = Duration::from_secs(15);

/// Fixed descriptor numbers in the helper.
const NETNS_FD: RawFd = 3;
const READY_FD: RawFd = 4;
const EXIT_FD: RawFd = 5;
const USERNS_FD: RawFd = 6;

/// A running helper; dropping it ends it.
pub struct Helper {
    name: &'static str,
    /// Taken by `stop`, which hands it on unreaped.
    child: Option<Child>,
    /// slirp4netns ends when this, the only write end of its exit pipe, closes.
    exit_fd: Option<OwnedFd>,
    /// It listens on published host ports, which must be free again once the container's
    /// end is reported (a script may publish the same port from its next container).
    holds_ports: bool,
}

impl Helper {
    pub fn pid(&self) -> u32 {
        self.child.as_ref().map_or(0, Child::id)
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Kills the helper, and waits for its end only if it holds host ports: otherwise
    /// nothing of it can be seen outside the container, and the kernel's teardown of its tap
    /// device (RCU grace periods, ~20 ms) need not delay the container's end. A child not
    /// yet gone comes back for `Ending::reap`; whatever is left when the monitor exits is
    /// reaped by its reaper.
    pub fn stop(mut self) -> Option<Child> {
        self.exit_fd.take();
        let mut child = self.child.take()?;
        let _ = child.kill();
        if self.holds_ports {
            let _ = child.wait();
            return None;
        }
        match child.try_wait() {
            Ok(None) => Some(child),
            _ => None,
        }
    }
}

impl Drop for Helper {
    fn drop(&mut self) {
        self.exit_fd.take();
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Helpers killed but maybe not yet reaped.
#[derive(Default)]
pub struct Ending(Vec<Child>);

impl Ending {
    pub fn push(&mut self, helper: Helper) {
        self.0.extend(helper.stop());
    }

    /// Reaps the ones that are gone by now.
    pub fn reap(&mut self) {
        self.0
            .retain_mut(|child| matches!(child.try_wait(), Ok(None)));
    }
}

fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> NetworkError {
    NetworkError::io(what)
}

/// A duplicate above the fixed numbers, so the child's dup2 onto them never clobbers a source.
fn high(fd: impl AsFd) -> Result<OwnedFd, NetworkError> {
    nix::fcntl::fcntl(fd.as_fd(), nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(10))
        // SAFETY: F_DUPFD_CLOEXEC returned a new descriptor that nothing else owns.
        .map(|raw| unsafe { OwnedFd::from_raw_fd(raw) })
        .map_err(|e| io("duplicate a descriptor")(e.into()))
}

/// The user's own ID on the host (the monitor is root in burrow's user namespace).
fn host_uid() -> u32 {
    std::fs::read_to_string("/proc/self/uid_map")
        .ok()
        .and_then(|map| {
            map.lines().find_map(|l| {
                let f: Vec<u32> = l
                    .split_whitespace()
                    .filter_map(|w| w.parse().ok())
                    .collect();
                (f.len() == 3 && f[0] == 0).then(|| f[1])
            })
        })
        .unwrap_or_else(|| nix::unistd::getuid().as_raw())
}

fn check_tun(helper: &'static str) -> Result<(), NetworkError> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/net/tun")
        .map(drop)
        .map_err(|e| NetworkError::TunUnusable {
            uid: host_uid(),
            helper,
            reason: e.to_string(),
        })
}

/// Starts the helper the configuration names for the namespace of process `pid` (a container
/// built and waiting to exec) and returns once the namespace is configured and its ports
/// forwarded; none for networks without a helper.
pub fn attach(
    config: &NetworkConfig,
    pid: i32,
    run_dir: &Path,
) -> Result<Option<Helper>, NetworkError> {
    begin(config, pid, run_dir)?
        .map(Pending::finish)
        .transpose()
}

/// A helper started against a namespace, not yet known to have configured it.
pub struct Pending {
    spawned: Spawned,
    log_path: PathBuf,
    /// slirp4netns: its network's options and the run directory that holds its API socket.
    slirp: Option<(SlirpOptions, PathBuf)>,
    ports: Vec<super::PortMapping>,
}

impl Pending {
    /// Waits until the namespace is configured, then forwards slirp4netns's ports.
    pub fn finish(mut self) -> Result<Helper, NetworkError> {
        self.spawned.wait_ready(&self.log_path)?;
        if let Some((options, run_dir)) = &self.slirp {
            let guest = super::slirp_addressing(options, None).ip;
            let dir =
                std::fs::File::open(run_dir).map_err(io(format!("open {}", run_dir.display())))?;
            let socket = PathBuf::from(format!(
                "/proc/self/fd/{}/slirp4netns.sock",
                dir.as_raw_fd()
            ));
            for request in slirp_hostfwd_requests(&self.ports, &guest) {
                slirp_request(&socket, &request)?;
            }
        }
        Ok(self.spawned.helper)
    }
}

/// Starts the helper without waiting for it: `Pending::finish` waits.
pub fn begin(
    config: &NetworkConfig,
    pid: i32,
    run_dir: &Path,
) -> Result<Option<Pending>, NetworkError> {
    let (name, package) = match &config.mode {
        NetworkMode::Pasta(_) => ("pasta", "passt"),
        NetworkMode::Slirp4netns(_) => ("slirp4netns", "slirp4netns"),
        _ => return Ok(None),
    };
    let binary = find_helper(name).ok_or(NetworkError::HelperMissing {
        helper: name,
        package,
    })?;
    check_tun(name)?;
    check_ports_free(&config.ports)?;
    let netns_path = format!("/proc/{pid}/ns/net");
    let netns = std::fs::File::open(&netns_path).map_err(io(format!("open {netns_path}")))?;
    let log_path = run_dir.join(format!("{name}.log"));
    let log =
        std::fs::File::create(&log_path).map_err(io(format!("create {}", log_path.display())))?;
    let netns_arg = format!("/proc/self/fd/{NETNS_FD}");
    // A container in a user namespace of its own (keep-id and other mappings) owns its network
    // namespace from there, and the helper must join it to configure the interface; one in
    // the monitor's own must not be named (joining one's own user namespace fails).
    let userns = own_user_namespace(pid)?;
    let userns_arg = userns
        .as_ref()
        .map(|_| format!("/proc/self/fd/{USERNS_FD}"));
    match &config.mode {
        NetworkMode::Pasta(options) => {
            let ready_arg = format!("/proc/self/fd/{READY_FD}");
            let args = pasta_args(
                &config.ports,
                options,
                config.mac_address.as_deref(),
                &netns_arg,
                userns_arg.as_deref(),
                &ready_arg,
            );
            let mut spawned = spawn(name, &binary, &args, netns, userns, log, None, None)?;
            spawned.helper.holds_ports = !config.ports.is_empty();
            Ok(Some(Pending {
                spawned,
                log_path,
                slirp: None,
                ports: Vec::new(),
            }))
        }
        NetworkMode::Slirp4netns(options) => {
            let options = SlirpOptions::parse(options)?;
            // A relative socket path in the run directory: the full one may exceed the 108
            // bytes a socket address holds.
            let args = slirp4netns_args(
                &options,
                config.mac_address.as_deref(),
                &netns_arg,
                userns_arg.as_deref(),
                READY_FD,
                EXIT_FD,
                "slirp4netns.sock",
            );
            let _ = std::fs::remove_file(run_dir.join("slirp4netns.sock"));
            let (exit_read, exit_write) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)
                .map_err(|e| io("create a pipe")(e.into()))?;
            let mut spawned = spawn(
                name,
                &binary,
                &args,
                netns,
                userns,
                log,
                Some(exit_read),
                Some(run_dir),
            )?;
            spawned.helper.exit_fd = Some(exit_write);
            spawned.helper.holds_ports = !config.ports.is_empty();
            Ok(Some(Pending {
                spawned,
                log_path,
                slirp: Some((options, run_dir.to_path_buf())),
                ports: config.ports.clone(),
            }))
        }
        _ => Ok(None),
    }
}

/// A helper started, not yet known to be ready.
struct Spawned {
    helper: Helper,
    ready: OwnedFd,
}

/// The container's user namespace, open, when it is not the caller's own.
fn own_user_namespace(pid: i32) -> Result<Option<std::fs::File>, NetworkError> {
    use std::os::unix::fs::MetadataExt;
    let path = format!("/proc/{pid}/ns/user");
    let theirs = std::fs::File::open(&path).map_err(io(format!("open {path}")))?;
    let ours = std::fs::metadata("/proc/self/ns/user").map_err(io("stat /proc/self/ns/user"))?;
    let meta = theirs.metadata().map_err(io(format!("stat {path}")))?;
    Ok(((meta.dev(), meta.ino()) != (ours.dev(), ours.ino())).then_some(theirs))
}

#[allow(clippy::too_many_arguments)]
fn spawn(
    name: &'static str,
    binary: &Path,
    args: &[String],
    netns: std::fs::File,
    userns: Option<std::fs::File>,
    log: std::fs::File,
    exit_read: Option<OwnedFd>,
    cwd: Option<&Path>,
) -> Result<Spawned, NetworkError> {
    let (ready_read, ready_write) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)
        .map_err(|e| io("create a pipe")(e.into()))?;
    // Each descriptor the helper gets, moved above the numbers it is given as, then put there.
    let mut given = vec![(high(&netns)?, NETNS_FD), (high(&ready_write)?, READY_FD)];
    if let Some(read) = &exit_read {
        given.push((high(read)?, EXIT_FD));
    }
    if let Some(userns) = &userns {
        given.push((high(userns)?, USERNS_FD));
    }
    let raw: Vec<(RawFd, RawFd)> = given.iter().map(|(f, to)| (f.as_raw_fd(), *to)).collect();
    let parent = std::process::id() as i32;
    let mut command = Command::new(binary);
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(log))
        .current_dir(cwd.unwrap_or(Path::new("/")));
    // SAFETY: between fork and exec only async-signal-safe calls run (prctl, getppid,
    // sigprocmask, dup2, close_range), and the monitor is single-threaded; `raw` is read,
    // never allocated, in the child.
    unsafe {
        command.pre_exec(move || {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // The monitor may have died before the signal was armed.
            if libc::getppid() != parent {
                return Err(std::io::Error::other("the monitor is gone"));
            }
            // The monitor blocks the signals it handles; a helper starts with none blocked.
            let mut empty: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut empty);
            libc::sigprocmask(libc::SIG_SETMASK, &empty, std::ptr::null_mut());
            // Nothing else of the monitor's (the container's pipes, its lock) may stay open
            // in the helper; the descriptors it is given are put in place after, by dup2,
            // which leaves them open across exec.
            libc::syscall(
                libc::SYS_close_range,
                3u32,
                u32::MAX,
                libc::CLOSE_RANGE_CLOEXEC,
            );
            for &(from, to) in &raw {
                if libc::dup2(from, to) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            Ok(())
        });
    }
    let child = command
        .spawn()
        .map_err(io(format!("run {}", binary.display())))?;
    Ok(Spawned {
        helper: Helper {
            name,
            child: Some(child),
            exit_fd: None,
            holds_ports: false,
        },
        ready: ready_read,
    })
}

impl Spawned {
    /// Waits until the helper reports the namespace configured (pasta writes its pid,
    /// slirp4netns "1"), or fails with what it logged.
    fn wait_ready(&mut self, log_path: &Path) -> Result<(), NetworkError> {
        let deadline = Instant::now() + READY_TIMEOUT;
        let mut got = Vec::new();
        let mut file = std::fs::File::from(self.ready.try_clone().map_err(io("read a pipe"))?);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(self.failure(log_path, "it did not report ready in time"));
            }
            let mut fds = [PollFd::new(self.ready.as_fd(), PollFlags::POLLIN)];
            let timeout = PollTimeout::try_from(left.as_millis().min(60_000) as i32)
                .unwrap_or(PollTimeout::MAX);
            match poll(&mut fds, timeout) {
                Ok(0) | Err(nix::errno::Errno::EINTR) => continue,
                Ok(_) => {}
                Err(e) => return Err(io("wait for the network helper")(e.into())),
            }
            let mut buf = [0u8; 64];
            match file.read(&mut buf) {
                Ok(0) => return Err(self.failure(log_path, "it ended before it was ready")),
                Ok(n) => {
                    got.extend_from_slice(&buf[..n]);
                    let done = match self.helper.name {
                        "pasta" => got.contains(&b'\n'),
                        _ => got.contains(&b'1'),
                    };
                    if done {
                        return Ok(());
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(io("read the network helper's report")(e)),
            }
        }
    }

    /// The helper's own error lines (without its complaints about syslog), after it ended.
    fn failure(&mut self, log_path: &Path, fallback: &str) -> NetworkError {
        let status = self.helper.child.take().and_then(|mut child| {
            let _ = child.kill();
            child.wait().ok()
        });
        let text = std::fs::read_to_string(log_path).unwrap_or_default();
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.contains("to syslog"))
            .collect();
        let message = if lines.is_empty() {
            match status {
                Some(s) if s.code().is_some() => format!("{fallback} ({s})"),
                _ => fallback.to_string(),
            }
        } else {
            lines.join("; ")
        };
        NetworkError::HelperFailed {
            helper: self.helper.name,
            message,
        }
    }
}

/// One request on slirp4netns's API socket; its error answer becomes ours.
fn slirp_request(socket: &Path, request: &serde_json::Value) -> Result<(), NetworkError> {
    let failed = |message: String| NetworkError::HelperFailed {
        helper: "slirp4netns",
        message,
    };
    let mut stream = std::os::unix::net::UnixStream::connect(socket)
        .map_err(|e| failed(format!("cannot connect to its API socket: {e}")))?;
    stream
        .write_all(request.to_string().as_bytes())
        .and_then(|()| stream.shutdown(std::net::Shutdown::Write))
        .map_err(|e| failed(format!("cannot send {request}: {e}")))?;
    let mut reply = String::new();
    stream
        .read_to_string(&mut reply)
        .map_err(|e| failed(format!("cannot read its answer: {e}")))?;
    let value: serde_json::Value = serde_json::from_str(&reply).unwrap_or_default();
    if let Some(error) = value.get("error") {
        let desc = error
            .get("desc")
            .and_then(|d| d.as_str())
            .unwrap_or("unknown error");
        let args = &request["arguments"];
        return Err(failed(format!(
            "cannot forward host port {}/{}: {desc}",
            args["host_port"],
            args["proto"].as_str().unwrap_or("tcp")
        )));
    }
    Ok(())
}
