//! The burrow binary as containers may see it: a view of it that cannot be written.
//!
//! Every process that enters a container (the monitor, whose clone becomes the container, and
//! `exec`) runs from this view, never from the installed file: a container process can reach
//! the executable of any process in its PID namespace through /proc/PID/exe, and an image whose
//! entrypoint (or a program exec'd later, or a script's interpreter) is a symlink to
//! /proc/self/exe makes the container run burrow itself. Through the installed file, which a
//! rootless user owns and the container's root therefore may write, that is the
//! CVE-2019-5736 escape.
//!
//! As runc 1.2 does, the view is a file on an overlay with no upper directory (read-only at the
//! superblock, so no remount or clone of the mount can make it writable), mounted detached in a
//! throwaway user and mount namespace by a forked helper: about 0.3 ms, no copy. Where the
//! overlay cannot be made, a sealed memfd copy (F_SEAL_WRITE and friends) serves instead.

use std::ffi::{CString, OsString};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use rustix::fs::{Mode, OFlags};
use rustix::mount::{FsMountFlags, FsOpenFlags, MountAttrFlags, MoveMountFlags};

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error(
        "cannot make a read-only view of the burrow binary ({overlay}), nor a sealed copy of it: {copy}"
    )]
    Unavailable {
        overlay: String,
        copy: std::io::Error,
    },
    #[error("cannot re-execute burrow from its read-only view: {0}")]
    Reexec(std::io::Error),
}

/// overlayfs's statfs magic.
const OVERLAYFS_SUPER_MAGIC: i64 = 0x794c_7630;

/// An open, unwritable view of the running burrow binary.
pub struct SealedExe {
    file: OwnedFd,
}

impl SealedExe {
    /// Makes the view: the overlay, else a sealed copy.
    pub fn open() -> Result<SealedExe, SealError> {
        let overlay = match overlay_view() {
            Ok(file) => return Ok(SealedExe { file }),
            Err(e) => e,
        };
        tracing::debug!("no overlay view of the burrow binary ({overlay}); copying it");
        sealed_copy()
            .map(|file| SealedExe { file })
            .map_err(|copy| SealError::Unavailable { overlay, copy })
    }

    pub fn as_fd(&self) -> BorrowedFd<'_> {
        self.file.as_fd()
    }

    /// A path that executes the view in this process or a child forked from it (the kernel
    /// follows the descriptor, as fexecve does).
    pub fn exec_path(&self) -> PathBuf {
        PathBuf::from(format!("/proc/self/fd/{}", self.file.as_raw_fd()))
    }
}

/// Whether this process already runs from a view (it was started from one).
pub fn running_sealed() -> bool {
    let Ok(exe) = rustix::fs::open(
        "/proc/self/exe",
        OFlags::RDONLY | OFlags::CLOEXEC,
        Mode::empty(),
    ) else {
        return false;
    };
    if rustix::fs::fcntl_get_seals(&exe).is_ok_and(|s| s.contains(required_seals())) {
        return true;
    }
    rustix::fs::fstatfs(&exe).is_ok_and(|fs| {
        fs.f_type == OVERLAYFS_SUPER_MAGIC && fs.f_flags as u64 & libc::ST_RDONLY != 0
    })
}

/// Replaces this process with the same command run from a view, unless it already runs from
/// one. Must be called while single-threaded (it forks a helper).
pub fn reexec_sealed() -> Result<(), SealError> {
    if running_sealed() {
        return Ok(());
    }
    let exe = SealedExe::open()?;
    let program = CString::new(exe.exec_path().into_os_string().into_encoded_bytes())
        .expect("a /proc path has no NUL");
    let to_c = |s: OsString| CString::new(s.into_encoded_bytes()).ok();
    let args: Vec<CString> = std::env::args_os().filter_map(to_c).collect();
    let env: Vec<CString> = std::env::vars_os()
        .filter_map(|(k, v)| {
            let mut pair = k.into_encoded_bytes();
            pair.push(b'=');
            pair.extend_from_slice(v.as_bytes());
            CString::new(pair).ok()
        })
        .collect();
    let errno = nix::unistd::execve(&program, &args, &env).unwrap_err();
    Err(SealError::Reexec(errno.into()))
}

fn required_seals() -> rustix::fs::SealFlags {
    use rustix::fs::SealFlags;
    SealFlags::SEAL | SealFlags::SHRINK | SealFlags::GROW | SealFlags::WRITE
}

/// The running binary's path as the host sees it, split into its directory and name.
fn binary_location() -> std::io::Result<(PathBuf, OsString)> {
    let path = std::fs::read_link("/proc/self/exe")?;
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) if path.is_absolute() => Ok((dir.to_path_buf(), name.to_owned())),
        _ => Err(std::io::Error::other(format!(
            "the binary's path {} has no directory",
            path.display()
        ))),
    }
}

/// The overlay view, made by a forked helper (unsharing namespaces is for good, and this
/// process must stay where it is) and passed back over a socket.
fn overlay_view() -> Result<OwnedFd, String> {
    let (dir, name) = binary_location().map_err(|e| format!("cannot find the binary: {e}"))?;
    let ours = std::fs::metadata("/proc/self/exe").map_err(|e| e.to_string())?;
    let (parent, child) = std::os::unix::net::UnixStream::pair().map_err(|e| e.to_string())?;
    // SAFETY: callers are single-threaded (the helper's copy of memory holds no lock another
    // thread owned); the child only runs `make_overlay_view` and `_exit`s.
    match unsafe { nix::unistd::fork() }.map_err(|e| format!("cannot fork: {e}"))? {
        nix::unistd::ForkResult::Child => {
            drop(parent);
            let code = match make_overlay_view(&dir, &name) {
                Ok(file) => {
                    i32::from(super::console::send_fd(child.as_fd(), file.as_fd()).is_err())
                }
                Err(e) => {
                    use std::io::Write;
                    let _ = (&child).write_all(e.as_bytes());
                    1
                }
            };
            // SAFETY: _exit skips destructors that belong to the parent's copy of memory.
            unsafe { libc::_exit(code) }
        }
        nix::unistd::ForkResult::Parent { child: pid } => {
            drop(child);
            let received = super::console::receive_fd(parent.as_fd());
            let _ = nix::sys::wait::waitpid(pid, None);
            let file = match received {
                Ok(file) => file,
                Err(_) => {
                    use std::io::Read;
                    let mut why = String::new();
                    let _ = (&parent).read_to_string(&mut why);
                    return Err(if why.is_empty() {
                        "the helper sent nothing".into()
                    } else {
                        why
                    });
                }
            };
            // The file at that path may have been replaced since this process started (an
            // upgrade): only the very same binary will do.
            let seen = rustix::fs::fstat(&file).map_err(|e| e.to_string())?;
            if seen.st_ino != ours.ino()
                || seen.st_size as u64 != ours.size()
                || seen.st_mtime != ours.mtime()
                || seen.st_mtime_nsec as i64 != ours.mtime_nsec()
            {
                return Err("the installed binary changed since burrow started".into());
            }
            Ok(file)
        }
    }
}

/// In the helper: a new user and mount namespace (where mounting is allowed), an empty tmpfs
/// over the binary's directory as overlay's second layer (it needs two without an upper
/// directory, and they may not overlap), and the overlay of both, detached.
fn make_overlay_view(dir: &Path, name: &OsString) -> Result<OwnedFd, String> {
    let sys = |what: &'static str| move |e: rustix::io::Errno| format!("cannot {what}: {e}");
    use nix::sched::CloneFlags;
    nix::sched::unshare(CloneFlags::CLONE_NEWUSER | CloneFlags::CLONE_NEWNS)
        .map_err(|e| format!("cannot create a user and mount namespace: {e}"))?;
    // Opened in the new namespace: overlay takes its layers only from the caller's own mounts.
    let open_dir = |what| {
        rustix::fs::open(
            dir,
            OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(sys(what))
    };
    let lower = open_dir("open the binary's directory")?;
    let tmpfs = rustix::mount::fsopen("tmpfs", FsOpenFlags::FSOPEN_CLOEXEC)
        .map_err(sys("open a tmpfs context"))?;
    rustix::mount::fsconfig_create(&tmpfs).map_err(sys("create a tmpfs"))?;
    let empty = rustix::mount::fsmount(
        &tmpfs,
        FsMountFlags::FSMOUNT_CLOEXEC,
        MountAttrFlags::empty(),
    )
    .map_err(sys("mount a tmpfs"))?;
    rustix::mount::move_mount(
        &empty,
        "",
        rustix::fs::CWD,
        dir,
        MoveMountFlags::MOVE_MOUNT_F_EMPTY_PATH,
    )
    .map_err(sys("attach the tmpfs"))?;
    let empty = open_dir("open the tmpfs")?;
    let layers = format!(
        "/proc/self/fd/{}:/proc/self/fd/{}",
        lower.as_raw_fd(),
        empty.as_raw_fd()
    );
    let overlay = rustix::mount::fsopen("overlay", FsOpenFlags::FSOPEN_CLOEXEC)
        .map_err(sys("open an overlay context"))?;
    rustix::mount::fsconfig_set_string(&overlay, "lowerdir", layers.as_str())
        .map_err(sys("set the overlay layers"))?;
    rustix::mount::fsconfig_create(&overlay).map_err(sys("create the overlay"))?;
    let mount = rustix::mount::fsmount(
        &overlay,
        FsMountFlags::FSMOUNT_CLOEXEC,
        MountAttrFlags::MOUNT_ATTR_RDONLY
            | MountAttrFlags::MOUNT_ATTR_NOSUID
            | MountAttrFlags::MOUNT_ATTR_NODEV,
    )
    .map_err(sys("mount the overlay"))?;
    rustix::fs::openat(
        &mount,
        name.as_os_str(),
        OFlags::RDONLY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(sys("open the binary in the overlay"))
}

/// A sealed in-memory copy of the running binary (~30 ms for burrow's size on a slow disk).
fn sealed_copy() -> std::io::Result<OwnedFd> {
    use rustix::fs::{MemfdFlags, SealFlags};
    let mut source = std::fs::File::open("/proc/self/exe")?;
    let flags = MemfdFlags::CLOEXEC | MemfdFlags::ALLOW_SEALING;
    // MFD_EXEC (Linux 6.3) says so explicitly where vm.memfd_noexec would refuse otherwise.
    let memfd = rustix::fs::memfd_create("burrow", flags | MemfdFlags::EXEC)
        .or_else(|_| rustix::fs::memfd_create("burrow", flags))?;
    let mut copy = std::fs::File::from(memfd);
    std::io::copy(&mut source, &mut copy)?;
    let memfd = OwnedFd::from(copy);
    // F_SEAL_EXEC (Linux 6.3) also freezes the mode's exec bits; older kernels lack it.
    rustix::fs::fcntl_add_seals(&memfd, required_seals() | SealFlags::EXEC)
        .or_else(|_| rustix::fs::fcntl_add_seals(&memfd, required_seals()))?;
    Ok(memfd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_cannot_be_written_changed_or_chmodded() {
        let view = SealedExe::open().unwrap();
        let path = view.exec_path();
        let err = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap_err();
        assert!(
            matches!(err.raw_os_error(), Some(libc::EROFS | libc::EPERM)),
            "{err}"
        );
        let chmod = rustix::fs::fchmod(view.as_fd(), Mode::from_raw_mode(0o4777));
        // The overlay refuses with EROFS; a sealed memfd may allow mode bits but never writes.
        if chmod.is_ok() {
            assert!(rustix::fs::fcntl_get_seals(view.as_fd()).is_ok());
        }
        // The view is the running binary, byte for byte.
        assert_eq!(
            std::fs::read(&path).unwrap(),
            std::fs::read("/proc/self/exe").unwrap()
        );
    }

    #[test]
    fn a_sealed_copy_refuses_writes() {
        let copy = sealed_copy().unwrap();
        let file = std::fs::File::from(copy);
        use std::io::Write;
        assert!((&file).write_all(b"x").is_err());
        assert!(file.set_len(0).is_err());
    }

    #[test]
    fn the_test_binary_itself_is_not_sealed() {
        assert!(!running_sealed());
    }
}
