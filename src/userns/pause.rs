//! The shared user namespace: one per user and boot, held open by a process that only sleeps
//! (podman's pause process), so burrow joins it with one setns instead of running the setuid
//! newuidmap and newgidmap for every command and every container.
//!
//! The holder also keeps a mount namespace (owned by its user namespace), as podman's does: the
//! one `burrow unshare` joins, so that `burrow mount` there outlives the command.
//!
//! `<run root>/pause.pid` names the holder and its namespaces' inodes (`PID USER MOUNT`); a join
//! opens /proc/PID/ns/* and checks the inode before using it, so a reused pid is never trusted.
//! The holder is burrow itself, executed as `burrow-pause` (see `is_pause_invocation`).

use std::fs;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};

use nix::sched::{CloneFlags, setns};

use super::{Identity, UsernsError, write_mappings};

/// argv[0] of the holder process.
pub const PAUSE_NAME: &str = "burrow-pause";

fn setup_err(what: &'static str) -> impl FnOnce(std::io::Error) -> UsernsError {
    move |source| UsernsError::Pause { what, source }
}

/// Whether this process was started as the holder.
pub fn is_pause_invocation() -> bool {
    std::env::args_os()
        .next()
        .is_some_and(|arg0| arg0 == PAUSE_NAME)
}

/// The holder's life: sleep until killed. Signals that would end it by accident (a hangup of
/// a terminal it never had, ^C in the shell that started burrow) are ignored.
pub fn pause_forever() -> ! {
    use nix::sys::signal::{SigHandler, Signal, signal};
    for s in [
        Signal::SIGHUP,
        Signal::SIGINT,
        Signal::SIGQUIT,
        Signal::SIGPIPE,
    ] {
        // SAFETY: SIG_IGN installs no handler code, so nothing can run in signal context.
        let _ = unsafe { signal(s, SigHandler::SigIgn) };
    }
    loop {
        nix::unistd::pause();
    }
}

/// Opens the recorded namespace if it is still held: `PID INODE` in the pid file.
fn open_recorded(pid_file: &Path) -> Option<OwnedFd> {
    let text = fs::read_to_string(pid_file).ok()?;
    let mut words = text.split_whitespace();
    let pid: i32 = words.next()?.parse().ok()?;
    let inode: u64 = words.next()?.parse().ok()?;
    let file = fs::File::open(format!("/proc/{pid}/ns/user")).ok()?;
    (file.metadata().ok()?.ino() == inode).then(|| file.into())
}

/// Starts a holder with the user's mapping; returns its namespace.
fn start_holder(id: &Identity, pid_file: &Path) -> Result<OwnedFd, UsernsError> {
    let mut command = Command::new("/proc/self/exe");
    command
        .arg0(PAUSE_NAME)
        .current_dir("/")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // SAFETY: setsid and unshare are async-signal-safe system calls; nothing else runs between
    // fork and exec, and burrow is single-threaded here (the caller's duty, as for `enter`).
    unsafe {
        command.pre_exec(|| {
            nix::unistd::setsid()?;
            nix::sched::unshare(CloneFlags::CLONE_NEWUSER | CloneFlags::CLONE_NEWNS)?;
            Ok(())
        });
    }
    let child = command
        .spawn()
        .map_err(setup_err("start the pause process"))?;
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    // spawn returns after the exec, so the namespace exists; it gets its maps from here.
    if let Err(e) = write_mappings(pid, id) {
        let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
        return Err(e);
    }
    let ns = fs::File::open(format!("/proc/{pid}/ns/user"))
        .map_err(setup_err("open the pause process's namespace"))?;
    let inode = ns
        .metadata()
        .map_err(setup_err("inspect the pause process's namespace"))?
        .ino();
    let mount_inode = fs::metadata(format!("/proc/{pid}/ns/mnt"))
        .map_err(setup_err("inspect the pause process's mount namespace"))?
        .ino();
    crate::store::write_replace(
        pid_file,
        format!("{pid} {inode} {mount_inode}\n").as_bytes(),
    )
    .map_err(setup_err("write the pause process's pid file"))?;
    // The holder is not waited for: it outlives this burrow by design, and init reaps it.
    drop(child);
    Ok(ns.into())
}

/// Joins the user's shared namespace, starting its holder first if there is none.
///
/// Must run before any other thread exists (setns of a user namespace requires it).
pub fn join_shared(id: &Identity, run_root: &Path) -> Result<(), UsernsError> {
    // The pid file says which namespace to join: only a directory that is the user's own and
    // closed to others may say so (under /tmp another user could have made it first).
    crate::store::ensure_private_run_root(run_root).map_err(setup_err("use the run directory"))?;
    let pid_file = run_root.join("pause.pid");
    let ns = match open_recorded(&pid_file) {
        Some(ns) => ns,
        None => {
            let _lock = crate::store::Lock::exclusive(&run_root.join("pause.lock"))
                .map_err(setup_err("lock the pause process's pid file"))?;
            // Another burrow may have started one while this one waited.
            match open_recorded(&pid_file) {
                Some(ns) => ns,
                None => start_holder(id, &pid_file)?,
            }
        }
    };
    setns(ns.as_fd(), CloneFlags::CLONE_NEWUSER).map_err(|e| UsernsError::Pause {
        what: "join the shared user namespace",
        source: e.into(),
    })
}

/// Joins the mount namespace of the holder whose user namespace this process has joined.
///
/// Must run before any other thread exists.
pub fn join_mounts(run_root: &Path) -> Result<(), UsernsError> {
    let pid_file = run_root.join("pause.pid");
    let text =
        fs::read_to_string(&pid_file).map_err(setup_err("read the pause process's pid file"))?;
    let words: Vec<&str> = text.split_whitespace().collect();
    let [pid, user, mount] = words[..] else {
        // Written by a burrow whose holder kept no mount namespace.
        return Err(UsernsError::OldPause);
    };
    let file = fs::File::open(format!("/proc/{pid}/ns/mnt"))
        .map_err(setup_err("open the pause process's mount namespace"))?;
    let still =
        |path: String, inode: &str| fs::metadata(path).is_ok_and(|m| m.ino().to_string() == inode);
    // Checked after opening: the pid still names the holder, so the namespace is its.
    if !still(format!("/proc/{pid}/ns/user"), user)
        || file.metadata().map(|m| m.ino().to_string()).ok().as_deref() != Some(mount)
    {
        return Err(UsernsError::Pause {
            what: "join the pause process's mount namespace",
            source: std::io::Error::other(
                "the pause process ended meanwhile; run the command again",
            ),
        });
    }
    setns(file.as_fd(), CloneFlags::CLONE_NEWNS).map_err(|e| UsernsError::Pause {
        what: "join the pause process's mount namespace",
        source: e.into(),
    })
}

/// Whether the caller's mount namespace is the recorded holder's.
pub fn holds_current_mounts(run_root: &Path) -> bool {
    let Ok(text) = fs::read_to_string(run_root.join("pause.pid")) else {
        return false;
    };
    let ours = fs::metadata("/proc/self/ns/mnt").map(|m| m.ino().to_string());
    text.split_whitespace()
        .nth(2)
        .is_some_and(|inode| ours.is_ok_and(|o| o == inode))
}

/// Ends the holder recorded under `run_root`, if it still holds the namespace it recorded,
/// and forgets it: the next burrow starts a new one with the maps /etc/subuid gives then
/// (podman's `system migrate`). Containers still running in the old namespace keep it alive.
/// Returns the pid that was killed.
pub fn stop_holder(run_root: &Path) -> Result<Option<i32>, UsernsError> {
    if !run_root.join("pause.pid").exists() {
        return Ok(None);
    }
    crate::store::check_private_dir(run_root).map_err(setup_err("use the run directory"))?;
    // Held while the holder goes, so that no burrow joins it meanwhile.
    let _lock = crate::store::Lock::exclusive(&run_root.join("pause.lock"))
        .map_err(setup_err("lock the pause process's pid file"))?;
    let pid_file = run_root.join("pause.pid");
    let killed = holder_pidfd(&pid_file).map(|(pid, pidfd)| {
        // Already gone is as good as killed.
        let _ = rustix::process::pidfd_send_signal(&pidfd, rustix::process::Signal::KILL);
        pid
    });
    match fs::remove_file(&pid_file) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(setup_err("remove the pause process's pid file")(e));
        }
        _ => {}
    }
    Ok(killed)
}

/// A pidfd on the recorded holder, checked after opening to be in the recorded namespace,
/// so that a reused pid is never signalled.
fn holder_pidfd(pid_file: &Path) -> Option<(i32, OwnedFd)> {
    let text = fs::read_to_string(pid_file).ok()?;
    let mut words = text.split_whitespace();
    let pid: i32 = words.next()?.parse().ok()?;
    let inode: u64 = words.next()?.parse().ok()?;
    let raw = rustix::process::Pid::from_raw(pid)?;
    let pidfd = rustix::process::pidfd_open(raw, rustix::process::PidfdFlags::empty()).ok()?;
    let ns = fs::metadata(format!("/proc/{pid}/ns/user")).ok()?;
    (ns.ino() == inode).then_some((pid, pidfd))
}
