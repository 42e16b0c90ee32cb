//! `cp`: files between a container and the host (or another container, or a tar stream on
//! standard input or output), as podman's cp copies them.
//!
//! A container's side runs in a forked child: for a running container it joins the
//! container's user and mount namespaces through its pidfd; for a stopped one it enters the
//! user namespace and mounts the container's overlay in a private mount namespace (under the
//! container's lock, so it cannot start meanwhile). The host's side stays in this process, as
//! the user, so what lands on the host is the user's. The sides exchange a tar stream over a
//! pipe; `copy` resolves every container path inside the container's root.

use std::fs::File;
use std::io::Read;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd, RawFd};

use nix::sched::CloneFlags;
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, Pid, fork};
use rustix::fs::OFlags;

use super::{ContainerError, Host, find, running_process};
use crate::copy::{self, CopyError, Extract, Owners, Root, plan};
use crate::runtime::Rootfs;
use crate::store::{ContainerLock, LookupError, Status, Store};

#[derive(Debug, thiserror::Error)]
pub enum CpError {
    #[error("invalid arguments {0:?}, {1:?}: you must specify paths")]
    NoPaths(String, String),
    /// podman's text when neither side names a container.
    #[error("name or ID cannot be empty")]
    NoContainer,
    #[error("container {0:?} does not exist")]
    NoSuchContainer(String),
    #[error(
        "copying from standard input to standard output is not supported: one side must be a container"
    )]
    StreamToStream,
    #[error(transparent)]
    Container(#[from] ContainerError),
    #[error(transparent)]
    Copy(#[from] CopyError),
    /// What a side running in a child process said went wrong.
    #[error("{0}")]
    Side(String),
    #[error("cannot start the copy's helper process: {0}")]
    Helper(#[source] nix::Error),
}

/// One end of a copy as the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Host(String),
    /// `-`: a tar stream on standard input or output.
    Stream,
    Container {
        key: String,
        path: String,
    },
}

impl Location {
    /// podman's reading: `NAME:PATH` names a container unless the argument starts with `.` or
    /// `/` (a host path that contains a colon).
    pub fn parse(arg: &str) -> Location {
        if arg == "-" {
            return Location::Stream;
        }
        if !arg.starts_with(['.', '/'])
            && let Some((key, path)) = arg.split_once(':')
        {
            return Location::Container {
                key: key.into(),
                path: path.into(),
            };
        }
        Location::Host(arg.into())
    }

    fn path(&self) -> &str {
        match self {
            Location::Host(p) | Location::Container { path: p, .. } => p,
            Location::Stream => "-",
        }
    }
}

/// What `cp` was asked.
#[derive(Debug, Clone)]
pub struct CopyRequest {
    pub source: Location,
    pub dest: Location,
    /// `--archive` (default): what is copied into a container belongs to its process user.
    pub archive: bool,
    /// `--overwrite`: a directory may replace a file and a file a directory.
    pub overwrite: bool,
}

/// A container side, ready to be entered.
struct ContainerSide {
    name: String,
    path: String,
    access: Access,
    /// The container's process user, as the container sees it.
    user: (u32, u32),
}

enum Access {
    Running {
        pidfd: OwnedFd,
        pid: i32,
    },
    /// The lock keeps the container from starting while its overlay is mounted here.
    Stopped {
        rootfs: Box<Rootfs>,
        _lock: Option<Box<ContainerLock>>,
    },
}

/// Copies as `request` says. Forks; must run single-threaded.
pub fn copy(store: &Store, host: &Host, request: &CopyRequest) -> Result<(), CpError> {
    let (src, dst) = (&request.source, &request.dest);
    if src.path().is_empty() || dst.path().is_empty() {
        return Err(CpError::NoPaths(
            display(&request.source),
            display(&request.dest),
        ));
    }
    let names_container = |l: &Location| matches!(l, Location::Container { .. });
    if !names_container(src) && !names_container(dst) {
        return Err(match (src, dst) {
            (Location::Stream, Location::Stream) => CpError::StreamToStream,
            _ => CpError::NoContainer,
        });
    }
    let contents = plan::wants_contents(src.path());
    let src_side = open_side(store, host, src, None)?;
    let same = match (src, dst) {
        (Location::Container { key: a, .. }, Location::Container { key: b, .. }) => a == b,
        _ => false,
    };
    let dst_side = match (&src_side, same) {
        (Some(s), true) => Some(reopen(s, dst.path())?),
        _ => open_side(store, host, dst, None)?,
    };
    let owners = |side: &ContainerSide| {
        if request.archive {
            Owners::Fixed {
                uid: side.user.0,
                gid: side.user.1,
            }
        } else {
            Owners::FromArchive
        }
    };
    let extract = |dest: &str, stream: bool, owners: Owners| Extract {
        dest: dest.to_owned(),
        stream,
        contents,
        owners,
        overwrite: request.overwrite,
    };
    match (src, src_side, dst, dst_side) {
        // Out of a container onto standard output: the child writes it there itself.
        (_, Some(from), Location::Stream, _) => {
            let path = from.path.clone();
            let child = in_container(host, &from, &[], move |root| {
                copy::write_archive(root, &path, std::io::stdout().lock(), &same_ids)
            })?;
            child.wait().map_err(CpError::Side)
        }
        // From standard input into a container: the child reads it there itself.
        (Location::Stream, None, _, Some(to)) => {
            let how = extract(&to.path, true, owners(&to));
            let child = in_container(host, &to, &[], move |root| {
                copy::extract_archive(root, std::io::stdin().lock(), &how)
            })?;
            child.wait().map_err(CpError::Side)
        }
        (_, Some(from), Location::Host(dest), None) => {
            let (read, write) = pipe()?;
            let path = from.path.clone();
            let child = in_container(host, &from, &[read.as_raw_fd()], move |root| {
                copy::write_archive(root, &path, File::from(write), &same_ids)
            })?;
            let how = extract(dest, false, Owners::Caller);
            let ours = copy::extract_archive(&Root::host(), File::from(read), &how);
            settle(child.wait(), ours.map_err(|e| e.to_string()))
        }
        (Location::Host(source), None, _, Some(to)) => {
            let (read, write) = pipe()?;
            let how = extract(&to.path, false, owners(&to));
            let child = in_container(host, &to, &[write.as_raw_fd()], move |root| {
                copy::extract_archive(root, File::from(read), &how)
            })?;
            let identity = host.identity.clone();
            let ids = move |uid, gid| {
                (
                    map_into(&identity.uid_map, uid),
                    map_into(&identity.gid_map, gid),
                )
            };
            let ours = copy::write_archive(&Root::host(), source, File::from(write), &ids);
            settle(ours.map_err(|e| e.to_string()), child.wait())
        }
        (_, Some(from), _, Some(to)) => {
            let (read, write) = pipe()?;
            let how = extract(&to.path, false, owners(&to));
            let path = from.path.clone();
            let producer = in_container(host, &from, &[read.as_raw_fd()], move |root| {
                copy::write_archive(root, &path, File::from(write), &same_ids)
            })?;
            let consumer = in_container(host, &to, &[], move |root| {
                copy::extract_archive(root, File::from(read), &how)
            })?;
            let consumed = consumer.wait();
            settle(producer.wait(), consumed)
        }
        _ => Err(CpError::NoContainer),
    }
}

fn display(l: &Location) -> String {
    match l {
        Location::Host(p) => p.clone(),
        Location::Stream => "-".into(),
        Location::Container { key, path } => format!("{key}:{path}"),
    }
}

fn same_ids(uid: u32, gid: u32) -> (u32, u32) {
    (uid, gid)
}

/// A host ID as the user namespace numbers it (`--archive=false` keeps the source's owners,
/// and the user's own files are root's in there); unmapped IDs become the overflow ID.
fn map_into(maps: &[crate::userns::IdMap], id: u32) -> u32 {
    maps.iter()
        .find(|m| id >= m.host_id && id - m.host_id < m.size)
        .map_or(65534, |m| m.container_id + (id - m.host_id))
}

/// One error out of the two sides: the producer's (it reads the files), unless it only saw
/// the consumer stop reading (a broken pipe), in which case the consumer says why.
fn settle(producer: Result<(), String>, consumer: Result<(), String>) -> Result<(), CpError> {
    let broken = |e: &String| e.contains("roken pipe");
    match (producer, consumer) {
        (Err(e), _) if !broken(&e) => Err(CpError::Side(e)),
        (_, Err(e)) | (Err(e), Ok(())) => Err(CpError::Side(e)),
        (Ok(()), Ok(())) => Ok(()),
    }
}

fn pipe() -> Result<(OwnedFd, OwnedFd), CpError> {
    nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(CpError::Helper)
}

fn io_to_nix(e: &std::io::Error) -> nix::Error {
    nix::Error::from_raw(e.raw_os_error().unwrap_or(libc::EIO))
}

fn reopen(side: &ContainerSide, path: &str) -> Result<ContainerSide, CpError> {
    // The same container on both ends: one lock, one view, entered twice.
    let access = match &side.access {
        Access::Running { pidfd, pid } => Access::Running {
            pidfd: pidfd
                .try_clone()
                .map_err(|e| CpError::Helper(io_to_nix(&e)))?,
            pid: *pid,
        },
        Access::Stopped { rootfs, .. } => Access::Stopped {
            rootfs: rootfs.clone(),
            _lock: None,
        },
    };
    Ok(ContainerSide {
        name: side.name.clone(),
        path: path.to_owned(),
        access,
        user: side.user,
    })
}

fn open_side(
    store: &Store,
    host: &Host,
    location: &Location,
    _: Option<()>,
) -> Result<Option<ContainerSide>, CpError> {
    let Location::Container { key, path } = location else {
        return Ok(None);
    };
    if key.is_empty() {
        return Err(CpError::NoContainer);
    }
    let container = match find(store, host, key) {
        Ok(c) => c,
        Err(ContainerError::Lookup(LookupError::NotFound(_))) => {
            return Err(CpError::NoSuchContainer(key.clone()));
        }
        Err(e) => return Err(e.into()),
    };
    let (spec, _) = super::read_saved(store, &container)?;
    let user = spec
        .process()
        .as_ref()
        .map_or((0, 0), |p| (p.user().uid(), p.user().gid()));
    let name = key.clone();
    let running = |c: &crate::store::Container| {
        running_process(&c.state).and_then(|p| p.open().map(|h| (h.into_fd(), p.pid)))
    };
    if let Some((handle, pid)) = running(&container) {
        return Ok(Some(ContainerSide {
            name,
            path: path.clone(),
            access: Access::Running { pidfd: handle, pid },
            user,
        }));
    }
    let id = container.record.id.clone();
    let lock = store
        .lock_container(&id)
        .map_err(ContainerError::from)?
        .ok_or_else(|| CpError::NoSuchContainer(key.clone()))?;
    // Started while we waited for the lock?
    let container = store
        .container(&id)
        .map_err(ContainerError::from)?
        .ok_or_else(|| CpError::NoSuchContainer(key.clone()))?;
    if container.state.status == Status::Running
        && let Some((handle, pid)) = running(&container)
    {
        drop(lock);
        return Ok(Some(ContainerSide {
            name,
            path: path.clone(),
            access: Access::Running { pidfd: handle, pid },
            user,
        }));
    }
    let rootfs = Box::new(super::load(store, container)?.rootfs);
    Ok(Some(ContainerSide {
        name,
        path: path.clone(),
        access: Access::Stopped {
            rootfs,
            _lock: Some(Box::new(lock)),
        },
        user,
    }))
}

/// A forked side of the copy; it reports its error as text on a pipe.
struct Child {
    pid: Pid,
    errors: File,
}

impl Child {
    fn wait(mut self) -> Result<(), String> {
        let mut message = String::new();
        let _ = self.errors.read_to_string(&mut message);
        loop {
            match waitpid(self.pid, None) {
                Ok(WaitStatus::Exited(_, 0)) => return Ok(()),
                Ok(WaitStatus::Exited(..)) if !message.is_empty() => return Err(message),
                Err(nix::Error::EINTR) => continue,
                Ok(WaitStatus::Exited(..)) | Ok(_) | Err(_) => {
                    return Err("the copy's helper process ended unexpectedly".into());
                }
            }
        }
    }
}

/// Runs `work` in a forked child inside the container's root (see the module comment),
/// having closed `close` (the ends of pipes the child must not hold).
fn in_container(
    host: &Host,
    side: &ContainerSide,
    close: &[RawFd],
    work: impl FnOnce(&Root) -> Result<(), CopyError>,
) -> Result<Child, CpError> {
    let (errors_read, errors_write) = pipe()?;
    // SAFETY: burrow's CLI is single-threaded (the caller's duty), so the child's copy of
    // memory holds no lock of another thread; it leaves through _exit.
    match unsafe { fork() }.map_err(CpError::Helper)? {
        ForkResult::Child => {
            drop(errors_read);
            for fd in close {
                // SAFETY: these are pipe ends this process owns; the parent keeps its copies.
                drop(unsafe { OwnedFd::from_raw_fd(*fd) });
            }
            let result = enter(host, side).and_then(|root| work(&root).map_err(|e| e.to_string()));
            let code = match result {
                Ok(()) => 0,
                Err(message) => {
                    let mut errors = File::from(errors_write);
                    let _ = std::io::Write::write_all(&mut errors, message.as_bytes());
                    1
                }
            };
            // SAFETY: _exit skips atexit handlers and destructors that belong to the parent.
            unsafe { libc::_exit(code) }
        }
        ForkResult::Parent { child } => Ok(Child {
            pid: child,
            errors: File::from(errors_read),
        }),
    }
}

/// In the child: the container's root, entered as the module comment says.
fn enter(host: &Host, side: &ContainerSide) -> Result<Root, String> {
    match &side.access {
        Access::Running { pidfd, pid } => {
            let mut flags = CloneFlags::CLONE_NEWNS;
            if namespace_differs("user", *pid) {
                flags |= CloneFlags::CLONE_NEWUSER;
            }
            nix::sched::setns(pidfd.as_fd(), flags).map_err(|e| {
                format!(
                    "cannot join the mount namespace of container {}: {e}; is it still running?",
                    side.name
                )
            })?;
            // setns moved our root and working directory to the container's.
            let root = rustix::fs::open(
                "/",
                OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
                rustix::fs::Mode::empty(),
            )
            .map_err(|e| format!("cannot open the root of container {}: {e}", side.name))?;
            Root::container(root, &side.name).map_err(|e| e.to_string())
        }
        Access::Stopped { rootfs, .. } => {
            crate::userns::enter_shared(&host.identity, &host.run_root)
                .map_err(|e| e.to_string())?;
            // A mount namespace of this child's own: the overlay goes away with it.
            nix::sched::unshare(CloneFlags::CLONE_NEWNS)
                .and_then(|()| {
                    nix::mount::mount(
                        None::<&str>,
                        "/",
                        None::<&str>,
                        nix::mount::MsFlags::MS_REC | nix::mount::MsFlags::MS_PRIVATE,
                        None::<&str>,
                    )
                })
                .map_err(|e| format!("cannot make a mount namespace for the copy: {e}"))?;
            crate::runtime::mount_overlay(rootfs).map_err(|e| {
                format!(
                    "cannot mount the file system of container {}: {e}",
                    side.name
                )
            })?;
            let root = rustix::fs::open(
                &rootfs.merged,
                OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
                rustix::fs::Mode::empty(),
            )
            .map_err(|e| format!("cannot open the root of container {}: {e}", side.name))?;
            Root::container(root, &side.name).map_err(|e| e.to_string())
        }
    }
}

/// Whether the process `pid` is in another `kind` namespace than ours (setns refuses to
/// "join" the user namespace the caller is already in).
fn namespace_differs(kind: &str, pid: i32) -> bool {
    use std::os::unix::fs::MetadataExt;
    let ino = |p: String| std::fs::metadata(p).map(|m| (m.dev(), m.ino())).ok();
    ino(format!("/proc/self/ns/{kind}")) != ino(format!("/proc/{pid}/ns/{kind}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_read_as_podman_reads_them() {
        assert_eq!(
            Location::parse("ctr:/etc"),
            Location::Container {
                key: "ctr".into(),
                path: "/etc".into()
            }
        );
        assert_eq!(Location::parse("./a:b"), Location::Host("./a:b".into()));
        assert_eq!(Location::parse("/a:b"), Location::Host("/a:b".into()));
        assert_eq!(Location::parse("file"), Location::Host("file".into()));
        assert_eq!(Location::parse("-"), Location::Stream);
    }

    #[test]
    fn host_ids_are_numbered_as_the_namespace_sees_them() {
        let maps = [
            crate::userns::IdMap {
                container_id: 0,
                host_id: 1000,
                size: 1,
            },
            crate::userns::IdMap {
                container_id: 1,
                host_id: 100000,
                size: 65536,
            },
        ];
        assert_eq!(map_into(&maps, 1000), 0);
        assert_eq!(map_into(&maps, 100000), 1);
        assert_eq!(map_into(&maps, 5), 65534);
    }
}
