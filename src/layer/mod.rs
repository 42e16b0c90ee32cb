//! Extraction of one OCI/Docker layer tar stream into an empty directory in the
//! on-disk format of overlayfs mounted with `userxattr`.
//!
//! OCI whiteouts become 0:0 character devices, opaque markers become the
//! `user.overlay.opaque` xattr, and everything else is recreated as in the tar.
//! A hostile layer cannot write outside the directory: see `writer` for how
//! paths are resolved and `plan` for which names are accepted.
//!
//! The caller is expected to run inside burrow's user namespace, where it is
//! uid 0 with the user's subordinate IDs mapped, so image owners can be applied.

pub mod changes;
mod diff;
mod plan;
mod writer;

pub use diff::{DiffError, DiffOptions, DiffStats, OwnerMap, write_diff, write_diff_at};

#[cfg(test)]
mod diff_tests;
#[cfg(test)]
mod tests;

use std::io::Read;
use std::path::{Path, PathBuf};

use rustix::io::Errno;

use plan::{EntryKind, image_xattr_allowed, parse_pax_time, plan_entry};
use writer::{LayerWriter, Meta};

/// What `apply_layer` wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ApplyStats {
    /// Tar members processed, including skipped ones.
    pub entries: u64,
    /// Regular-file content written.
    pub bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum LayerError {
    #[error("cannot open layer directory {}: {source}", path.display())]
    OpenDestination {
        path: PathBuf,
        #[source]
        source: Errno,
    },
    #[error(
        "the kernel does not support openat2, which burrow needs to extract image layers safely; \
         upgrade to linux 5.6 or newer"
    )]
    Openat2Unsupported,
    #[error(
        "cannot read the layer tar stream: {source}; the layer blob is corrupt, pull the image again"
    )]
    ReadArchive {
        #[source]
        source: std::io::Error,
    },
    #[error(
        "cannot read the content of layer entry {path:?}: {source}; \
         the layer blob is corrupt or truncated, pull the image again"
    )]
    ReadEntry {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("layer entry {path:?} has an invalid header: {source}; the layer blob is corrupt")]
    BadHeader {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "layer entry {path:?} climbs above the layer root with \"..\"; \
         the image is malformed or hostile and cannot be extracted"
    )]
    PathEscapesRoot { path: String },
    #[error(
        "layer entry {path:?} is invalid: {reason}; the image is malformed and cannot be extracted"
    )]
    InvalidEntry { path: String, reason: &'static str },
    #[error(
        "layer entry {path:?} has tar type {type_flag:?}, which cannot be extracted; \
         rebuild the image with a standard tool"
    )]
    UnsupportedEntryType { path: String, type_flag: char },
    #[error(
        "layer entry {path:?} is a hard link to {target:?}, which climbs above the layer root; \
         the image is malformed or hostile and cannot be extracted"
    )]
    HardlinkEscapesRoot { path: String, target: String },
    #[error(
        "layer entry {path:?} is a hard link to {target:?}, which does not exist earlier in the \
         same layer; the image is malformed and cannot be extracted"
    )]
    HardlinkTargetMissing { path: String, target: String },
    #[error(
        "layer entry {path:?} is a hard link to the directory {target:?}; \
         the image is malformed and cannot be extracted"
    )]
    HardlinkToDirectory { path: String, target: String },
    #[error(
        "cannot create layer entry {path:?}: one of its parent directories is a file, \
         a dangling symbolic link or a symbolic link loop ({source}); the image is malformed"
    )]
    ParentNotDirectory {
        path: String,
        #[source]
        source: Errno,
    },
    #[error(
        "layer entry {path:?} is owned by uid {uid} gid {gid}, which is outside the user namespace's \
         mapped IDs; add a larger range to /etc/subuid and /etc/subgid, for example \
         `usermod --add-subuids {range} --add-subgids {range} $USER` (a range no other user has), \
         then pull again",
        range = subid_range_hint(*uid, *gid)
    )]
    UnmappedOwner { path: String, uid: u32, gid: u32 },
    /// chown answered EPERM: the process is not root in a user namespace that
    /// maps the image's IDs, i.e. extraction runs outside burrow's namespace.
    #[error(
        "cannot give layer entry {path:?} the owner uid {uid} gid {gid}: permission denied; \
         layers must be extracted inside burrow's user namespace, which maps the user's \
         subordinate IDs from /etc/subuid and /etc/subgid"
    )]
    ChownDenied { path: String, uid: u32, gid: u32 },
    #[error(
        "cannot create the whiteout for layer entry {path:?}: the kernel refused a 0:0 character \
         device; linux 5.8 or newer is needed to extract layers without privileges"
    )]
    WhiteoutNotPermitted { path: String },
    #[error(
        "cannot mark the directory of layer entry {path:?} opaque: the filesystem does not support \
         user extended attributes; put burrow's storage on ext4, xfs, btrfs or tmpfs"
    )]
    UserXattrUnsupported { path: String },
    #[error("cannot write the content of layer entry {path:?}: {source}")]
    WriteContent {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot {op} layer entry {path:?}: {source}")]
    Filesystem {
        path: String,
        op: &'static str,
        #[source]
        source: Errno,
    },
}

/// A subordinate ID range, starting above the usual default allocation, that is
/// large enough to map `max(uid, gid)`.
fn subid_range_hint(uid: u32, gid: u32) -> String {
    const START: u64 = 1_000_000;
    let needed = u64::from(uid.max(gid)).max(65_535) + 1;
    format!("{START}-{}", START + needed - 1)
}

/// Extracts the layer tar stream `tar` into the existing empty directory `dest`,
/// in the overlayfs `userxattr` format. Stops at the end-of-archive marker and
/// leaves the rest of the stream unread.
pub fn apply_layer<R: Read>(tar: R, dest: &Path) -> Result<ApplyStats, LayerError> {
    let mut writer = LayerWriter::open(dest)?;
    let mut archive = tar::Archive::new(tar);
    archive.set_ignore_zeros(false);
    let mut stats = ApplyStats::default();
    let entries = archive
        .entries()
        .map_err(|source| LayerError::ReadArchive { source })?;
    for entry in entries {
        let mut entry = entry.map_err(|source| LayerError::ReadArchive { source })?;
        stats.entries += 1;
        let raw_path = entry.path_bytes().into_owned();
        let display = String::from_utf8_lossy(&raw_path).into_owned();
        let kind =
            entry_kind(entry.header(), &raw_path).map_err(|source| bad_header(&display, source))?;
        let link_name = entry.link_name_bytes().map(|name| name.into_owned());
        let action = plan_entry(&raw_path, kind, link_name.as_deref())?;
        let meta = entry_meta(&mut entry, &display)?;
        let expected = entry.size();
        let is_file = matches!(
            action,
            plan::Action::Create {
                node: plan::Node::File,
                ..
            }
        );
        let written = writer.apply(action, meta, &mut entry, &display)?;
        if is_file && written != expected {
            return Err(LayerError::ReadEntry {
                path: display,
                source: std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    format!("the stream ended after {written} of {expected} bytes"),
                ),
            });
        }
        stats.bytes += written;
    }
    writer.finish()?;
    Ok(stats)
}

fn bad_header(path: &str, source: std::io::Error) -> LayerError {
    LayerError::BadHeader {
        path: path.to_owned(),
        source,
    }
}

fn entry_kind(header: &tar::Header, raw_path: &[u8]) -> std::io::Result<EntryKind> {
    use tar::EntryType;
    let device = || -> std::io::Result<(u32, u32)> {
        Ok((
            header.device_major()?.unwrap_or(0),
            header.device_minor()?.unwrap_or(0),
        ))
    };
    Ok(match header.entry_type() {
        // Pre-POSIX archives mark directories only with a trailing slash.
        EntryType::Regular if header.as_bytes()[156] == 0 && raw_path.ends_with(b"/") => {
            EntryKind::Dir
        }
        EntryType::Regular | EntryType::Continuous | EntryType::GNUSparse => EntryKind::File,
        EntryType::Directory => EntryKind::Dir,
        EntryType::Symlink => EntryKind::Symlink,
        EntryType::Link => EntryKind::Hardlink,
        EntryType::Fifo => EntryKind::Fifo,
        EntryType::Char => {
            let (major, minor) = device()?;
            EntryKind::CharDevice { major, minor }
        }
        EntryType::Block => {
            let (major, minor) = device()?;
            EntryKind::BlockDevice { major, minor }
        }
        EntryType::XGlobalHeader => EntryKind::GlobalExtensions,
        other => EntryKind::Unsupported(other.as_byte()),
    })
}

fn entry_meta<R: Read>(entry: &mut tar::Entry<'_, R>, path: &str) -> Result<Meta, LayerError> {
    let header = entry.header();
    // PAX uid/gid records are already folded into the header by the tar crate.
    let uid = header.uid().map_err(|e| bad_header(path, e))?;
    let gid = header.gid().map_err(|e| bad_header(path, e))?;
    let mode = header.mode().map_err(|e| bad_header(path, e))? & 0o7777;
    let mtime = header.mtime().map_err(|e| bad_header(path, e))?;
    // u32::MAX is chown's "leave unchanged", never a real owner.
    let (uid, gid) = match (u32::try_from(uid), u32::try_from(gid)) {
        (Ok(uid), Ok(gid)) if uid != u32::MAX && gid != u32::MAX => (uid, gid),
        _ => {
            return Err(LayerError::UnmappedOwner {
                path: path.to_owned(),
                uid: u32::try_from(uid).unwrap_or(u32::MAX),
                gid: u32::try_from(gid).unwrap_or(u32::MAX),
            });
        }
    };
    let mut meta = Meta {
        uid,
        gid,
        mode,
        mtime: (i64::try_from(mtime).unwrap_or(i64::MAX), 0),
        xattrs: Vec::new(),
    };
    let Some(extensions) = entry.pax_extensions().map_err(|e| bad_header(path, e))? else {
        return Ok(meta);
    };
    for extension in extensions {
        let extension = extension.map_err(|e| bad_header(path, e))?;
        let key = extension.key_bytes();
        if key == b"mtime" {
            if let Some(time) = parse_pax_time(extension.value_bytes()) {
                meta.mtime = time;
            }
        } else if let Some(name) = key.strip_prefix(b"SCHILY.xattr.") {
            if image_xattr_allowed(name) {
                meta.xattrs
                    .push((name.to_vec(), extension.value_bytes().to_vec()));
            } else {
                tracing::debug!(
                    entry = path,
                    xattr = %String::from_utf8_lossy(name),
                    "ignoring extended attribute from the image"
                );
            }
        } else if key.starts_with(b"GNU.sparse.") {
            // The tar crate reads old GNU sparse headers but not the PAX sparse
            // formats; extracting one would write its sparse map as content.
            return Err(LayerError::InvalidEntry {
                path: path.to_owned(),
                reason: "PAX sparse files are not supported",
            });
        }
    }
    Ok(meta)
}
