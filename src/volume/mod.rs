//! Volumes: named directories under the volume path that outlive containers.
//!
//! Layout under the volume path (default `<store root>/volumes`, `--volumepath` overrides):
//! - `<name>/volume.json`: the record (name, driver, labels, options, created, anonymous,
//!   whether the image's content has been copied in yet).
//! - `<name>/_data/`: the mount point, as podman's.
//! - `<name>/lock`: the volume's flock (copy-up, removal).
//! - `.<name>.<pid>.partial`: a volume being created, renamed into place once complete, so a
//!   volume either exists whole or not at all; a dead creator's is swept by the next listing.
//! - `.<name>.removing`: a volume being deleted (renamed first, so its name is free at once).
//!
//! Which containers use a volume is not kept here: the container records name their volumes.

mod plan;

pub use plan::{VolumeOptions, parse_options, random_name, validate_name};

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::store::record::{self, Durability};
use crate::store::{Lock, StoreError};

const RECORD: &str = "volume.json";
const LOCK: &str = "lock";
const DATA: &str = "_data";

#[derive(Debug, thiserror::Error)]
pub enum VolumeError {
    #[error(
        "running volume create option: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument"
    )]
    BadName { name: String },
    #[error("volume with name {name} already exists: volume already exists")]
    Exists { name: String },
    #[error("no volume with name {name:?} found: no such volume")]
    NotFound { name: String },
    #[error("invalid mount option {key} for driver 'local': invalid argument")]
    BadOption { key: String },
    #[error(
        "volume option {key}={value} needs a mount that only root may make; rootless burrow keeps volumes as plain directories: drop the option"
    )]
    NeedsRoot { key: String, value: String },
    #[error("invalid value {value:?} for volume option {key}: expected a number")]
    BadNumber { key: String, value: String },
    #[error(
        "volume driver {driver:?} is not available: burrow has only the local driver; use --driver local"
    )]
    BadDriver { driver: String },
    #[error(
        "volume {name} is being used by the following container(s): {ids}: volume is being used"
    )]
    InUse { name: String, ids: String },
    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl VolumeError {
    /// podman's exit code for the error.
    pub fn exit_code(&self) -> u8 {
        match self {
            VolumeError::InUse { .. } => 2,
            _ => 125,
        }
    }
}

fn io_err<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> VolumeError + 'a {
    move |source| VolumeError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// One volume's record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VolumeRecord {
    pub name: String,
    pub driver: String,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub options: BTreeMap<String, String>,
    pub created: DateTime<Utc>,
    /// Made for a container's `-v /path` or image VOLUME: removed with `rm -v` and `--rm`.
    #[serde(default)]
    pub anonymous: bool,
    /// The first container to mount the volume copies the image's content at the mount point
    /// into it (podman's NeedsCopyUp); false once done, or if the volume was not empty then.
    #[serde(default)]
    pub needs_copy_up: bool,
    /// `o=uid=N` / `UID=N`: the owner of `_data`.
    #[serde(default)]
    pub uid: Option<u32>,
    #[serde(default)]
    pub gid: Option<u32>,
}

/// The volumes under one directory.
#[derive(Debug, Clone)]
pub struct VolumeStore {
    dir: PathBuf,
}

/// A volume held under its lock.
pub struct VolumeLock {
    _lock: Lock,
    pub record: VolumeRecord,
}

impl VolumeStore {
    pub fn new(dir: PathBuf) -> VolumeStore {
        VolumeStore { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn volume_dir(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// The volume's mount point.
    pub fn data_dir(&self, name: &str) -> PathBuf {
        self.volume_dir(name).join(DATA)
    }

    /// Creates a volume: staged in a `.partial` directory, then renamed into place, which
    /// fails if the name is taken (so two creators of one name cannot both win).
    pub fn create(&self, record: &VolumeRecord) -> Result<(), VolumeError> {
        self.create_with(record, |_| Ok(()))
    }

    /// `create`, with `prepare` run on the staged `_data` before the volume is published
    /// (giving it the owner of `o=uid=`, which needs the user namespace).
    pub fn create_with(
        &self,
        record: &VolumeRecord,
        prepare: impl FnOnce(&Path) -> Result<(), VolumeError>,
    ) -> Result<(), VolumeError> {
        validate_name(&record.name)?;
        // 0700 like the store root: a --volumepath given by the user may already exist, made
        // by them as they liked.
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&self.dir)
            .map_err(io_err("create", &self.dir))?;
        if self.volume_dir(&record.name).exists() {
            return Err(VolumeError::Exists {
                name: record.name.clone(),
            });
        }
        let staging = self
            .dir
            .join(format!(".{}.{}.partial", record.name, std::process::id()));
        let result = (|| {
            let data = staging.join(DATA);
            fs::create_dir_all(&data).map_err(io_err("create", &data))?;
            // podman's _data is 0755: the container's users other than root must reach it.
            fs::set_permissions(&data, std::os::unix::fs::PermissionsExt::from_mode(0o755))
                .map_err(io_err("set the mode of", &data))?;
            prepare(&data)?;
            record::write(&staging.join(RECORD), record, Durability::Synced)?;
            crate::failpoint!("volume.staged");
            let dest = self.volume_dir(&record.name);
            fs::rename(&staging, &dest).map_err(|e| match e.raw_os_error() {
                Some(libc::ENOTEMPTY) | Some(libc::EEXIST) => VolumeError::Exists {
                    name: record.name.clone(),
                },
                _ => io_err("rename", &staging)(e),
            })
        })();
        if result.is_err() {
            let _ = crate::store::remove_tree(&staging);
        }
        result
    }

    /// One volume's record; `None` when there is none of that name.
    pub fn get(&self, name: &str) -> Result<Option<VolumeRecord>, VolumeError> {
        if validate_name(name).is_err() {
            return Ok(None);
        }
        Ok(record::read(&self.volume_dir(name).join(RECORD))?)
    }

    /// One volume's record, or podman's error for a missing one.
    pub fn find(&self, name: &str) -> Result<VolumeRecord, VolumeError> {
        self.get(name)?.ok_or_else(|| VolumeError::NotFound {
            name: name.to_string(),
        })
    }

    /// Every volume, by name. Staged creations whose creator died are swept on the way.
    pub fn list(&self) -> Result<Vec<VolumeRecord>, VolumeError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_err("read", &self.dir)(e)),
        };
        let mut out = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(rest) = name.strip_prefix('.') {
                if let Some(pid) = plan::partial_pid(rest)
                    && !Path::new(&format!("/proc/{pid}")).exists()
                {
                    let _ = crate::store::remove_tree(&entry.path());
                }
                continue;
            }
            if let Some(record) = self.get(&name)? {
                out.push(record);
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Waits for a volume's lock; `None` if the volume does not exist (or went meanwhile).
    pub fn lock(&self, name: &str) -> Result<Option<VolumeLock>, VolumeError> {
        if validate_name(name).is_err() {
            return Ok(None);
        }
        let path = self.volume_dir(name).join(LOCK);
        if !self.volume_dir(name).is_dir() {
            return Ok(None);
        }
        let lock = match Lock::exclusive(&path) {
            Ok(lock) => lock,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err("lock", &path)(e)),
        };
        Ok(self.get(name)?.map(|record| VolumeLock {
            _lock: lock,
            record,
        }))
    }

    /// Replaces a locked volume's record.
    pub fn save(&self, lock: &mut VolumeLock, record: VolumeRecord) -> Result<(), VolumeError> {
        let path = self.volume_dir(&record.name).join(RECORD);
        record::write(&path, &record, Durability::Synced)?;
        lock.record = record;
        Ok(())
    }

    /// Takes a locked volume out of view (its name is free from here on) and returns the
    /// directory left to delete.
    pub fn unpublish(&self, lock: VolumeLock) -> Result<PathBuf, VolumeError> {
        let dir = self.volume_dir(&lock.record.name);
        let doomed = self.dir.join(format!(".{}.removing", lock.record.name));
        fs::rename(&dir, &doomed).map_err(io_err("rename", &dir))?;
        crate::failpoint!("volume.unpublished");
        Ok(doomed)
    }

    /// Removals whose remover died (`.<name>.removing` with a free lock).
    pub fn abandoned_removals(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with('.') && name.ends_with(".removing")
            })
            .map(|e| e.path())
            .filter(|p| !matches!(Lock::try_exclusive_existing(&p.join(LOCK)), Ok(None)))
            .collect()
    }
}

/// Whether a directory holds nothing (a volume's `_data` before its first use).
pub fn is_empty_dir(path: &Path) -> bool {
    fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_none())
}

#[cfg(test)]
mod tests;
