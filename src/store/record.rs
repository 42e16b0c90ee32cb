//! The one reader and the one writer of the store's JSON records.
//!
//! A record that is missing and one that cannot be read are different things: the first is
//! absent (never created, or removed), the second damaged. Nothing in burrow takes a damaged
//! record for debris to sweep: it is reported with its path, and what it describes is kept.

use std::fs;
use std::io;
use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{StoreError, io_err};

/// How hard a write tries to survive a power cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Staged, fsync'ed, renamed, and the directory fsync'ed: records that cannot be rebuilt
    /// (the image list, layer records).
    Synced,
    /// Staged and renamed, no fsync: records rewritten at every transition (container state),
    /// where a crash costs at most the last transition, which `ps` recomputes from the
    /// recorded process anyway. Readers still see the old or the new file whole.
    Replaced,
}

/// Writes `value` as JSON at `path`, mode 0600 (records hold environment variables and
/// command lines), replacing what was there at once.
pub fn write<T: Serialize>(
    path: &Path,
    value: &T,
    durability: Durability,
) -> Result<(), StoreError> {
    let bytes = serde_json::to_vec(value).expect("store records serialize");
    match durability {
        Durability::Synced => super::write_atomic(path, &bytes),
        Durability::Replaced => super::write_replace(path, &bytes),
    }
    .map_err(io_err("write", path))
}

/// Reads the record at `path`: `None` when it does not exist, `StoreError::Damaged` when it
/// exists but is not a readable record (truncated, garbled, empty).
pub fn read<T: DeserializeOwned>(path: &Path) -> Result<Option<T>, StoreError> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err("read", path)(e)),
    };
    parse(path, &bytes).map(Some)
}

/// Parses a record read by other means (an image document read whole, say).
pub fn parse<T: DeserializeOwned>(path: &Path, bytes: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::Damaged {
        path: path.to_path_buf(),
        reason: if bytes.is_empty() {
            "the file is empty".into()
        } else {
            e.to_string()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_and_damaged_records_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        assert!(read::<Vec<u32>>(&path).unwrap().is_none());
        write(&path, &vec![1u32, 2], Durability::Replaced).unwrap();
        assert_eq!(read::<Vec<u32>>(&path).unwrap(), Some(vec![1, 2]));
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        for garbage in [&b""[..], b"{\"trunc", b"\x00\x01"] {
            fs::write(&path, garbage).unwrap();
            let err = read::<Vec<u32>>(&path).unwrap_err();
            assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
            assert!(err.to_string().contains(&path.display().to_string()));
        }
    }
}
