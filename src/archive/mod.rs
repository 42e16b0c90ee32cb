//! Image archives: docker-archive (`docker save`/`podman save`: `manifest.json`, `repositories`,
//! `<hex>.json` configs and layer tars) and the OCI image layout (`oci-layout`, `index.json`,
//! `blobs/sha256/...`), read from and written to a tar file (the whole of which may be gzip or
//! zstd compressed) or a directory.
//!
//! Every name in an archive is a name, never a path to follow: entries named with `..` or an
//! absolute path, and links that leave the archive, are refused. Layers are never held in
//! memory: a seekable uncompressed tar is indexed and read in place, anything else is spooled
//! to an unnamed temporary file first.

mod docker;
mod format;
mod oci;
mod reader;
mod writer;

pub use docker::{DockerManifestEntry, docker_manifest, repositories};
pub use format::{ArchiveFormat, ArchivedImage, ArchivedLayer, read_images};
pub use oci::{
    DOCKER_CONFIG, DOCKER_MANIFEST, Descriptor, OCI_CONFIG, OCI_INDEX, OCI_LAYER, OCI_LAYER_GZIP,
    OCI_LAYER_ZSTD, OCI_MANIFEST, REF_NAME, image_manifest, layer_media_type, oci_index,
    oci_layout,
};
pub(crate) use reader::unnamed_file;
pub use reader::{ArchiveReader, EntryReader, Input};
pub use writer::{ArchiveWriter, OutputKind};

use std::io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error("reading \"{name}\" from the archive: {source}")]
    Read { name: String, source: io::Error },
    #[error("not a tar archive, or a damaged one: {detail}")]
    Tar { detail: String },
    #[error(
        "the archive is truncated: entry \"{name}\" ends at byte {end} but the archive has {len}; copy it again"
    )]
    Truncated { name: String, end: u64, len: u64 },
    #[error(
        "archive entry \"{name}\" is not a name inside the archive ({why}); refusing the archive"
    )]
    UnsafeName { name: String, why: &'static str },
    #[error(
        "archive entry \"{name}\" is a link to \"{target}\", outside the archive; refusing the archive"
    )]
    LinkOutside { name: String, target: String },
    #[error("archive entry \"{name}\" is a chain of links that does not end; refusing the archive")]
    LinkLoop { name: String },
    #[error("the archive has no \"{name}\"")]
    Missing { name: String },
    #[error("archive entry \"{name}\" is not a regular file")]
    NotRegular { name: String },
    #[error("archive entry \"{name}\" is {size} bytes, too large for a metadata document")]
    TooLarge { name: String, size: u64 },
    #[error("archive entry \"{name}\" is not valid: {detail}")]
    Invalid { name: String, detail: String },
    #[error("payload does not match any of the supported image formats:{}", tried_list(.tried))]
    NotAnArchive { tried: Vec<(&'static str, String)> },
    #[error("writing the archive: {detail}")]
    Write { detail: String },
}

fn tried_list(tried: &[(&'static str, String)]) -> String {
    tried
        .iter()
        .map(|(format, why)| format!("\n * {format}: {why}"))
        .collect()
}

pub(crate) fn io_err<'a>(
    action: &'static str,
    path: &'a std::path::Path,
) -> impl FnOnce(io::Error) -> ArchiveError + 'a {
    move |source| ArchiveError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// An archive entry's name as a plain relative name (`./a//b/` is `a/b`); absolute names and
/// names with `..` are refused.
pub fn entry_name(raw: &str) -> Result<String, ArchiveError> {
    let unsafe_name = |why| ArchiveError::UnsafeName {
        name: raw.to_string(),
        why,
    };
    if raw.starts_with('/') {
        return Err(unsafe_name("an absolute path"));
    }
    let mut parts = Vec::new();
    for part in raw.split('/') {
        match part {
            "" | "." => {}
            ".." => return Err(unsafe_name("it climbs out with ..")),
            p if p.contains('\0') => return Err(unsafe_name("it holds a NUL byte")),
            p => parts.push(p),
        }
    }
    Ok(parts.join("/"))
}

/// Where a symbolic link named `link` pointing at `target` leads, as an archive name; a target
/// that is absolute or climbs above the archive's top is refused.
pub fn link_destination(link: &str, target: &str) -> Result<String, ArchiveError> {
    let outside = || ArchiveError::LinkOutside {
        name: link.to_string(),
        target: target.to_string(),
    };
    if target.starts_with('/') {
        return Err(outside());
    }
    let mut parts: Vec<&str> = link.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop().ok_or_else(outside)?;
            }
            p => parts.push(p),
        }
    }
    Ok(parts.join("/"))
}

/// `sha256:<hex>` of some bytes.
pub fn sha256_digest(bytes: &[u8]) -> String {
    use sha2::Digest;
    format!("sha256:{}", hex::encode(sha2::Sha256::digest(bytes)))
}

/// The hex of a `sha256:` digest, checked to be one (it becomes a file name).
pub fn digest_hex(digest: &str) -> Option<&str> {
    let hex = digest.strip_prefix("sha256:")?;
    (hex.len() == 64
        && hex
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
    .then_some(hex)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    /// The compression of a stream, from its first bytes (tools mislabel often enough that
    /// the magic numbers are the better witness).
    pub fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

/// The stream decompressed as its first bytes say (gzip, zstd, or as it is).
pub fn decompressed<'a, R: io::BufRead + 'a>(mut input: R) -> io::Result<Box<dyn io::Read + 'a>> {
    let head = input.fill_buf()?;
    Ok(match Compression::sniff(head) {
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(input)),
        Compression::Zstd => Box::new(zstd::Decoder::with_buffer(input)?),
        Compression::None => Box::new(input),
    })
}

#[cfg(test)]
mod tests;
