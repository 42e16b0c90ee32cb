//! The user namespace: who the caller is, which subordinate IDs they own, and how burrow becomes
//! root with the user's full mapping so it can own files as the image says.

mod pause;
mod subid;

pub use pause::{is_pause_invocation, pause_forever, stop_holder};

pub use subid::{IdMap, SubRange, map_args, plan_mapping, ranges_for, to_container, to_host};

use std::fs;
use std::io::{Read, Write};
use std::process::Command;

use nix::sched::{CloneFlags, unshare};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, Pid, fork, getegid, geteuid, getpid};

const SUBUID_FILE: &str = "/etc/subuid";
const SUBGID_FILE: &str = "/etc/subgid";

#[derive(Debug, thiserror::Error)]
pub enum UsernsError {
    #[error(
        "cannot create a user namespace: {0}; unprivileged user namespaces are disabled on this host: ask an administrator to set sysctl user.max_user_namespaces=15000 (and kernel.unprivileged_userns_clone=1 or, on Ubuntu, kernel.apparmor_restrict_unprivileged_userns=0)"
    )]
    Unshare(nix::Error),
    #[error(
        "{tool} not found: install the uidmap package (apt-get install uidmap) to use subordinate IDs"
    )]
    ToolMissing { tool: &'static str },
    #[error(
        "{tool} failed to set the ID mapping ({detail}); check the ranges for user \"{user}\" in {file} and that {tool} is setuid root (ls -l /usr/bin/{tool})"
    )]
    MapFailed {
        tool: &'static str,
        user: String,
        file: &'static str,
        detail: String,
    },
    #[error("cannot write {what} for the single-ID user namespace: {source}")]
    SelfMap {
        what: &'static str,
        source: std::io::Error,
    },
    #[error(
        "internal error: the user namespace must be entered before any thread starts ({threads} running)"
    )]
    Threads { threads: usize },
    #[error("cannot set up a mount namespace in the user namespace: {0}")]
    MountNs(nix::Error),
    #[error("cannot set up the ID-mapping helper: {0}")]
    Helper(nix::Error),
    #[error(
        "the pause process holding your user namespace was started by an older burrow and keeps no mount namespace: run `burrow system migrate` and try again"
    )]
    OldPause,
    #[error("cannot {what}: {source}")]
    Pause {
        what: &'static str,
        source: std::io::Error,
    },
}

/// The caller and the ID mappings their containers and storage use.
#[derive(Debug, Clone)]
pub struct Identity {
    pub uid: u32,
    pub gid: u32,
    pub name: String,
    pub uid_map: Vec<IdMap>,
    pub gid_map: Vec<IdMap>,
}

impl Identity {
    /// Reads who the caller is and their subordinate ranges. Missing files count as no ranges.
    pub fn detect() -> Identity {
        let (uid, gid) = unshare_user().unwrap_or((geteuid().as_raw(), getegid().as_raw()));
        let name = uzers::get_user_by_uid(uid)
            .map(|u| u.name().to_string_lossy().into_owned())
            .unwrap_or_else(|| uid.to_string());
        if uid == 0 {
            // Root needs no namespace: the host's own IDs are the storage's IDs.
            let all = vec![IdMap {
                container_id: 0,
                host_id: 0,
                size: u32::MAX,
            }];
            return Identity {
                uid,
                gid,
                name,
                uid_map: all.clone(),
                gid_map: all,
            };
        }
        let read = |path| fs::read_to_string(path).unwrap_or_default();
        let uid_ranges = ranges_for(&read(SUBUID_FILE), Some(&name), uid);
        let gid_ranges = ranges_for(&read(SUBGID_FILE), Some(&name), uid);
        Identity {
            uid,
            gid,
            uid_map: plan_mapping(uid, &uid_ranges),
            gid_map: plan_mapping(gid, &gid_ranges),
            name,
        }
    }

    pub fn rootless(&self) -> bool {
        self.uid != 0
    }

    /// True when the user has no subordinate range, so only their own ID is mapped.
    pub fn single_id(&self) -> bool {
        self.uid_map.len() == 1 && self.uid_map[0].size == 1
            || self.gid_map.len() == 1 && self.gid_map[0].size == 1
    }

    /// The advice printed when the user has no subordinate range.
    pub fn single_id_warning(&self) -> String {
        format!(
            "no subordinate IDs for user \"{name}\" in {SUBUID_FILE} or {SUBGID_FILE}: only your own ID is mapped, so images with files owned by other users will fail; ask an administrator to run: usermod --add-subuids 100000-165535 --add-subgids 100000-165535 {name}",
            name = self.name
        )
    }
}

fn thread_count() -> usize {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Threads:"))
                .and_then(|n| n.trim().parse().ok())
        })
        .unwrap_or(1)
}

/// Moves the calling process into a new user namespace in which it is root and the user's
/// subordinate IDs are mapped, so storage can be written with the image's ownership.
///
/// Must run before any other thread exists: `unshare(CLONE_NEWUSER)` fails in a threaded process
/// and the fork below would copy locks held by other threads.
pub fn enter(id: &Identity) -> Result<(), UsernsError> {
    if !id.rootless() {
        return Ok(());
    }
    let threads = thread_count();
    if threads != 1 {
        return Err(UsernsError::Threads { threads });
    }
    if id.single_id() {
        unshare(CloneFlags::CLONE_NEWUSER).map_err(UsernsError::Unshare)?;
        return write_self_map(id);
    }
    enter_with_helper(id)
}

/// Becomes root in a user namespace with the user's full mapping: the user's shared one (held
/// by the pause process under `run_root`), or, if that cannot be had, a new one of its own.
///
/// Must run before any other thread exists.
pub fn enter_shared(id: &Identity, run_root: &std::path::Path) -> Result<(), UsernsError> {
    if inside(id) {
        // Under `burrow unshare`: already root in the user's namespace.
        return Ok(());
    }
    if !id.rootless() || id.single_id() {
        return enter(id);
    }
    match pause::join_shared(id, run_root) {
        Ok(()) => Ok(()),
        Err(e) => {
            tracing::debug!("using a user namespace of our own: {e}");
            enter(id)
        }
    }
}

/// Set by `burrow unshare` for the command it runs: the user (`UID:GID`) whose namespace it is,
/// so that a burrow run there knows whose store and run directory to use.
pub const UNSHARE_USER_ENV: &str = "_BURROW_UNSHARE_USER";

/// The user whose namespace this process is root in, when it runs under `burrow unshare`. The
/// variable alone is not believed (it could be left over in a root shell of the host): the
/// namespace's own maps must give the user's IDs to root.
pub fn unshare_user() -> Option<(u32, u32)> {
    let value = std::env::var(UNSHARE_USER_ENV).ok()?;
    let (uid, gid) = value.split_once(':')?;
    let (uid, gid): (u32, u32) = (uid.parse().ok()?, gid.parse().ok()?);
    let root_is = |file: &str, id: u32| {
        fs::read_to_string(file)
            .ok()
            .is_some_and(|map| subid::root_maps_to(&map, id))
    };
    (uid != 0
        && geteuid().is_root()
        && root_is("/proc/self/uid_map", uid)
        && root_is("/proc/self/gid_map", gid))
    .then_some((uid, gid))
}

/// The user burrow works for: the caller, or under `burrow unshare` the user who ran it.
pub fn caller_uid() -> u32 {
    unshare_user().map_or_else(|| geteuid().as_raw(), |(uid, _)| uid)
}

/// Becomes root in the user's shared user namespace (as [`enter_shared`]) and in the mount
/// namespace its holder keeps, for a command the user runs there (`burrow unshare`): mounts made
/// there (`burrow mount`) stay for the next `burrow unshare`, as podman's do, and the host's
/// mounts still reach it. Without a holder, a mount namespace of its own.
///
/// Must run before any other thread exists.
pub fn enter_for_command(id: &Identity, run_root: &std::path::Path) -> Result<(), UsernsError> {
    if inside(id) {
        return Ok(());
    }
    if id.rootless() && !id.single_id() && pause::join_shared(id, run_root).is_ok() {
        match pause::join_mounts(run_root) {
            Ok(()) => return Ok(()),
            // The command still runs, with mounts of its own (as before holders kept one).
            Err(e) => tracing::warn!("{e}"),
        }
    }
    enter_shared(id, run_root)?;
    unshare(CloneFlags::CLONE_NEWNS).map_err(UsernsError::MountNs)?;
    nix::mount::mount(
        None::<&str>,
        "/",
        None::<&str>,
        nix::mount::MsFlags::MS_REC | nix::mount::MsFlags::MS_SLAVE,
        None::<&str>,
    )
    .map_err(UsernsError::MountNs)
}

/// Whether this process is in the mount namespace the user's pause process keeps (where
/// `burrow mount` leaves its mounts).
pub fn in_shared_mounts(run_root: &std::path::Path) -> bool {
    pause::holds_current_mounts(run_root)
}

/// Whether the process is already root in a user namespace that maps `id`'s ranges (after
/// `enter_shared`), where a container can live without a user namespace of its own.
pub fn inside(id: &Identity) -> bool {
    id.rootless() && geteuid().is_root()
}

/// Runs `work` in a forked child that enters the user namespace, leaving the caller outside it
/// (a caller that still has to launch containers must stay there); returns what `work` said.
///
/// Must run with no other thread alive, like `enter`.
pub fn in_namespace(
    id: &Identity,
    run_root: &std::path::Path,
    work: impl FnOnce() -> bool,
) -> Result<bool, UsernsError> {
    // SAFETY: single-threaded (the caller's duty, and `enter` checks again in the child), so
    // the child's copy of memory holds no lock of another thread; it leaves through _exit.
    match unsafe { fork() }.map_err(UsernsError::Helper)? {
        ForkResult::Child => {
            let ok = enter_shared(id, run_root).is_ok() && work();
            // SAFETY: _exit skips atexit handlers and destructors that belong to the parent.
            unsafe { libc::_exit(if ok { 0 } else { 1 }) }
        }
        ForkResult::Parent { child } => loop {
            match waitpid(child, None) {
                Ok(nix::sys::wait::WaitStatus::Exited(_, code)) => return Ok(code == 0),
                Ok(_) => return Ok(false),
                Err(nix::Error::EINTR) => continue,
                Err(e) => return Err(UsernsError::Helper(e)),
            }
        },
    }
}

/// Without subordinate ranges a process may map its own IDs itself (setgroups must be denied).
fn write_self_map(id: &Identity) -> Result<(), UsernsError> {
    write_map_files("/proc/self", id)
}

/// Writes the single-ID maps of the process at `proc_dir` (its own, or a child's).
fn write_map_files(proc_dir: &str, id: &Identity) -> Result<(), UsernsError> {
    let write = |what: &'static str, text: String| {
        fs::write(format!("{proc_dir}/{what}"), text)
            .map_err(|source| UsernsError::SelfMap { what, source })
    };
    write("setgroups", "deny".into())?;
    write("uid_map", format!("0 {} 1\n", id.uid))?;
    write("gid_map", format!("0 {} 1\n", id.gid))
}

/// Writes the ID maps of the user namespace that `pid` (a child just cloned into it) lives
/// in, from burrow's own namespace: newuidmap/newgidmap for subordinate ranges, or the
/// single-ID maps directly.
pub fn write_mappings(pid: Pid, id: &Identity) -> Result<(), UsernsError> {
    if id.single_id() {
        write_map_files(&format!("/proc/{pid}"), id)
    } else {
        run_map_tools(pid, id).map_err(|f| f.into_error(id))
    }
}

/// The mapping of a namespace must be written from its parent namespace, and newuidmap (setuid
/// root) only works there; so a helper forked before `unshare` maps us while we wait.
fn enter_with_helper(id: &Identity) -> Result<(), UsernsError> {
    let (go_r, go_w) = nix::unistd::pipe().map_err(UsernsError::Helper)?;
    let (done_r, done_w) = nix::unistd::pipe().map_err(UsernsError::Helper)?;
    let target = getpid();
    // SAFETY: the process is single-threaded (checked by the caller), so the child's copy of the
    // address space has no lock held by another thread; the child only runs the map tools and
    // leaves through _exit.
    match unsafe { fork() }.map_err(UsernsError::Helper)? {
        ForkResult::Child => {
            drop(go_w);
            drop(done_r);
            let mut go = fs::File::from(go_r);
            let mut byte = [0u8; 1];
            let message = match go.read(&mut byte) {
                Ok(1) => run_map_tools(target, id)
                    .err()
                    .and_then(|f| serde_json::to_string(&f).ok()),
                // The parent could not unshare and closed the pipe: nothing to map.
                _ => None,
            };
            let mut done = fs::File::from(done_w);
            let _ = done.write_all(message.unwrap_or_default().as_bytes());
            // SAFETY: _exit skips atexit handlers and destructors that belong to the parent.
            unsafe { libc::_exit(0) }
        }
        ForkResult::Parent { child } => {
            drop(go_r);
            drop(done_w);
            let unshared = unshare(CloneFlags::CLONE_NEWUSER);
            let mut go = fs::File::from(go_w);
            if unshared.is_ok() {
                let _ = go.write_all(b"1");
            }
            drop(go);
            let mut message = String::new();
            let _ = fs::File::from(done_r).read_to_string(&mut message);
            let _ = waitpid(child, None);
            unshared.map_err(UsernsError::Unshare)?;
            if message.is_empty() {
                Ok(())
            } else {
                Err(serde_json::from_str::<MapFailure>(&message)
                    .map(|f| f.into_error(id))
                    .unwrap_or(UsernsError::MapFailed {
                        tool: "newuidmap",
                        user: id.name.clone(),
                        file: SUBUID_FILE,
                        detail: message,
                    }))
            }
        }
    }
}

/// A map-tool failure as the helper reports it over the pipe.
#[derive(serde::Serialize, serde::Deserialize)]
struct MapFailure {
    gid: bool,
    missing: bool,
    detail: String,
}

impl MapFailure {
    fn into_error(self, id: &Identity) -> UsernsError {
        let (tool, file) = if self.gid {
            ("newgidmap", SUBGID_FILE)
        } else {
            ("newuidmap", SUBUID_FILE)
        };
        if self.missing {
            return UsernsError::ToolMissing { tool };
        }
        UsernsError::MapFailed {
            tool,
            user: id.name.clone(),
            file,
            detail: self.detail,
        }
    }
}

fn run_map_tools(target: Pid, id: &Identity) -> Result<(), MapFailure> {
    for (gid, tool, maps) in [
        (false, "newuidmap", &id.uid_map),
        (true, "newgidmap", &id.gid_map),
    ] {
        let output = Command::new(tool)
            .arg(target.as_raw().to_string())
            .args(map_args(maps))
            .output();
        match output {
            Err(e) => {
                return Err(MapFailure {
                    gid,
                    missing: e.kind() == std::io::ErrorKind::NotFound,
                    detail: e.to_string(),
                });
            }
            Ok(out) if !out.status.success() => {
                return Err(MapFailure {
                    gid,
                    missing: false,
                    detail: String::from_utf8_lossy(&out.stderr).trim().to_string(),
                });
            }
            Ok(_) => {}
        }
    }
    Ok(())
}
