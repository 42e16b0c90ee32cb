//! Copies of image layers whose owners are shifted for a container with another ID mapping
//! than the user's namespace (`--userns keep-id`): without idmapped mounts (which an
//! unprivileged user cannot make of the host's filesystem) the files themselves must carry the
//! owners the container is to see, as containers/storage's mapped layers do for podman.
//!
//! Runs in burrow's user namespace, as its root, so any owner of the user's range can be set.

use std::collections::HashMap;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Maps the owners found in a layer (numbered in burrow's user namespace) to the ones the copy
/// gets; an owner without a mapping keeps its number.
pub struct OwnerShift<'a> {
    pub uid: &'a dyn Fn(u32) -> Option<u32>,
    pub gid: &'a dyn Fn(u32) -> Option<u32>,
}

impl OwnerShift<'_> {
    fn owner(&self, uid: u32, gid: u32) -> (u32, u32) {
        (
            (self.uid)(uid).unwrap_or(uid),
            (self.gid)(gid).unwrap_or(gid),
        )
    }
}

/// Copies the tree at `src` to `dest` (which must not exist) with every owner shifted, keeping
/// modes, hard links within the tree, device nodes (overlay whiteouts), `user.*` extended
/// attributes (overlay's opaque markers) and modification times. Symlinks are copied, never
/// followed.
pub fn copy_shifted(src: &Path, dest: &Path, shift: &OwnerShift) -> std::io::Result<()> {
    let mut links = HashMap::new();
    copy_entry(src, dest, shift, &mut links)
}

fn copy_entry(
    src: &Path,
    dest: &Path,
    shift: &OwnerShift,
    links: &mut HashMap<(u64, u64), PathBuf>,
) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(src)?;
    let kind = meta.file_type();
    let (uid, gid) = shift.owner(meta.uid(), meta.gid());
    if kind.is_dir() {
        std::fs::create_dir(dest)?;
        for entry in std::fs::read_dir(src)? {
            let entry = entry?;
            copy_entry(&entry.path(), &dest.join(entry.file_name()), shift, links)?;
        }
    } else if kind.is_symlink() {
        std::os::unix::fs::symlink(std::fs::read_link(src)?, dest)?;
    } else if kind.is_file() {
        if meta.nlink() > 1 {
            if let Some(first) = links.get(&(meta.dev(), meta.ino())) {
                return std::fs::hard_link(first, dest);
            }
            links.insert((meta.dev(), meta.ino()), dest.to_path_buf());
        }
        std::fs::copy(src, dest)?;
    } else if kind.is_char_device() || kind.is_block_device() || kind.is_fifo() {
        let mode = nix::sys::stat::Mode::from_bits_truncate(meta.mode());
        let sflag = nix::sys::stat::SFlag::from_bits_truncate(meta.mode());
        nix::sys::stat::mknod(dest, sflag, mode, meta.rdev())?;
    } else {
        // Sockets in a layer are of no use to a container; overlay would show them dead anyway.
        return Ok(());
    }
    std::os::unix::fs::lchown(dest, Some(uid), Some(gid))?;
    copy_user_xattrs(src, dest)?;
    if !kind.is_symlink() {
        // After the chown, which clears set-user-ID and set-group-ID bits.
        std::fs::set_permissions(dest, std::fs::Permissions::from_mode(meta.mode() & 0o7777))?;
    }
    let times = [
        rustix::fs::Timespec {
            tv_sec: meta.atime(),
            tv_nsec: meta.atime_nsec() as _,
        },
        rustix::fs::Timespec {
            tv_sec: meta.mtime(),
            tv_nsec: meta.mtime_nsec() as _,
        },
    ];
    rustix::fs::utimensat(
        rustix::fs::CWD,
        dest,
        &rustix::fs::Timestamps {
            last_access: times[0],
            last_modification: times[1],
        },
        rustix::fs::AtFlags::SYMLINK_NOFOLLOW,
    )?;
    Ok(())
}

/// The `user.*` attributes (overlay's `user.overlay.opaque`, an image's own): the only ones a
/// user namespace's root may set on the host's filesystem.
fn copy_user_xattrs(src: &Path, dest: &Path) -> std::io::Result<()> {
    let mut names = vec![0u8; 4096];
    let len = match rustix::fs::llistxattr(src, &mut names) {
        Ok(len) => len,
        Err(rustix::io::Errno::NOTSUP) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let mut value = vec![0u8; 64 * 1024];
    for name in names[..len].split(|b| *b == 0).filter(|n| !n.is_empty()) {
        if !name.starts_with(b"user.") {
            continue;
        }
        let name = std::ffi::OsStr::from_bytes(name);
        let n = rustix::fs::lgetxattr(src, name, &mut value)?;
        rustix::fs::lsetxattr(dest, name, &value[..n], rustix::fs::XattrFlags::empty())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_keeps_modes_links_and_xattrs() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src");
        std::fs::create_dir_all(src.join("etc")).unwrap();
        std::fs::write(src.join("etc/passwd"), "root:x:0:0::/root:/bin/sh\n").unwrap();
        std::fs::set_permissions(
            src.join("etc/passwd"),
            std::fs::Permissions::from_mode(0o640),
        )
        .unwrap();
        std::fs::hard_link(src.join("etc/passwd"), src.join("etc/link")).unwrap();
        std::os::unix::fs::symlink("passwd", src.join("etc/sym")).unwrap();
        let has_xattrs = rustix::fs::lsetxattr(
            src.join("etc"),
            "user.overlay.opaque",
            b"y",
            rustix::fs::XattrFlags::empty(),
        )
        .is_ok();
        let me = (
            nix::unistd::getuid().as_raw(),
            nix::unistd::getgid().as_raw(),
        );
        let same = |id: u32| Some(id);
        copy_shifted(
            &src,
            &dir.path().join("dest"),
            &OwnerShift {
                uid: &same,
                gid: &same,
            },
        )
        .unwrap();
        let dest = dir.path().join("dest");
        let passwd = std::fs::metadata(dest.join("etc/passwd")).unwrap();
        assert_eq!(passwd.mode() & 0o7777, 0o640);
        assert_eq!((passwd.uid(), passwd.gid()), me);
        assert_eq!(
            passwd.ino(),
            std::fs::metadata(dest.join("etc/link")).unwrap().ino()
        );
        assert_eq!(
            std::fs::read_link(dest.join("etc/sym")).unwrap(),
            Path::new("passwd")
        );
        if has_xattrs {
            let mut value = [0u8; 4];
            let n =
                rustix::fs::lgetxattr(dest.join("etc"), "user.overlay.opaque", &mut value).unwrap();
            assert_eq!(&value[..n], b"y");
        }
    }
}
