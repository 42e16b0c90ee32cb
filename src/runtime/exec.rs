//! `exec`: a new process in a running container.
//!
//! burrow itself joins the container's namespaces, all in one setns(2) on a pidfd of the
//! container's first process (`join_container`), so what follows happens in the container: its
//! /etc/passwd is read where the container sees it (`read_container_file`) and a terminal comes
//! from its own devpts. Then `spawn` forks, since a PID namespace is entered only by children,
//! and the child gets what the container's process got (`process::apply_and_exec`, without the
//! hostname) and execs. As for `run`, a failure before exec comes back over the launch channel
//! and a successful exec closes it; the caller then waits with `Foreground::wait`.
//!
//! No other thread may run: setns into a user namespace refuses a multi-threaded caller, and
//! fork copies only the calling thread.

use std::io::Read;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;

use nix::sched::CloneFlags;
use nix::sys::signal::{SigSet, SigmaskHow, sigprocmask};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork};
use oci_spec::runtime::Process;

use super::channel::{Channel, Message};
use super::{
    Foreground, ProcessHandle, RuntimeError, console, console_err, forwarded, process, relay,
};

/// The namespaces a container may have, by their names under /proc/PID/ns. One setns(2) joins
/// them in the kernel's order (user first), each checked with the credentials the user
/// namespace gives.
const NAMESPACES: [(&str, CloneFlags); 7] = [
    ("user", CloneFlags::CLONE_NEWUSER),
    ("mnt", CloneFlags::CLONE_NEWNS),
    ("pid", CloneFlags::CLONE_NEWPID),
    ("net", CloneFlags::CLONE_NEWNET),
    ("ipc", CloneFlags::CLONE_NEWIPC),
    ("uts", CloneFlags::CLONE_NEWUTS),
    ("cgroup", CloneFlags::CLONE_NEWCGROUP),
];

/// The most `read_container_file` reads: far more than any passwd or group file.
const FILE_LIMIT: u64 = 4 << 20;

fn setup(what: impl Into<String>) -> impl FnOnce(nix::Error) -> RuntimeError {
    let what = what.into();
    move |e| RuntimeError::Setup {
        what,
        source: e.into(),
    }
}

/// A namespace's identity: the device and inode of its nsfs file.
fn namespace_id(path: &str) -> std::io::Result<(u64, u64)> {
    std::fs::metadata(path).map(|m| (m.dev(), m.ino()))
}

/// The namespaces of process `pid` that are not burrow's own. Only those are joined: a
/// container run with `--network host` has no network namespace to join, and setns refuses to
/// "join" the user namespace the caller already is in.
fn namespaces_to_join(pid: i32) -> Result<CloneFlags, RuntimeError> {
    let mut flags = CloneFlags::empty();
    for (name, flag) in NAMESPACES {
        let ours = match namespace_id(&format!("/proc/self/ns/{name}")) {
            Ok(id) => id,
            // A kernel without this kind of namespace: nobody has one to join.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => {
                return Err(RuntimeError::Setup {
                    what: format!("read burrow's {name} namespace"),
                    source,
                });
            }
        };
        let theirs = namespace_id(&format!("/proc/{pid}/ns/{name}")).map_err(|source| {
            RuntimeError::Setup {
                what: format!("read the {name} namespace of the container's process {pid}"),
                source,
            }
        })?;
        if ours != theirs {
            flags |= flag;
        }
    }
    Ok(flags)
}

/// Moves burrow into the namespaces of the container whose first process is `target` (`pid`
/// in burrow's PID namespace). From here on, paths resolve in the container's root and
/// processes burrow forks are in its PID namespace; there is no way back.
pub fn join_container(target: &ProcessHandle, pid: i32) -> Result<(), RuntimeError> {
    let flags = namespaces_to_join(pid)?;
    if flags.is_empty() {
        return Ok(());
    }
    nix::sched::setns(target.as_fd(), flags).map_err(|e| RuntimeError::Setup {
        what: format!(
            "join the namespaces of the container's process {pid} (setns on its pidfd; \
             burrow needs Linux 5.8 or newer and must run as the container's owner)"
        ),
        source: e.into(),
    })
}

/// Reads a small text file of the container, after `join_container`. `None` when it is
/// missing or not a regular file (a FIFO or device planted there neither blocks nor floods).
pub fn read_container_file(path: &Path) -> Result<Option<String>, RuntimeError> {
    let failed = |source| RuntimeError::Setup {
        what: format!("read {} in the container", path.display()),
        source,
    };
    let file = match std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(failed(e)),
    };
    if !file.metadata().map_err(failed)?.is_file() {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    file.take(FILE_LIMIT)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

/// What to start in the joined container.
pub struct ExecLaunch<'a> {
    /// The container's ID, for the errors that name it.
    pub container_id: &'a str,
    /// The planned process (`spec::exec_process`); with `terminal` set it gets a pty.
    pub process: &'a Process,
    /// The filter to install (None: unconfined, as with `--privileged`).
    pub seccomp: Option<&'a [seccompiler::BpfProgram]>,
    /// Pass burrow's standard input (`-i`); without it the process reads /dev/null.
    pub stdin: bool,
    /// With a terminal and `-i`: the keys that detach from it and leave the process running
    /// (`--detach-keys`; empty: none).
    pub detach_keys: Vec<u8>,
    /// Start it in the background (`-d`): stdio on /dev/null, a child of the container's PID 1
    /// rather than of burrow, and no terminal.
    pub detach: bool,
    /// Descriptors 3 to 3+N-1 of burrow are passed on (`--preserve-fds`); the caller checked
    /// they are open. Every other descriptor above 2 closes on exec.
    pub preserve_fds: u32,
}

/// Starts the process in the container joined by `join_container`, returning once it has
/// exec'd: the process to wait for, or `None` when detached.
pub fn spawn(launch: &ExecLaunch) -> Result<Option<Foreground>, RuntimeError> {
    let (parent, child) = Channel::pair().map_err(|e| RuntimeError::Setup {
        what: "create the launch channel".into(),
        source: e,
    })?;
    let wants_terminal = launch.process.terminal().unwrap_or(false) && !launch.detach;
    let pty = if wants_terminal {
        Some(open_terminal(launch.process)?)
    } else {
        None
    };
    // As in `start`: blocked before the process exists, so a signal that arrives while it
    // starts is forwarded by `Foreground::wait` rather than killing burrow.
    let mut caller_mask = SigSet::empty();
    sigprocmask(
        SigmaskHow::SIG_BLOCK,
        Some(&forwarded()),
        Some(&mut caller_mask),
    )
    .map_err(setup("block signals"))?;
    let spawned = spawn_blocked(launch, parent, child, pty);
    if spawned.is_err() || launch.detach {
        let _ = sigprocmask(SigmaskHow::SIG_SETMASK, Some(&caller_mask), None);
    }
    spawned
}

/// A pty from the container's devpts (burrow is in its mount namespace), sized like burrow's
/// terminal before the program starts.
fn open_terminal(process: &Process) -> Result<(OwnedFd, OwnedFd), RuntimeError> {
    let (master, slave) = console::open_pty().map_err(console_err)?;
    if let Ok(Some((rows, columns))) = relay::terminal_size(std::io::stdin().as_fd()) {
        console::set_terminal_size(master.as_fd(), rows, columns).map_err(console_err)?;
    }
    // The slave belongs to its opener, the container's root; the process's user gets it, as
    // a login would, so it can reopen its own terminal by name. A user the container does not
    // map keeps root's: the process still has its descriptors.
    let uid = nix::unistd::Uid::from_raw(process.user().uid());
    let _ = nix::unistd::fchown(&slave, Some(uid), None);
    Ok((master, slave))
}

fn spawn_blocked(
    launch: &ExecLaunch,
    mut parent: Channel,
    child: Channel,
    pty: Option<(OwnedFd, OwnedFd)>,
) -> Result<Option<Foreground>, RuntimeError> {
    let (master, slave) = match pty {
        Some((master, slave)) => (Some(master), Some(slave)),
        None => (None, None),
    };
    // Until it execs, the child is a copy of burrow's memory (its environment included) inside
    // the container's PID namespace: non-dumpable, the container's processes cannot read it
    // through /proc or ptrace. exec makes the program dumpable again.
    let _ = nix::sys::prctl::set_dumpable(false);
    // SAFETY: burrow is single-threaded here (setns into the user namespace would have failed
    // otherwise), so the child's copy of memory holds no lock another thread owned; the child
    // only runs `child_side`, which ends in exec or _exit and never returns into burrow.
    let forked = unsafe { fork() };
    if let Ok(ForkResult::Child) = forked {
        drop(parent);
        drop(master);
        let code = if launch.detach {
            detached_child(launch, child)
        } else {
            exec_child(launch, child, slave)
        };
        // SAFETY: _exit ends the child without running burrow's destructors or flushing its
        // buffers, which belong to the burrow process it was forked from.
        unsafe { libc::_exit(code) }
    }
    let _ = nix::sys::prctl::set_dumpable(true);
    let ForkResult::Parent { child: pid } = forked.map_err(setup("fork the exec process"))? else {
        unreachable!("the child never gets here");
    };
    drop(child);
    drop(slave);
    match parent.receive() {
        // End-of-file: every copy of the child's end closed, the last on exec. With -d the
        // intermediate stays as the process's parent; burrow leaves it to its own end.
        Ok(None) if launch.detach => Ok(None),
        Ok(None) => Ok(Some(Foreground {
            pid,
            console: master,
            stdin: launch.stdin,
            detach_keys: launch.detach_keys.clone(),
        })),
        // A failed process (or, with -d, the intermediate that reaps it) ends at once.
        other => Err(super::launch_failure(pid, other, "exec process")),
    }
}

/// The child's side: stdio, descriptors, then the process itself. Returns the exit status
/// after reporting a failure.
fn exec_child(launch: &ExecLaunch, mut channel: Channel, slave: Option<OwnedFd>) -> i32 {
    let result = (|| -> Result<std::convert::Infallible, RuntimeError> {
        // Nothing blocked in the container's processes, whatever burrow had blocked.
        sigprocmask(SigmaskHow::SIG_SETMASK, Some(&SigSet::empty()), None)
            .map_err(setup("clear the signal mask"))?;
        match slave {
            // A session of its own with the pty as controlling terminal and stdio.
            Some(slave) => console::make_controlling_terminal(slave).map_err(console_err)?,
            None => {
                // A session of its own, as conmon gives it: a ^C on burrow's terminal reaches
                // burrow, which forwards it once, not the process a second time.
                nix::unistd::setsid().map_err(setup("start a new session"))?;
                if launch.detach {
                    null_stdio()?;
                } else if !launch.stdin {
                    super::detach_stdin()?;
                }
            }
        }
        pass_descriptors(launch.preserve_fds)?;
        process::apply_and_exec(launch.process, launch.seccomp, false, launch.container_id)
    })();
    let error = result.unwrap_err();
    let _ = channel.send(&Message::Failed {
        message: error.to_string(),
        code: error.exit_code(),
    });
    i32::from(error.exit_code())
}

/// `-d`: forks the real process and reports once it has exec'd (or failed); burrow returns
/// then, and this process stays in the container as the exec'd process's parent until it ends
/// (it is never burrow's child, and never a zombie of the container's PID 1).
fn detached_child(launch: &ExecLaunch, mut channel: Channel) -> i32 {
    let report = |channel: &mut Channel, error: RuntimeError| {
        let _ = channel.send(&Message::Failed {
            message: error.to_string(),
            code: error.exit_code(),
        });
        i32::from(error.exit_code())
    };
    // Its write end closes when the process execs; a failed one writes a byte first, so it
    // is waited for (its end of the pipe closes before it can be reaped).
    let (exec_seen, exec_marker) = match nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC) {
        Ok(pair) => pair,
        Err(e) => return report(&mut channel, setup("create a pipe")(e)),
    };
    // SAFETY: this process is single-threaded (forked from single-threaded burrow); the child
    // ends in exec or _exit.
    match unsafe { fork() } {
        Ok(ForkResult::Child) => {
            drop(exec_seen);
            let code = exec_child(launch, channel, None);
            let _ = nix::unistd::write(&exec_marker, b"!");
            // SAFETY: as for the first child, burrow's destructors are not this process's.
            unsafe { libc::_exit(code) }
        }
        Ok(ForkResult::Parent { child }) => {
            drop(channel);
            drop(exec_marker);
            let mut byte = [0u8; 1];
            let failed = loop {
                match nix::unistd::read(&exec_seen, &mut byte) {
                    Err(nix::Error::EINTR) => continue,
                    Ok(n) => break n > 0,
                    Err(_) => break false,
                }
            };
            if !failed {
                // Stays as the process's parent, as podman's per-exec conmon does, so the
                // process is reaped when it ends even under a PID 1 that reaps nothing. It
                // holds nothing of the caller's meanwhile: no stdio, no other descriptor.
                let _ = null_stdio();
                // SAFETY: close_range only closes descriptors; none above 2 is used from here.
                unsafe {
                    libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, 0u32);
                }
            }
            let _ = waitpid(child, None);
            0
        }
        Err(e) => report(&mut channel, setup("fork the exec process")(e)),
    }
}

/// Standard input, output and error on /dev/null, for a process nobody attends.
fn null_stdio() -> Result<(), RuntimeError> {
    let null = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
        .map_err(|e| RuntimeError::Setup {
            what: "open /dev/null in the container".into(),
            source: e,
        })?;
    nix::unistd::dup2_stdin(&null).map_err(setup("redirect standard input"))?;
    nix::unistd::dup2_stdout(&null).map_err(setup("redirect standard output"))?;
    nix::unistd::dup2_stderr(&null).map_err(setup("redirect standard error"))
}

/// Descriptors 3 to 3+count-1 stay open across exec; every one above closes on exec.
fn pass_descriptors(count: u32) -> Result<(), RuntimeError> {
    let first_closed = 3u32.saturating_add(count);
    for fd in 3..first_closed {
        // SAFETY: F_SETFD only changes the descriptor's close-on-exec flag; the caller checked
        // that each passed descriptor is open, and no Rust object here owns these numbers.
        if unsafe { libc::fcntl(fd as i32, libc::F_SETFD, 0) } != 0 {
            return Err(RuntimeError::Setup {
                what: format!("pass file descriptor {fd}"),
                source: std::io::Error::last_os_error(),
            });
        }
    }
    super::close_inherited(first_closed).map_err(|source| RuntimeError::Setup {
        what: "mark burrow's other descriptors close-on-exec (close_range, Linux 5.11)".into(),
        source,
    })
}

/// Whether descriptor `fd` is open in burrow (for `--preserve-fds`).
pub fn descriptor_is_open(fd: i32) -> bool {
    // SAFETY: F_GETFD only reads the descriptor's flags.
    unsafe { libc::fcntl(fd, libc::F_GETFD) != -1 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::AsRawFd;

    #[test]
    fn a_process_shares_every_namespace_with_itself_and_its_child() {
        let me = std::process::id() as i32;
        assert_eq!(namespaces_to_join(me).unwrap(), CloneFlags::empty());
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let flags = namespaces_to_join(child.id() as i32);
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(flags.unwrap(), CloneFlags::empty());
        // A process that is gone has no namespaces to read.
        assert!(namespaces_to_join(child.id() as i32).is_err());
    }

    #[test]
    fn container_files_are_read_only_when_regular() {
        let dir = tempfile::tempdir().unwrap();
        let passwd = dir.path().join("passwd");
        std::fs::write(&passwd, "root:x:0:0::/root:/bin/sh\n").unwrap();
        assert_eq!(
            read_container_file(&passwd).unwrap().as_deref(),
            Some("root:x:0:0::/root:/bin/sh\n")
        );
        assert_eq!(read_container_file(&dir.path().join("none")).unwrap(), None);
        // A FIFO neither blocks the read nor counts as the file.
        let fifo = dir.path().join("fifo");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
        assert_eq!(read_container_file(&fifo).unwrap(), None);
        assert_eq!(read_container_file(dir.path()).unwrap(), None);
        // A device that never ends is not read at all.
        assert_eq!(read_container_file(Path::new("/dev/zero")).unwrap(), None);
    }

    #[test]
    fn open_descriptors_are_told_from_closed_ones() {
        let file = tempfile::tempfile().unwrap();
        let fd = file.as_raw_fd();
        assert!(descriptor_is_open(fd));
        drop(file);
        assert!(!descriptor_is_open(fd));
    }
}
