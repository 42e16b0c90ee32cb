//! Container records: one directory per container under `containers/`.
//!
//! - `containers/<id>/container.json`: what the container is (name, image, command, options a
//!   listing shows); written at create, before the directory gets its final name, so a
//!   record is visible only when complete; replaced by rename when the container is renamed.
//! - `containers/<id>/state.json`: how it is doing (status, pid and the pid's start time, times,
//!   exit code, its monitor); replaced atomically under a flock of `containers/<id>/lock`, so
//!   readers need no lock.
//! - `containers/<id>/{upper,work,merged,userdata}`: its overlay directories and generated files.
//! - `containers/.<id>.creating` / `.<id>.removing`: staged or doomed; ignored by readers.
//! - a published directory whose record or state cannot be read is damaged: listed as such
//!   (`DamagedContainer`), kept, and removed only by `rm -f`, which first ends what still runs.
//! - `locks/containers.lock`: held while a name is claimed, so two creates cannot share one.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::record::{self, Durability};
use super::{Lock, Store, StoreError, io_err};
use crate::spec::{LogDriver, RestartPolicy};

/// The record's file, replaced whole (by rename) only by `rename`.
const RECORD: &str = "container.json";
/// The container's lock file: empty, never replaced, so a flock on it guards the directory.
const LOCK: &str = "lock";
/// The state file, replaced (by rename) at every transition.
const STATE: &str = "state.json";

/// What a container is; fixed at create (but for its name).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ContainerRecord {
    pub id: String,
    pub name: String,
    pub image_id: String,
    /// The image as the user named it, for `ps` (podman shows the resolved name).
    pub image_name: String,
    /// The image's manifest digest when the container was made (`inspect`'s ImageDigest).
    #[serde(default)]
    pub image_digest: String,
    pub created: DateTime<Utc>,
    /// The process's arguments (entrypoint and command), for `ps` and `inspect`.
    pub command: Vec<String>,
    /// The two parts of `command`, as `inspect` shows them.
    #[serde(default)]
    pub entrypoint: Vec<String>,
    #[serde(default)]
    pub cmd: Vec<String>,
    /// The command line that created the container (podman's `Config.CreateCommand`).
    #[serde(default)]
    pub create_command: Vec<String>,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Remove the container when its process ends (`--rm`).
    #[serde(default)]
    pub auto_remove: bool,
    /// Run the built-in init as PID 1 (`--init`).
    #[serde(default)]
    pub init: bool,
    #[serde(default)]
    pub privileged: bool,
    /// `--cap-add` and `--cap-drop` as `inspect` shows them (`CAP_NET_ADMIN`, or `ALL`).
    #[serde(default)]
    pub cap_add: Vec<String>,
    #[serde(default)]
    pub cap_drop: Vec<String>,
    #[serde(default)]
    pub stop_signal: Option<String>,
    /// Seconds between the stop signal and SIGKILL; podman's default when absent.
    #[serde(default)]
    pub stop_timeout: Option<u64>,
    /// `-t` and `-i`: the container has a terminal; its input stays open for `attach`.
    #[serde(default)]
    pub tty: bool,
    #[serde(default)]
    pub stdin_open: bool,
    #[serde(default)]
    pub restart: RestartPolicy,
    #[serde(default)]
    pub log_driver: LogDriver,
    #[serde(default)]
    pub log_size_max: Option<u64>,
    /// The IDs of the containers this one needs (it joins a namespace of theirs): started
    /// before it, and not removed while it exists (podman's dependencies).
    #[serde(default)]
    pub dependencies: Vec<String>,
    /// `--rmi`: the image is removed with the container, unless another container uses it.
    #[serde(default)]
    pub remove_image: bool,
    /// `--timeout`: seconds after its start at which the container is killed.
    #[serde(default)]
    pub timeout: Option<u64>,
    /// Lines added to the container's /etc/passwd and /etc/group at its start, each unless
    /// the file already has the name or ID (`--userns keep-id`, `--hostuser`).
    #[serde(default)]
    pub passwd_entries: Vec<String>,
    #[serde(default)]
    pub group_entries: Vec<String>,
    /// `--ipc` as podman shows it (`shareable`, `private`, `none`, `host`, `container:ID`);
    /// empty for a container made before it was recorded (shareable).
    #[serde(default)]
    pub ipc: String,
    /// The key of the layer copies with shifted owners its overlay uses instead of the
    /// layers themselves (`--userns keep-id`; see `Store::shifted_layer_dir`).
    #[serde(default)]
    pub layer_shift: Option<String>,
    /// The mounts given with `-v`, `--mount type=bind|volume` and `--volumes-from`, and the
    /// image's VOLUMEs, as resolved at create: which volumes the container uses (`volume rm`
    /// asks every record) and what `--volumes-from` copies.
    #[serde(default)]
    pub mounts: Vec<MountRecord>,
    /// `--volumepath` at create, when not the default: where its volumes are.
    #[serde(default)]
    pub volume_path: Option<PathBuf>,
    /// The resource limits (`--memory`, `--cpus`, ...), applied at each start; `update`
    /// changes them.
    #[serde(default)]
    pub resources: crate::spec::Resources,
    /// `--cgroups`, `--cgroup-manager`, `--cgroup-parent` at create.
    #[serde(default)]
    pub cgroup: crate::spec::CgroupRequest,
}

/// One user mount of a container.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct MountRecord {
    /// `bind` or `volume`.
    pub kind: String,
    /// The host path of a bind, the name of a volume.
    pub source: String,
    pub destination: String,
    #[serde(default)]
    pub read_only: bool,
    /// The options as given (without ro/rw).
    #[serde(default)]
    pub options: Vec<String>,
    /// An anonymous volume: removed with the container by `rm -v` and `--rm`.
    #[serde(default)]
    pub anonymous: bool,
}

impl ContainerRecord {
    /// The names of the volumes the container uses.
    pub fn volume_names(&self) -> impl Iterator<Item = &str> {
        self.mounts
            .iter()
            .filter(|m| m.kind == "volume")
            .map(|m| m.source.as_str())
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Created,
    Running,
    Exited,
    /// Shown for a container whose state cannot be read; never written.
    Unknown,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Created => "created",
            Status::Running => "running",
            Status::Exited => "exited",
            Status::Unknown => "unknown",
        }
    }
}

/// How a container is doing, as last recorded.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct ContainerState {
    pub status: Status,
    /// The container's first process, as seen from the host.
    #[serde(default)]
    pub pid: Option<i32>,
    /// The process's start time (clock ticks since boot) and the boot it belongs to: a pid alone
    /// could be reused by another process after the container ended.
    #[serde(default)]
    pub pid_start: Option<u64>,
    #[serde(default)]
    pub boot_id: Option<String>,
    #[serde(default)]
    pub started_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub finished_at: Option<DateTime<Utc>>,
    /// The process's exit status as podman reports it; -1 when it ended unobserved.
    #[serde(default)]
    pub exit_code: Option<i32>,
    /// The monitor that holds the container's stdio and records its end, recognised as the
    /// process is (pid and start time, same boot).
    #[serde(default)]
    pub monitor_pid: Option<i32>,
    #[serde(default)]
    pub monitor_start: Option<u64>,
    /// Restarts done by the restart policy since the user last started it.
    #[serde(default)]
    pub restart_count: u32,
    /// `stop` (or `kill`, `rm -f`) ended it: the restart policy does not apply.
    #[serde(default)]
    pub stopped_by_user: bool,
    /// A `stop` waits for it to end: shown as podman's `stopping` while it still runs.
    #[serde(default)]
    pub stopping: bool,
    /// The kernel killed a process of the container's cgroup for its memory limit during
    /// its last run (`inspect`'s OOMKilled).
    #[serde(default)]
    pub oom_killed: bool,
    /// `pause` froze its cgroup and no `unpause` thawed it yet.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub paused: bool,
}

impl ContainerState {
    /// The status as `ps` and `inspect` show it: podman's `stopping` while a stop waits.
    pub fn shown_status(&self) -> &'static str {
        if self.status == Status::Running && self.stopping {
            "stopping"
        } else if self.is_paused() {
            "paused"
        } else {
            self.status.as_str()
        }
    }

    /// Running, with its processes frozen by `pause`.
    pub fn is_paused(&self) -> bool {
        self.status == Status::Running && self.paused
    }

    /// The state to show when the recorded process is gone but nobody recorded its end (the
    /// burrow that waited for it was killed): exited, with podman's unknown exit code.
    pub fn ended_unobserved(&self, now: DateTime<Utc>) -> ContainerState {
        ContainerState {
            status: Status::Exited,
            finished_at: Some(now),
            exit_code: Some(-1),
            pid: None,
            pid_start: None,
            boot_id: None,
            monitor_pid: None,
            monitor_start: None,
            paused: false,
            ..self.clone()
        }
    }
}

/// A directory a killed burrow left, with the lock to hold while deleting it (if it has one).
pub type Leftover = (PathBuf, Option<Lock>);

/// A container as read from disk.
#[derive(Debug, Clone)]
pub struct Container {
    pub record: ContainerRecord,
    pub state: ContainerState,
}

/// A published container directory whose record or state cannot be read (a disk fault, a
/// hand edit): what could be read of it, and which file failed and why.
#[derive(Debug, Clone)]
pub struct DamagedContainer {
    pub id: String,
    pub path: PathBuf,
    pub reason: String,
    /// When its directory last changed: the best guess at its age without a record.
    pub modified: Option<DateTime<Utc>>,
    pub record: Option<ContainerRecord>,
    pub state: Option<ContainerState>,
}

impl DamagedContainer {
    pub fn error(&self) -> StoreError {
        StoreError::DamagedContainer {
            id: self.id.clone(),
            path: self.path.clone(),
            reason: self.reason.clone(),
        }
    }

    /// Whether `key` names it: its ID, an ID prefix, or the name its record still gives.
    pub fn matches(&self, key: &str) -> bool {
        !key.is_empty()
            && (self.id.starts_with(key) || self.record.as_ref().is_some_and(|r| r.name == key))
    }
}

/// A container's lock, held while its state changes; dropping it releases the lock.
pub struct ContainerLock {
    _lock: Lock,
    pub container: Container,
}

/// Why a name or ID did not pick exactly one container.
#[derive(Debug, thiserror::Error)]
pub enum LookupError {
    #[error("no container with name or ID {0:?} found: no such container")]
    NotFound(String),
    #[error("more than one container matches the ID prefix {0:?}; give more of the ID or the name")]
    Ambiguous(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Picks the one container `key` names: a full ID, a name, or an unambiguous ID prefix (the
/// order podman resolves them in).
pub fn lookup<'a>(containers: &'a [Container], key: &str) -> Result<&'a Container, LookupError> {
    if let Some(c) = containers
        .iter()
        .find(|c| c.record.id == key || c.record.name == key)
    {
        return Ok(c);
    }
    let mut matches = containers.iter().filter(|c| {
        !key.is_empty()
            && key.bytes().all(|b| b.is_ascii_hexdigit())
            && c.record.id.starts_with(key)
    });
    match (matches.next(), matches.next()) {
        (Some(c), None) => Ok(c),
        (Some(_), Some(_)) => Err(LookupError::Ambiguous(key.to_string())),
        _ => Err(LookupError::NotFound(key.to_string())),
    }
}

/// One container directory as read: whole, damaged, or gone (removed meanwhile).
enum Read {
    Whole(Container),
    Damaged(DamagedContainer),
    Gone,
}

fn damage(id: &str, path: PathBuf, reason: String) -> DamagedContainer {
    let modified = path
        .parent()
        .and_then(|dir| fs::metadata(dir).ok())
        .and_then(|m| m.modified().ok())
        .map(DateTime::<Utc>::from);
    DamagedContainer {
        id: id.to_string(),
        path,
        reason,
        modified,
        record: None,
        state: None,
    }
}

/// One file of a container directory: the value, the damage, or `None` when the directory is
/// gone (a removal renamed it away meanwhile).
fn read_part<T: serde::de::DeserializeOwned>(
    dir: &Path,
    id: &str,
    path: PathBuf,
) -> Result<Option<Result<T, DamagedContainer>>, StoreError> {
    match record::read::<T>(&path) {
        Ok(Some(value)) => Ok(Some(Ok(value))),
        Ok(None) if !dir.exists() => Ok(None),
        // A published directory always has both files.
        Ok(None) => Ok(Some(Err(damage(id, path, "the file is missing".into())))),
        Err(StoreError::Damaged { path, reason }) => Ok(Some(Err(damage(id, path, reason)))),
        Err(e) => Err(e),
    }
}

fn read_container(dir: &Path, id: &str) -> Result<Read, StoreError> {
    let Some(record) = read_part::<ContainerRecord>(dir, id, dir.join(RECORD))? else {
        return Ok(Read::Gone);
    };
    let Some(state) = read_part::<ContainerState>(dir, id, dir.join(STATE))? else {
        return Ok(Read::Gone);
    };
    Ok(match (record, state) {
        (Ok(record), Ok(state)) => Read::Whole(Container { record, state }),
        (Ok(record), Err(mut damaged)) => {
            damaged.record = Some(record);
            Read::Damaged(damaged)
        }
        (Err(mut damaged), state) => {
            damaged.state = state.ok();
            Read::Damaged(damaged)
        }
    })
}

impl Store {
    pub fn containers_dir(&self) -> PathBuf {
        self.root.join("containers")
    }

    pub fn container_dir(&self, id: &str) -> PathBuf {
        self.containers_dir().join(id)
    }

    /// Where a new container's directory is prepared before it is published.
    pub fn container_staging_dir(&self, id: &str) -> PathBuf {
        self.containers_dir().join(format!(".{id}.creating"))
    }

    /// Serialises name claims: held from the uniqueness check until the record is published.
    pub fn lock_container_names(&self) -> Result<Lock, StoreError> {
        self.init()?;
        let path = self.root.join("locks/containers.lock");
        Lock::exclusive(&path).map_err(io_err("lock", &path))
    }

    /// Reads one container; `None` when it does not exist (or is being created or removed),
    /// `StoreError::DamagedContainer` when its record or state cannot be read.
    pub fn container(&self, id: &str) -> Result<Option<Container>, StoreError> {
        match read_container(&self.container_dir(id), id)? {
            Read::Whole(c) => Ok(Some(c)),
            Read::Damaged(d) => Err(d.error()),
            Read::Gone => Ok(None),
        }
    }

    /// Every readable container, oldest first.
    pub fn containers(&self) -> Result<Vec<Container>, StoreError> {
        Ok(self.scan_containers()?.0)
    }

    /// Every container, oldest first, and the damaged ones (whose record or state cannot be
    /// read).
    pub fn scan_containers(&self) -> Result<(Vec<Container>, Vec<DamagedContainer>), StoreError> {
        let dir = self.containers_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Default::default()),
            Err(e) => return Err(io_err("read", &dir)(e)),
        };
        let mut out = Vec::new();
        let mut damaged = Vec::new();
        for entry in entries {
            let entry = entry.map_err(io_err("read", &dir))?;
            let name = entry.file_name();
            let Some(id) = name.to_str().filter(|n| !n.starts_with('.')) else {
                continue;
            };
            match read_container(&entry.path(), id)? {
                Read::Whole(c) => out.push(c),
                Read::Damaged(d) => damaged.push(d),
                Read::Gone => {}
            }
        }
        out.sort_by_key(|c| c.record.created);
        damaged.sort_by(|a, b| a.id.cmp(&b.id));
        Ok((out, damaged))
    }

    /// Publishes a container prepared in its staging directory: writes its record and state,
    /// then renames the directory into place. Call with the names lock held.
    pub fn publish_container(
        &self,
        record: &ContainerRecord,
        state: &ContainerState,
    ) -> Result<(), StoreError> {
        let staging = self.container_staging_dir(&record.id);
        // No fsync: the directory is renamed into view only after the write; a record lost to
        // a power cut leaves a damaged container, reported and kept, never swept.
        record::write(&staging.join(RECORD), record, Durability::Replaced)?;
        write_state_file(&staging, state)?;
        let dir = self.container_dir(&record.id);
        fs::rename(&staging, &dir).map_err(io_err("rename", &staging))
    }

    /// A damaged container by exact ID, as `scan_containers` reports it; `None` if it is whole
    /// or gone.
    pub fn damaged_container(&self, id: &str) -> Result<Option<DamagedContainer>, StoreError> {
        Ok(match read_container(&self.container_dir(id), id)? {
            Read::Damaged(d) => Some(d),
            Read::Whole(_) | Read::Gone => None,
        })
    }

    /// Takes a damaged container's directory out of view (for `rm -f`, which has ended what
    /// ran of it), returning the directory left to delete.
    pub fn unpublish_damaged_container(&self, id: &str) -> Result<PathBuf, StoreError> {
        let dir = self.container_dir(id);
        let doomed = self.containers_dir().join(format!(".{id}.removing"));
        fs::rename(&dir, &doomed).map_err(io_err("rename", &dir))?;
        Ok(doomed)
    }

    /// Waits for a container's lock; `None` if it was removed meanwhile.
    pub fn lock_container(&self, id: &str) -> Result<Option<ContainerLock>, StoreError> {
        let path = self.container_dir(id).join(LOCK);
        let lock = match Lock::exclusive(&path) {
            Ok(lock) => lock,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err("lock", &path)(e)),
        };
        // The record is read under the lock: whoever held it before may have changed or removed it.
        Ok(self.container(id)?.map(|container| ContainerLock {
            _lock: lock,
            container,
        }))
    }

    /// Takes a container's lock only if nobody holds it.
    pub fn try_lock_container(&self, id: &str) -> Result<Option<ContainerLock>, StoreError> {
        let path = self.container_dir(id).join(LOCK);
        let lock = match Lock::try_exclusive(&path) {
            Ok(Some(lock)) => lock,
            Ok(None) => return Ok(None),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err("lock", &path)(e)),
        };
        Ok(self.container(id)?.map(|container| ContainerLock {
            _lock: lock,
            container,
        }))
    }

    /// Replaces a locked container's record (a rename); call with the names lock held too
    /// when the name changes.
    pub fn save_record(
        &self,
        lock: &mut ContainerLock,
        record: ContainerRecord,
    ) -> Result<(), StoreError> {
        let path = self.container_dir(&record.id).join(RECORD);
        record::write(&path, &record, Durability::Replaced)?;
        lock.container.record = record;
        Ok(())
    }

    /// Replaces a locked container's state.
    pub fn save_state(
        &self,
        lock: &mut ContainerLock,
        state: ContainerState,
    ) -> Result<(), StoreError> {
        write_state_file(&self.container_dir(&lock.container.record.id), &state)?;
        lock.container.state = state;
        Ok(())
    }

    /// Takes a locked container out of view (its name is free from here on) and returns the
    /// directory left to delete.
    pub fn unpublish_container(&self, lock: ContainerLock) -> Result<PathBuf, StoreError> {
        let id = &lock.container.record.id;
        let dir = self.container_dir(id);
        let doomed = self.containers_dir().join(format!(".{id}.removing"));
        fs::rename(&dir, &doomed).map_err(io_err("rename", &dir))?;
        Ok(doomed)
    }

    /// Removals whose remover died (`.<id>.removing` with a free lock), each with its lock.
    pub fn abandoned_removals(&self) -> Vec<Leftover> {
        let Ok(entries) = fs::read_dir(self.containers_dir()) else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.starts_with('.') && name.ends_with(".removing")
            })
            .filter_map(|e| {
                let path = e.path();
                match Lock::try_exclusive(&path.join(LOCK)) {
                    Ok(Some(lock)) => Some((path, Some(lock))),
                    Ok(None) => None,
                    Err(_) => Some((path, None)),
                }
            })
            .collect()
    }

    /// Every container, and what killed burrows left, each with the lock to hold while it is
    /// deleted: staged creates and removals whose remover died (its lock, inside the
    /// directory, is free). A damaged container is no leftover: it is neither returned nor
    /// touched. Call with the names lock held, so no create is in progress.
    pub fn containers_and_leftovers(&self) -> Result<(Vec<Container>, Vec<Leftover>), StoreError> {
        let containers = self.containers()?;
        let mut out: Vec<Leftover> = Vec::new();
        let dir = self.containers_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((containers, out)),
            Err(e) => return Err(io_err("read", &dir)(e)),
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if name.starts_with('.') && name.ends_with(".creating") {
                out.push((path, None));
            } else if name.starts_with('.') && name.ends_with(".removing") {
                let lock_path = path.join(LOCK);
                match Lock::try_exclusive_existing(&lock_path) {
                    Ok(Some(lock)) => out.push((path, Some(lock))),
                    Ok(None) => {}
                    Err(e) if e.kind() == io::ErrorKind::NotFound => out.push((path, None)),
                    Err(e) => return Err(io_err("lock", &lock_path)(e)),
                }
            }
        }
        Ok((containers, out))
    }
}

/// Removes a container's directory with its lock file last, so that a sweeper probing the
/// lock of a `.removing` directory finds it held until only the empty directory is left
/// (absent lock: abandoned, or all but gone; either way removing it again is harmless).
pub fn remove_container_tree(dir: &Path) -> Result<(), StoreError> {
    let gone = |r: io::Result<()>, path: &Path| match r {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io_err("remove", path)(e)),
        _ => Ok(()),
    };
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_err("read", dir)(e)),
    };
    for entry in entries.flatten() {
        if entry.file_name() == LOCK {
            continue;
        }
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            gone(fs::remove_dir_all(&path), &path)?;
        } else {
            gone(fs::remove_file(&path), &path)?;
        }
    }
    let lock = dir.join(LOCK);
    gone(fs::remove_file(&lock), &lock)?;
    gone(fs::remove_dir(dir), dir)
}

/// State files are small and rewritten on every transition, so they skip fsync: the rename
/// still makes every reader see a whole file, and after a crash `ps` checks the pid anyway.
fn write_state_file(dir: &Path, state: &ContainerState) -> Result<(), StoreError> {
    record::write(&dir.join(STATE), state, Durability::Replaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, name: &str) -> ContainerRecord {
        ContainerRecord {
            id: id.into(),
            name: name.into(),
            image_id: "img".into(),
            image_name: "busybox".into(),
            created: Utc::now(),
            command: vec!["true".into()],
            cmd: vec!["true".into()],
            ..ContainerRecord::default()
        }
    }

    fn containers(list: &[(&str, &str)]) -> Vec<Container> {
        list.iter()
            .map(|(id, name)| Container {
                record: record(id, name),
                state: ContainerState::default(),
            })
            .collect()
    }

    #[test]
    fn lookup_takes_id_then_name_then_unique_prefix() {
        let list = containers(&[("abc123", "web"), ("abd456", "abc"), ("ffff", "db")]);
        assert_eq!(lookup(&list, "abc123").unwrap().record.name, "web");
        // A name wins over an ID prefix, as in podman.
        assert_eq!(lookup(&list, "abc").unwrap().record.id, "abd456");
        assert_eq!(lookup(&list, "ff").unwrap().record.name, "db");
        assert!(matches!(
            lookup(&list, "ab"),
            Err(LookupError::Ambiguous(_))
        ));
        let missing = lookup(&list, "nope").unwrap_err().to_string();
        assert_eq!(
            missing,
            "no container with name or ID \"nope\" found: no such container"
        );
        assert!(matches!(lookup(&list, ""), Err(LookupError::NotFound(_))));
    }

    #[test]
    fn records_publish_lock_save_and_unpublish() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(tmp.path().to_path_buf());
        let names = store.lock_container_names().unwrap();
        fs::create_dir_all(store.container_staging_dir("c1")).unwrap();
        // Staged containers are invisible until published.
        assert!(store.containers().unwrap().is_empty());
        assert_eq!(store.containers_and_leftovers().unwrap().1.len(), 1);
        store
            .publish_container(&record("c1", "one"), &ContainerState::default())
            .unwrap();
        drop(names);
        let all = store.containers().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].state.status, Status::Created);

        let mut lock = store.lock_container("c1").unwrap().unwrap();
        // The lock is exclusive.
        assert!(store.try_lock_container("c1").unwrap().is_none());
        let running = ContainerState {
            status: Status::Running,
            pid: Some(42),
            ..ContainerState::default()
        };
        store.save_state(&mut lock, running.clone()).unwrap();
        assert_eq!(store.container("c1").unwrap().unwrap().state, running);

        let doomed = store.unpublish_container(lock).unwrap();
        assert!(store.container("c1").unwrap().is_none());
        assert!(store.lock_container("c1").unwrap().is_none());
        assert!(doomed.exists());
    }

    #[test]
    fn an_unobserved_end_is_exited_with_code_minus_one() {
        let now = Utc::now();
        let running = ContainerState {
            status: Status::Running,
            pid: Some(7),
            pid_start: Some(100),
            started_at: Some(now),
            ..ContainerState::default()
        };
        let ended = running.ended_unobserved(now);
        assert_eq!(ended.status, Status::Exited);
        assert_eq!(ended.exit_code, Some(-1));
        assert_eq!(ended.pid, None);
        assert_eq!(ended.started_at, Some(now));
    }

    /// The race a parallel `rm` and `create` ran into: the sweeper's probe of a `.removing`
    /// directory's lock put a new lock file into the tree being deleted (ENOTEMPTY for the
    /// remover). The probe creates nothing, and a removal leaves the lock for last.
    #[test]
    fn probing_a_removal_never_adds_to_it_and_the_lock_goes_last() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().to_path_buf());
        let removing = store.containers_dir().join(".abc.removing");
        fs::create_dir_all(removing.join("upper/etc")).unwrap();
        fs::write(removing.join("upper/etc/file"), "x").unwrap();
        let held = Lock::exclusive(&removing.join(LOCK)).unwrap();
        assert!(store.containers_and_leftovers().unwrap().1.is_empty());
        // the remover has deleted the lock file already: the probe must not bring it back
        fs::remove_file(removing.join(LOCK)).unwrap();
        assert_eq!(store.containers_and_leftovers().unwrap().1.len(), 1);
        assert!(!removing.join(LOCK).exists());
        drop(held);
        fs::write(removing.join(LOCK), "").unwrap();
        remove_container_tree(&removing).unwrap();
        assert!(!removing.exists());
        remove_container_tree(&removing).unwrap();
    }
}
