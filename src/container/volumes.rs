//! Volumes: what a container's create makes of `-v`, `--mount type=volume`, `--volumes-from`
//! and the image's VOLUMEs, and the engine of the `volume` commands. Which containers use a
//! volume is read from the container records (`ContainerRecord::mounts`), never kept twice.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::Serialize;

use super::{ContainerError, Host, io_err};
use crate::spec::{self, RunOptions, VolumeMount, VolumeSource};
use crate::store::{MountRecord, Store};
use crate::volume::{self, VolumeError, VolumeRecord, VolumeStore};

/// The volumes of a store (`--volumepath` honoured).
pub fn volume_store(store: &Store) -> VolumeStore {
    VolumeStore::new(store.volumes_dir())
}

/// The volumes of a container's store: where they were when it was created.
fn volumes_of(store: &Store, record: &crate::store::ContainerRecord) -> VolumeStore {
    match &record.volume_path {
        Some(path) => VolumeStore::new(path.clone()),
        None => volume_store(store),
    }
}

/// `volume create`.
#[derive(Debug, Clone, Default)]
pub struct VolumeCreate {
    pub name: Option<String>,
    pub driver: Option<String>,
    pub labels: Vec<(String, String)>,
    pub options: Vec<(String, String)>,
    /// `--ignore`: an existing volume of the name is no error.
    pub ignore: bool,
}

/// Creates a volume; returns its name.
pub fn create_volume(
    store: &Store,
    host: &Host,
    request: &VolumeCreate,
) -> Result<String, ContainerError> {
    if let Some(driver) = request.driver.as_deref().filter(|d| *d != "local") {
        return Err(VolumeError::BadDriver {
            driver: driver.to_string(),
        }
        .into());
    }
    let name = match &request.name {
        Some(name) => {
            volume::validate_name(name)?;
            name.clone()
        }
        None => volume::random_name().map_err(io_err("read", Path::new("/dev/urandom")))?,
    };
    let options = volume::parse_options(&request.options)?;
    let record = VolumeRecord {
        name: name.clone(),
        driver: "local".into(),
        labels: request.labels.iter().cloned().collect(),
        options: options.options,
        created: Utc::now(),
        anonymous: false,
        needs_copy_up: true,
        uid: options.uid,
        gid: options.gid,
    };
    store.init()?;
    // `o=uid=N`: N is an ID of the user namespace, so the owner is given from inside it.
    let owner = (record.uid, record.gid);
    let chown = |data: &Path| {
        if owner == (None, None) {
            return Ok(());
        }
        let done = crate::userns::in_namespace(&host.identity, &host.run_root, || {
            std::os::unix::fs::chown(data, owner.0, owner.1).is_ok()
        })
        .unwrap_or(false);
        if done {
            Ok(())
        } else {
            Err(VolumeError::Io {
                action: "give the owner of o=uid=/gid= to",
                path: data.to_path_buf(),
                source: std::io::Error::other(
                    "the ID is not mapped in burrow's user namespace; use an ID below the size of your subordinate range",
                ),
            })
        }
    };
    match volume_store(store).create_with(&record, chown) {
        Err(VolumeError::Exists { .. }) if request.ignore => Ok(name),
        Err(e) => Err(e.into()),
        Ok(()) => {
            volume_event(store, "create", &name);
            Ok(name)
        }
    }
}

fn volume_event(store: &Store, status: &str, name: &str) {
    let event = crate::events::Event {
        container_exit_code: None,
        id: String::new(),
        image: String::new(),
        name: name.to_string(),
        status: status.to_string(),
        time: Utc::now(),
        kind: crate::events::EventType::Volume,
        error: String::new(),
        attributes: None,
    };
    crate::events::record(store.root(), &event);
}

/// A volume as `volume inspect` and `volume ls` show it, every field (templates may name any).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VolumeInfo {
    pub name: String,
    pub driver: String,
    pub mountpoint: PathBuf,
    pub created_at: String,
    pub labels: BTreeMap<String, String>,
    pub scope: &'static str,
    pub options: BTreeMap<String, String>,
    #[serde(rename = "UID")]
    pub uid: u32,
    #[serde(rename = "GID")]
    pub gid: u32,
    pub anonymous: bool,
    pub mount_count: u32,
    pub needs_copy_up: bool,
    pub needs_chown: bool,
    pub lock_number: u32,
}

/// podman's JSON of a volume: its zero UID, GID, Anonymous, NeedsCopyUp and NeedsChown are
/// left out (`omitempty`), and LockNumber is not shown by podman 4.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VolumeJson<'a> {
    pub name: &'a str,
    pub driver: &'a str,
    pub mountpoint: &'a Path,
    pub created_at: &'a str,
    pub labels: &'a BTreeMap<String, String>,
    pub scope: &'a str,
    pub options: &'a BTreeMap<String, String>,
    #[serde(rename = "UID", skip_serializing_if = "is_zero")]
    pub uid: u32,
    #[serde(rename = "GID", skip_serializing_if = "is_zero")]
    pub gid: u32,
    #[serde(skip_serializing_if = "is_false")]
    pub anonymous: bool,
    pub mount_count: u32,
    #[serde(skip_serializing_if = "is_false")]
    pub needs_copy_up: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub needs_chown: bool,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl VolumeInfo {
    pub fn json(&self) -> VolumeJson<'_> {
        VolumeJson {
            name: &self.name,
            driver: &self.driver,
            mountpoint: &self.mountpoint,
            created_at: &self.created_at,
            labels: &self.labels,
            scope: self.scope,
            options: &self.options,
            uid: self.uid,
            gid: self.gid,
            anonymous: self.anonymous,
            mount_count: self.mount_count,
            needs_copy_up: self.needs_copy_up,
            needs_chown: self.needs_chown,
        }
    }
}

fn info(volumes: &VolumeStore, record: VolumeRecord) -> VolumeInfo {
    VolumeInfo {
        mountpoint: volumes.data_dir(&record.name),
        created_at: record
            .created
            .to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
        scope: "local",
        uid: record.uid.unwrap_or(0),
        gid: record.gid.unwrap_or(0),
        anonymous: record.anonymous,
        mount_count: 0,
        // podman chowns a volume to its first container's directory unless an owner was given.
        needs_chown: record.needs_copy_up && record.uid.is_none() && record.gid.is_none(),
        needs_copy_up: record.needs_copy_up,
        lock_number: 0,
        name: record.name,
        driver: record.driver,
        labels: record.labels,
        options: record.options,
    }
}

/// `volume inspect`: each name's volume, and the first name that has none.
pub fn inspect_volumes(
    store: &Store,
    names: &[String],
) -> Result<(Vec<VolumeInfo>, Option<String>), ContainerError> {
    let volumes = volume_store(store);
    let mut found = Vec::new();
    let mut missing = None;
    for name in names {
        match volumes.get(name)? {
            Some(record) => found.push(info(&volumes, record)),
            None => {
                missing.get_or_insert_with(|| name.clone());
            }
        }
    }
    Ok((found, missing))
}

/// Whether a volume exists.
pub fn volume_exists(store: &Store, name: &str) -> Result<bool, ContainerError> {
    Ok(volume_store(store).get(name)?.is_some())
}

/// One `--filter` of `volume ls` and `volume prune`.
#[derive(Debug, Clone)]
pub enum VolumeFilter {
    Name(regex::Regex),
    Label(String, Option<String>),
    Driver(String),
    Scope(String),
    Opt(String, Option<String>),
    Dangling(bool),
}

/// Parses `--filter KEY=VALUE` as podman's volume filters.
pub fn parse_volume_filter(text: &str) -> Result<VolumeFilter, ContainerError> {
    let bad = || ContainerError::BadVolumeFilter {
        filter: text.split('=').next().unwrap_or(text).to_string(),
    };
    let (key, value) = text.split_once('=').ok_or_else(bad)?;
    let pair = |v: &str| match v.split_once('=') {
        Some((k, v)) => (k.to_string(), Some(v.to_string())),
        None => (v.to_string(), None),
    };
    Ok(match key {
        "name" => VolumeFilter::Name(regex::Regex::new(value).map_err(|_| bad())?),
        "label" => {
            let (k, v) = pair(value);
            VolumeFilter::Label(k, v)
        }
        "opt" => {
            let (k, v) = pair(value);
            VolumeFilter::Opt(k, v)
        }
        "driver" => VolumeFilter::Driver(value.to_string()),
        "scope" => VolumeFilter::Scope(value.to_string()),
        "dangling" => match value {
            "true" | "1" => VolumeFilter::Dangling(true),
            "false" | "0" => VolumeFilter::Dangling(false),
            _ => {
                return Err(ContainerError::BadVolumeFilterValue {
                    value: value.to_string(),
                });
            }
        },
        _ => return Err(bad()),
    })
}

impl VolumeFilter {
    fn key(&self) -> &'static str {
        match self {
            VolumeFilter::Name(_) => "name",
            VolumeFilter::Label(..) => "label",
            VolumeFilter::Driver(_) => "driver",
            VolumeFilter::Scope(_) => "scope",
            VolumeFilter::Opt(..) => "opt",
            VolumeFilter::Dangling(_) => "dangling",
        }
    }

    fn matches(&self, v: &VolumeRecord, used: bool) -> bool {
        let pair = |map: &BTreeMap<String, String>, k: &str, want: &Option<String>| {
            map.get(k)
                .is_some_and(|have| want.as_ref().is_none_or(|w| w == have))
        };
        match self {
            VolumeFilter::Name(re) => re.is_match(&v.name),
            VolumeFilter::Label(k, want) => pair(&v.labels, k, want),
            VolumeFilter::Opt(k, want) => pair(&v.options, k, want),
            VolumeFilter::Driver(d) => *d == v.driver,
            VolumeFilter::Scope(s) => s == "local",
            VolumeFilter::Dangling(dangling) => *dangling != used,
        }
    }
}

/// Whether a volume passes every filter: values of one key are alternatives, keys all apply.
fn passes(filters: &[VolumeFilter], v: &VolumeRecord, used: bool) -> bool {
    let mut keys: Vec<&str> = filters.iter().map(VolumeFilter::key).collect();
    keys.dedup();
    keys.iter().all(|key| {
        filters
            .iter()
            .filter(|f| f.key() == *key)
            .any(|f| f.matches(v, used))
    })
}

/// The IDs of the containers using each volume, by volume name.
fn users(store: &Store) -> Result<BTreeMap<String, Vec<String>>, ContainerError> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in store.containers()? {
        for name in c.record.volume_names() {
            out.entry(name.to_string())
                .or_default()
                .push(c.record.id.clone());
        }
    }
    Ok(out)
}

/// `volume ls`.
pub fn list_volumes(
    store: &Store,
    filters: &[VolumeFilter],
) -> Result<Vec<VolumeInfo>, ContainerError> {
    let volumes = volume_store(store);
    let users = users(store)?;
    Ok(volumes
        .list()?
        .into_iter()
        .filter(|v| passes(filters, v, users.contains_key(&v.name)))
        .map(|v| info(&volumes, v))
        .collect())
}

/// The volumes `volume prune` would remove: those no container uses, filtered.
pub fn prunable_volumes(
    store: &Store,
    filters: &[VolumeFilter],
) -> Result<Vec<String>, ContainerError> {
    let users = users(store)?;
    Ok(volume_store(store)
        .list()?
        .into_iter()
        .filter(|v| !users.contains_key(&v.name) && passes(filters, v, false))
        .map(|v| v.name)
        .collect())
}

/// Removes one volume. In use: refused, unless `force`, which removes its containers first.
pub fn remove_volume(
    store: &Store,
    host: &Host,
    name: &str,
    force: bool,
) -> Result<(), ContainerError> {
    let volumes = volume_store(store);
    remove_volume_in(store, host, &volumes, name, force, None)
}

fn remove_volume_in(
    store: &Store,
    host: &Host,
    volumes: &VolumeStore,
    name: &str,
    force: bool,
    removing: Option<&str>,
) -> Result<(), ContainerError> {
    let users_now = || -> Result<Vec<String>, ContainerError> {
        Ok(users(store)?
            .remove(name)
            .unwrap_or_default()
            .into_iter()
            .filter(|id| Some(id.as_str()) != removing)
            .collect())
    };
    let missing = || {
        ContainerError::from(VolumeError::NotFound {
            name: name.to_string(),
        })
    };
    if volumes.get(name)?.is_none() {
        return Err(missing());
    }
    let in_use = |ids: Vec<String>| {
        ContainerError::from(VolumeError::InUse {
            name: name.to_string(),
            ids: ids.join(", "),
        })
    };
    let users = users_now()?;
    if !users.is_empty() {
        if !force {
            return Err(in_use(users));
        }
        for id in &users {
            super::remove(store, id, true, None, host)?;
        }
    }
    // A create holds the names lock from choosing its volumes until its record is published:
    // under it, no create can take the volume into use between this check and the removal.
    let names = store.lock_container_names()?;
    let users = users_now()?;
    if !users.is_empty() {
        return Err(in_use(users));
    }
    let Some(lock) = volumes.lock(name)? else {
        return Err(missing());
    };
    let doomed = volumes.unpublish(lock)?;
    drop(names);
    delete_volume_dir(&doomed, host)?;
    for leftover in volumes.abandoned_removals() {
        let _ = delete_volume_dir(&leftover, host);
    }
    volume_event(store, "remove", name);
    Ok(())
}

/// Deletes a volume's directory, from the user namespace when files of the container's other
/// users are in it (the namespace is entered in a child).
fn delete_volume_dir(dir: &Path, host: &Host) -> Result<(), ContainerError> {
    if crate::store::remove_tree(dir).is_ok() {
        return Ok(());
    }
    if crate::userns::in_namespace(&host.identity, &host.run_root, || {
        crate::store::remove_tree(dir).is_ok()
    })? {
        Ok(())
    } else {
        Err(ContainerError::Undeletable {
            path: dir.to_path_buf(),
        })
    }
}

/// Removes the anonymous volumes of a removed container that no other container uses
/// (`rm -v`, `--rm`).
pub(super) fn remove_anonymous(store: &Store, host: &Host, record: &crate::store::ContainerRecord) {
    let volumes = volumes_of(store, record);
    for m in record
        .mounts
        .iter()
        .filter(|m| m.kind == "volume" && m.anonymous)
    {
        if let Err(e) = remove_volume_in(store, host, &volumes, &m.source, false, Some(&record.id))
        {
            tracing::warn!("cannot remove anonymous volume {}: {e}", m.source);
        }
    }
}

/// `volume export`: the volume's files as a tar, written from the user namespace so the
/// owners are the container's (0 for the user's own files).
pub fn export_volume(
    store: &Store,
    host: &Host,
    name: &str,
    out: std::fs::File,
) -> Result<(), ContainerError> {
    let volumes = volume_store(store);
    volumes.find(name)?;
    let data = volumes.data_dir(name);
    let done = crate::userns::in_namespace(&host.identity, &host.run_root, || {
        let mut tar = tar::Builder::new(&out);
        tar.follow_symlinks(false);
        tar.append_dir_all(".", &data).is_ok() && tar.finish().is_ok()
    })?;
    if done {
        Ok(())
    } else {
        Err(ContainerError::Io {
            what: "write the tar of volume",
            path: PathBuf::from(name),
            source: std::io::Error::other("a file could not be read or the output written"),
        })
    }
}

/// `volume import`: a tar unpacked into the volume from the user namespace, owners kept.
pub fn import_volume(
    store: &Store,
    host: &Host,
    name: &str,
    input: std::fs::File,
    source: &str,
) -> Result<(), ContainerError> {
    let volumes = volume_store(store);
    volumes.find(name)?;
    let data = volumes.data_dir(name);
    let done = crate::userns::in_namespace(&host.identity, &host.run_root, || {
        let mut archive = tar::Archive::new(&input);
        archive.set_preserve_permissions(true);
        archive.set_preserve_ownerships(true);
        archive.set_unpack_xattrs(true);
        archive.unpack(&data).is_ok()
    })?;
    if done {
        Ok(())
    } else {
        Err(ContainerError::Io {
            what: "unpack into volume",
            path: PathBuf::from(source),
            source: std::io::Error::other(format!(
                "the tar could not be read or a file not written into volume {name}"
            )),
        })
    }
}

/// The mount point of a volume (`volume mount`).
pub fn volume_mountpoint(store: &Store, name: &str) -> Result<PathBuf, ContainerError> {
    let volumes = volume_store(store);
    volumes.find(name)?;
    Ok(volumes.data_dir(name))
}

/// What create made of the container's volumes: the options with every volume a directory,
/// the mounts to record, and the volumes it made (removed again if the create fails).
pub(super) struct ResolvedVolumes {
    pub options: RunOptions,
    pub mounts: Vec<MountRecord>,
}

/// The image config's `Volumes` (`{"/data": {}}`).
fn image_volumes(config: Option<&serde_json::Value>) -> Vec<String> {
    config
        .and_then(|c| c.get("Volumes"))
        .and_then(|v| v.as_object())
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

fn clean(path: &str) -> PathBuf {
    Path::new(path).components().collect()
}

/// Splits `--volumes-from CTR[:OPTIONS]` into the container and its options (`ro`, `rw`, `z`).
fn volumes_from_arg(arg: &str) -> (&str, Option<&str>) {
    match arg.rsplit_once(':') {
        Some((key, mode)) if mode.split(',').all(|x| ["ro", "rw", "z", "Z"].contains(&x)) => {
            (key, Some(mode))
        }
        _ => (arg, None),
    }
}

/// A donor's binds and volumes at the same destinations (`--volumes-from`), read-only or
/// writable as `mode` says, else as the donor has them.
fn donor_mounts(mounts: &[MountRecord], mode: Option<&str>) -> Vec<VolumeMount> {
    let has = |word: &str| mode.is_some_and(|m| m.split(',').any(|x| x == word));
    mounts
        .iter()
        .map(|m| VolumeMount {
            // The donor's volumes by name (its anonymous ones are shared, not the new one's).
            source: if m.kind == "volume" {
                VolumeSource::Named(m.source.clone())
            } else {
                VolumeSource::Host(PathBuf::from(&m.source))
            },
            destination: m.destination.clone(),
            read_only: if has("ro") {
                true
            } else if has("rw") {
                false
            } else {
                m.read_only
            },
            options: m.options.clone(),
        })
        .collect()
}

/// The container's volume mounts (pure): its own `-v`/`--mount` first, then its donors' at
/// destinations it does not name, then an anonymous volume for each image VOLUME that no
/// mount or tmpfs covers. Named volumes' names and `idmap` are checked here, before anything
/// is made.
pub(super) fn plan_mounts(
    own: &[VolumeMount],
    donated: Vec<VolumeMount>,
    image_volumes: &[String],
    tmpfs: &[spec::TmpfsMount],
) -> Result<Vec<VolumeMount>, ContainerError> {
    let mut wanted: Vec<VolumeMount> = own.to_vec();
    let taken = |dest: &str, wanted: &[VolumeMount]| {
        wanted.iter().any(|w| clean(&w.destination) == clean(dest))
            || tmpfs.iter().any(|t| clean(&t.destination) == clean(dest))
    };
    for m in donated {
        if !taken(&m.destination, &wanted) {
            wanted.push(m);
        }
    }
    for dest in image_volumes {
        if !taken(dest, &wanted) {
            wanted.push(VolumeMount {
                source: VolumeSource::Anonymous,
                destination: dest.clone(),
                read_only: false,
                options: Vec::new(),
            });
        }
    }
    for v in &wanted {
        if v.options.iter().any(|o| o == "idmap") {
            return Err(ContainerError::IdmapUnsupported {
                destination: v.destination.clone(),
            });
        }
        if let VolumeSource::Named(name) = &v.source {
            volume::validate_name(name).map_err(|e| ContainerError::NamedVolume {
                name: name.clone(),
                source: e,
            })?;
        }
    }
    Ok(wanted)
}

/// Resolves every volume of a new container to a directory: named volumes are created on
/// first use, anonymous ones (`-v /path`, image VOLUMEs) made, bind sources checked, `:O`
/// given its upper and work directories under the container's own directory (`dir`, staged
/// at `staging`). Volumes it makes are pushed to `made` before anything can fail after them.
pub(super) fn resolve(
    store: &Store,
    options: &RunOptions,
    image_config: Option<&serde_json::Value>,
    dir: &Path,
    staging: &Path,
    made: &mut Vec<String>,
) -> Result<ResolvedVolumes, ContainerError> {
    let mut donated = Vec::new();
    if !options.volumes_from.is_empty() {
        let all = store.containers()?;
        for arg in &options.volumes_from {
            let (key, mode) = volumes_from_arg(arg);
            let donor = crate::store::lookup(&all, key)?;
            donated.extend(donor_mounts(&donor.record.mounts, mode));
        }
    }
    let wanted = plan_mounts(
        &options.volumes,
        donated,
        &image_volumes(image_config),
        &options.tmpfs,
    )?;
    // Every bind source is checked before any volume is made: bad input leaves nothing.
    for v in &wanted {
        if let VolumeSource::Host(path) = &v.source
            && let Err(e) = std::fs::metadata(path)
        {
            return Err(ContainerError::BindSource {
                path: path.clone(),
                reason: go_errno_text(&e),
            });
        }
    }
    let volumes = volume_store(store);
    let mut resolved = options.clone();
    resolved.volumes.clear();
    let mut mounts = Vec::new();
    for (n, v) in wanted.into_iter().enumerate() {
        let mut record = MountRecord {
            kind: "bind".into(),
            source: String::new(),
            destination: v.destination.clone(),
            read_only: v.read_only,
            options: v.options.clone(),
            anonymous: false,
        };
        let source = match &v.source {
            VolumeSource::Host(path) => {
                record.source = path.to_string_lossy().into_owned();
                path.clone()
            }
            VolumeSource::Named(name) => {
                if volumes.get(name)?.is_none() {
                    match volumes.create(&new_volume(name, false)) {
                        Ok(()) => made.push(name.clone()),
                        // Made by another create meanwhile: use it.
                        Err(VolumeError::Exists { .. }) => {}
                        Err(e) => return Err(e.into()),
                    }
                }
                record.kind = "volume".into();
                record.source = name.clone();
                volumes.data_dir(name)
            }
            VolumeSource::Anonymous => {
                let name =
                    volume::random_name().map_err(io_err("read", Path::new("/dev/urandom")))?;
                volumes.create(&new_volume(&name, true))?;
                made.push(name.clone());
                record.kind = "volume".into();
                record.anonymous = true;
                record.source = name.clone();
                volumes.data_dir(&name)
            }
            VolumeSource::Overlay { lower, .. } => lower.clone(),
        };
        let source = if v.options.iter().any(|o| o == "O") {
            let base = Path::new("overlay").join(n.to_string());
            for sub in ["upper", "work"] {
                let path = staging.join(&base).join(sub);
                std::fs::create_dir_all(&path).map_err(io_err("create", &path))?;
            }
            VolumeSource::Overlay {
                lower: source,
                upper: dir.join(&base).join("upper"),
                work: dir.join(&base).join("work"),
            }
        } else {
            VolumeSource::Host(source)
        };
        resolved.volumes.push(VolumeMount { source, ..v });
        mounts.push(record);
    }
    if !made.is_empty() || mounts.iter().any(|m| m.kind == "volume") {
        store.init()?;
    }
    Ok(ResolvedVolumes {
        options: resolved,
        mounts,
    })
}

fn new_volume(name: &str, anonymous: bool) -> VolumeRecord {
    VolumeRecord {
        name: name.to_string(),
        driver: "local".into(),
        labels: BTreeMap::new(),
        options: BTreeMap::new(),
        created: Utc::now(),
        anonymous,
        needs_copy_up: true,
        uid: None,
        gid: None,
    }
}

/// Go's text for an errno (`no such file or directory`), as podman's errors carry it.
fn go_errno_text(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(code) => {
            let text = nix::errno::Errno::from_raw(code).desc();
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => String::new(),
            }
        }
        None => e.to_string(),
    }
}

/// Copies the image's content at each volume's destination into the volume, the first time
/// an empty volume is mounted without `nocopy` (podman's NeedsCopyUp), with owners and modes
/// kept: from a read-only overlay of the image's layers, in the user namespace.
pub(super) fn copy_up(
    store: &Store,
    host: &Host,
    mounts: &[MountRecord],
    layers: &[PathBuf],
    scratch: &Path,
) -> Result<(), ContainerError> {
    let volumes = volume_store(store);
    for m in mounts.iter().filter(|m| m.kind == "volume") {
        let Some(mut lock) = volumes.lock(&m.source)? else {
            continue;
        };
        if !lock.record.needs_copy_up || m.options.iter().any(|o| o == "nocopy") {
            continue;
        }
        let data = volumes.data_dir(&m.source);
        let relative = Path::new(&m.destination)
            .strip_prefix("/")
            .unwrap_or(Path::new(&m.destination))
            .to_path_buf();
        let in_image = layers
            .iter()
            .any(|l| std::fs::symlink_metadata(l.join(&relative)).is_ok_and(|md| md.is_dir()));
        if volume::is_empty_dir(&data) && in_image {
            copy_from_image(host, layers, &relative, &data, scratch)?;
        }
        let record = VolumeRecord {
            needs_copy_up: false,
            ..lock.record.clone()
        };
        volumes.save(&mut lock, record)?;
    }
    Ok(())
}

fn copy_from_image(
    host: &Host,
    layers: &[PathBuf],
    relative: &Path,
    data: &Path,
    scratch: &Path,
) -> Result<(), ContainerError> {
    let rootfs = crate::runtime::Rootfs {
        layers: layers.to_vec(),
        upper: scratch.join("upper"),
        work: scratch.join("work"),
        merged: scratch.join("merged"),
        volatile: true,
    };
    for dir in [&rootfs.upper, &rootfs.work, &rootfs.merged] {
        std::fs::create_dir_all(dir).map_err(io_err("create", dir))?;
    }
    let done = crate::userns::in_namespace(&host.identity, &host.run_root, || {
        // A mount namespace of this child's own: the overlay goes away with it.
        if nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNS).is_err()
            || nix::mount::mount(
                None::<&str>,
                "/",
                None::<&str>,
                nix::mount::MsFlags::MS_REC | nix::mount::MsFlags::MS_PRIVATE,
                None::<&str>,
            )
            .is_err()
            || crate::runtime::mount_overlay(&rootfs).is_err()
        {
            return false;
        }
        // The path is walked without following the image's symlinks out of its root.
        let mut src = rootfs.merged.clone();
        for part in relative.components() {
            src.push(part);
            if std::fs::symlink_metadata(&src).map_or(true, |m| !m.is_dir()) {
                return true;
            }
        }
        copy_tree_into(&src, data).is_ok()
    })?;
    let _ = crate::store::remove_tree(scratch);
    if done {
        Ok(())
    } else {
        Err(ContainerError::Io {
            what: "copy the image's content into volume",
            path: data.to_path_buf(),
            source: std::io::Error::other(
                "a file could not be copied or given its owner; check the free space",
            ),
        })
    }
}

/// Copies what is in `src` into the existing directory `dest`, which takes `src`'s owner and
/// mode, as podman's copy-up does.
fn copy_tree_into(src: &Path, dest: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let same = |id: u32| Some(id);
    let shift = crate::runtime::shift::OwnerShift {
        uid: &same,
        gid: &same,
    };
    for entry in std::fs::read_dir(src)? {
        let entry = entry?;
        crate::runtime::shift::copy_shifted(&entry.path(), &dest.join(entry.file_name()), &shift)?;
    }
    let meta = std::fs::metadata(src)?;
    std::os::unix::fs::chown(dest, Some(meta.uid()), Some(meta.gid()))?;
    std::fs::set_permissions(
        dest,
        std::os::unix::fs::PermissionsExt::from_mode(meta.mode() & 0o7777),
    )
}

/// `:U`: the sources of those mounts chowned, recursively, to the container's process user
/// as the user namespace maps it (the container sees its user own them).
pub(super) fn chown_for_user(
    host: &Host,
    volumes: &[VolumeMount],
    spec: &oci_spec::runtime::Spec,
) -> Result<(), ContainerError> {
    let targets: Vec<PathBuf> = volumes
        .iter()
        .filter(|v| v.options.iter().any(|o| o == "U"))
        .filter_map(|v| match &v.source {
            VolumeSource::Host(path) => Some(path.clone()),
            VolumeSource::Overlay { upper, .. } => Some(upper.clone()),
            _ => None,
        })
        .collect();
    if targets.is_empty() {
        return Ok(());
    }
    let user = spec.process().as_ref().map(|p| p.user().clone());
    let (uid, gid) = user.map_or((0, 0), |u| (u.uid(), u.gid()));
    let (to_uid, to_gid) = super::spec_id_maps(spec);
    let (from_uid, from_gid) = (
        super::id_mappings(&host.identity.uid_map),
        super::id_mappings(&host.identity.gid_map),
    );
    let owner = (
        spec::shifted_owner(&from_uid, &to_uid, uid).unwrap_or(uid),
        spec::shifted_owner(&from_gid, &to_gid, gid).unwrap_or(gid),
    );
    let done = crate::userns::in_namespace(&host.identity, &host.run_root, || {
        targets.iter().all(|t| chown_tree(t, owner).is_ok())
    })?;
    if done {
        Ok(())
    } else {
        Err(ContainerError::Io {
            what: "change the owner (:U) of",
            path: targets[0].clone(),
            source: std::io::Error::other(
                "a file could not be given the container user's owner in burrow's user namespace",
            ),
        })
    }
}

fn chown_tree(path: &Path, (uid, gid): (u32, u32)) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(path)?;
    std::os::unix::fs::lchown(path, Some(uid), Some(gid))?;
    if meta.is_dir() {
        for entry in std::fs::read_dir(path)? {
            chown_tree(&entry?.path(), (uid, gid))?;
        }
    }
    Ok(())
}

/// Removes the volumes a failed create made.
pub(super) fn remove_made(store: &Store, host: &Host, made: &[String]) {
    let volumes = volume_store(store);
    for name in made {
        if let Ok(Some(lock)) = volumes.lock(name)
            && let Ok(doomed) = volumes.unpublish(lock)
        {
            let _ = delete_volume_dir(&doomed, host);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mount(source: VolumeSource, destination: &str) -> VolumeMount {
        VolumeMount {
            source,
            destination: destination.into(),
            read_only: false,
            options: Vec::new(),
        }
    }

    #[test]
    fn image_volumes_become_anonymous_unless_covered() {
        let own = [mount(VolumeSource::Named("db".into()), "/var/lib/db/")];
        let tmpfs = [spec::parse_tmpfs("/cache").unwrap()];
        let image = ["/var/lib/db".to_string(), "/cache".into(), "/logs".into()];
        let planned = plan_mounts(&own, Vec::new(), &image, &tmpfs).unwrap();
        assert_eq!(planned.len(), 2);
        assert_eq!(planned[1], mount(VolumeSource::Anonymous, "/logs"));
        let config = serde_json::json!({"Volumes": {"/logs": {}, "/data": {}}});
        assert_eq!(image_volumes(Some(&config)), ["/data", "/logs"]);
        assert!(image_volumes(None).is_empty());
    }

    #[test]
    fn donated_mounts_keep_their_destinations_and_yield_to_the_containers_own() {
        let donor = [
            MountRecord {
                kind: "volume".into(),
                source: "shared".into(),
                destination: "/shared".into(),
                ..Default::default()
            },
            MountRecord {
                kind: "bind".into(),
                source: "/srv".into(),
                destination: "/srv".into(),
                read_only: true,
                ..Default::default()
            },
        ];
        assert_eq!(volumes_from_arg("web:ro"), ("web", Some("ro")));
        assert_eq!(volumes_from_arg("web"), ("web", None));
        let writable = donor_mounts(&donor, Some("rw"));
        assert_eq!(writable[0].source, VolumeSource::Named("shared".into()));
        assert!(!writable[1].read_only);
        let as_is = donor_mounts(&donor, None);
        assert!(as_is[1].read_only);
        let own = [mount(VolumeSource::Host("/mine".into()), "/shared")];
        let planned = plan_mounts(&own, donor_mounts(&donor, Some("ro")), &[], &[]).unwrap();
        assert_eq!(planned.len(), 2);
        assert_eq!(planned[0].source, VolumeSource::Host("/mine".into()));
        assert!(planned[1].read_only);
    }

    #[test]
    fn bad_names_and_idmap_are_refused_before_anything_is_made() {
        let bad = [mount(VolumeSource::Named("a/b".into()), "/x")];
        let err = plan_mounts(&bad, Vec::new(), &[], &[]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "creating named volume \"a/b\": running volume create option: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument"
        );
        let mut idmapped = mount(VolumeSource::Named("ok".into()), "/x");
        idmapped.options.push("idmap".into());
        assert!(matches!(
            plan_mounts(&[idmapped], Vec::new(), &[], &[]),
            Err(ContainerError::IdmapUnsupported { .. })
        ));
    }

    #[test]
    fn go_errno_texts_are_lower_case() {
        let e = std::io::Error::from_raw_os_error(libc::ENOENT);
        assert_eq!(go_errno_text(&e), "no such file or directory");
    }
}
