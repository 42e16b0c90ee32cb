//! A container's life: create (plan it and record it), start (launch it and record its pid),
//! the end of its process (recorded with the exit code), stop and remove. This is the only code
//! that changes a container's state; `store` keeps the records, `runtime` runs the process.

mod check;
pub mod commit;
mod cp;
mod exec;
mod filter;
mod monitored;
pub mod mount;
mod names;
mod network;
mod prune;
mod reset;
mod run;
pub mod stats;
pub mod top;
mod usage;
pub mod view;
mod volumes;

pub use check::{CheckReport, Repair, check};
pub use cp::{CopyRequest, CpError, Location as CopyLocation, copy};
pub use exec::{ExecError, ExecRequest, exec};
pub use filter::{ContainerFilter, FilterError};
pub use monitored::{MonitorHandle, StartOptions, connect, monitor_main, start_monitored};
pub use network::network_of;
pub use prune::{PruneFilter, PruneFilterError, Pruned, cleanup, parse_until, prune_containers};
pub use reset::{migrate, reset};
pub use run::{
    AttachFlags, CreateReport, ImageRequest, PullPolicy, RunError, claim_descriptors,
    create_from_image, exit_code_of, find_or_pull, start_attached,
};
pub use usage::{
    ContainerUsage, DiskUsage, ImageUsage, UsageSummary, VolumeUsage, disk_usage, plan_image_usage,
};
pub use volumes::{
    VolumeCreate, VolumeFilter, VolumeInfo, VolumeJson, create_volume, export_volume,
    import_volume, inspect_volumes, list_volumes, parse_volume_filter, prunable_volumes,
    remove_volume, volume_exists, volume_mountpoint, volume_store,
};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::Utc;
use nix::sys::signal::Signal;
use oci_spec::runtime::Spec;

use crate::image::ImageConfig;
use crate::runtime::{self, ContainerFacts, ProcessIdentity, Rootfs, RuntimeError};
use crate::seccomp::FilterStack;
use crate::spec::{
    self, IdMapping, ImageRunConfig, RunOptions, SeccompMode, SpecError, SpecInput, UlimitResource,
};
use crate::store::{
    Container, ContainerLock, ContainerRecord, ContainerState, DamagedContainer, ImageRecord,
    LookupError, Status, Store, StoreError, remove_container_tree, remove_tree,
};
use crate::userns::Identity;

#[derive(Debug, thiserror::Error)]
pub enum ContainerError {
    #[error(
        "the container name \"{name}\" is already in use by {id}; remove that container (burrow rm -f {name}) or use --replace"
    )]
    NameInUse { name: String, id: String },
    #[error(
        "invalid container name {0:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument"
    )]
    BadName(String),
    #[error(
        "cannot remove container {0} as it is running - running or paused containers cannot be removed without force: container state improper"
    )]
    Running(String),
    #[error("container {0} is already running")]
    AlreadyRunning(String),
    #[error(
        "container {id} has dependent containers which must be removed before it: {dependents}: container already exists"
    )]
    HasDependents { id: String, dependents: String },
    /// The container could not start; `code` is podman's exit status for why (126, 127, 125).
    #[error("{message}")]
    StartFailed { code: u8, message: String },
    #[error(
        "{what} {id}: the container is {state}; start it first (burrow start {id}): container state improper"
    )]
    NotRunningFor {
        what: &'static str,
        id: String,
        state: &'static str,
    },
    #[error(transparent)]
    Monitor(#[from] crate::monitor::MonitorError),
    #[error(
        "cannot {verb} container {name}: {verb} freezes the container's cgroup, and burrow runs containers without one on this host (cgroup {version}, manager {manager}); {verb} needs cgroup v2 delegated by a systemd user session"
    )]
    NoFreezer {
        verb: &'static str,
        name: String,
        version: String,
        manager: String,
    },
    #[error("can only kill running containers. {id} is in state {state}: container state improper")]
    NotRunning { id: String, state: &'static str },
    #[error(
        "the image {image} of container {name} is no longer in storage; remove the container with: burrow rm {name}"
    )]
    ImageGone { name: String, image: String },
    #[error(
        "container {name}: its saved configuration {path} is unreadable ({reason}); remove the container with: burrow rm -f {name}"
    )]
    Corrupt {
        name: String,
        path: PathBuf,
        reason: String,
    },
    #[error(
        "layer {diff_id} of image {image} cannot be used: {problem}; pull the image again to replace it: burrow pull {image}"
    )]
    BadLayer {
        image: String,
        diff_id: String,
        problem: String,
    },
    #[error("cannot {what} {path}: {source}")]
    Io {
        what: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "cannot remove {path}: some files belong to the container's other users and removing them in burrow's user namespace failed too; remove it with: burrow unshare rm -rf {path}"
    )]
    Undeletable { path: PathBuf },
    /// `--hostuser` names no user of the host (podman's words, at create instead of start).
    #[error("creating temporary passwd file for container {id}: user: unknown {what} {user}")]
    UnknownHostUser {
        id: String,
        what: &'static str,
        user: String,
    },
    #[error(
        "failed to clean up container {0}: container {0} is running or paused, refusing to clean up: container state improper"
    )]
    CleanupRunning(String),
    #[error(transparent)]
    Lookup(#[from] LookupError),
    #[error(transparent)]
    Filter(#[from] FilterError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Spec(#[from] SpecError),
    #[error(transparent)]
    Seccomp(#[from] crate::seccomp::SeccompError),
    #[error(transparent)]
    Runtime(#[from] RuntimeError),
    #[error(transparent)]
    Userns(#[from] crate::userns::UsernsError),
    #[error(transparent)]
    Cgroup(#[from] crate::cgroups::CgroupError),
    /// podman's refusal to pause a paused container or unpause a running one.
    #[error("{0}: container state improper")]
    FreezeState(String),
    #[error(transparent)]
    Network(#[from] crate::network::NetworkError),
    #[error(transparent)]
    Volume(#[from] crate::volume::VolumeError),
    #[error("creating named volume {name:?}: {source}")]
    NamedVolume {
        name: String,
        source: crate::volume::VolumeError,
    },
    /// podman's text for a bind source that cannot be used.
    #[error("statfs {}: {reason}", path.display())]
    BindSource { path: PathBuf, reason: String },
    #[error(
        "the idmap option of the volume at {destination} needs an ID-mapped mount, which the kernel allows only to root of the host here; drop idmap: the user namespace already maps the files of a rootless container"
    )]
    IdmapUnsupported { destination: String },
    #[error("{filter:?} is an invalid volume filter")]
    BadVolumeFilter { filter: String },
    #[error("{value:?} is not a valid value for the \"dangling\" filter - must be true or false")]
    BadVolumeFilterValue { value: String },
}

impl ContainerError {
    /// podman's exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            ContainerError::Running(_) => 2,
            ContainerError::Runtime(e) => e.exit_code(),
            ContainerError::StartFailed { code, .. } => *code,
            ContainerError::Volume(e) => e.exit_code(),
            _ => 125,
        }
    }
}

fn io_err(what: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> ContainerError {
    let path = path.to_path_buf();
    move |source| ContainerError::Io { what, path, source }
}

/// The caller, and where burrow keeps volatile state (the shared user namespace's holder).
#[derive(Debug, Clone)]
pub struct Host {
    pub identity: Identity,
    pub run_root: PathBuf,
}

impl Host {
    pub fn detect(run_root: PathBuf) -> Host {
        Host {
            identity: Identity::detect(),
            run_root,
        }
    }

    /// Where a container's volatile files live: its monitor's attach socket.
    pub fn container_run_dir(&self, id: &str) -> PathBuf {
        self.run_root.join("containers").join(id)
    }

    /// Creates the container's run directory, each level the user's own and private, so no
    /// other user can have put (or swap in) a socket where burrow will listen or connect.
    pub fn create_container_run_dir(&self, id: &str) -> std::io::Result<PathBuf> {
        crate::store::ensure_private_run_root(&self.run_root)?;
        let containers = self.run_root.join("containers");
        crate::store::ensure_private_dir(&containers)?;
        let dir = containers.join(id);
        crate::store::ensure_private_dir(&dir)?;
        Ok(dir)
    }

    /// Removes the container's run directory, but only inside a run directory that is the
    /// user's own: in one another user controls, a swapped-in symlink could point the removal
    /// anywhere.
    pub fn remove_container_run_dir(&self, id: &str) {
        let containers = self.run_root.join("containers");
        if crate::store::check_private_dir(&self.run_root).is_ok()
            && crate::store::check_private_dir(&containers).is_ok()
        {
            let _ = std::fs::remove_dir_all(self.container_run_dir(id));
        }
    }
}

/// What `create` needs besides the store.
pub struct CreateRequest<'a> {
    pub options: &'a RunOptions,
    pub image: &'a ImageRecord,
    /// The image's config document.
    pub image_config: &'a ImageConfig,
    pub host: &'a Host,
}

fn random_id() -> Result<String, ContainerError> {
    use std::io::Read;
    let mut bytes = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(io_err("read", Path::new("/dev/urandom")))?;
    Ok(hex::encode(bytes))
}

/// podman's rule for container names.
fn valid_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphanumeric())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
}

/// The overlay directories of a container whose directory is `dir`. Each layer must be there
/// with a readable record: a layer whose record was damaged is not run unverified.
fn rootfs(
    store: &Store,
    image: &ImageRecord,
    dir: &Path,
    volatile: bool,
    shift: Option<&str>,
) -> Result<Rootfs, ContainerError> {
    for diff_id in &image.layers {
        let problem = match store.layer(diff_id) {
            Ok(Some(_)) => continue,
            Ok(None) => "it is missing from the store".to_string(),
            Err(StoreError::Damaged { path, reason }) => {
                format!("{} cannot be read ({reason})", path.display())
            }
            Err(e) => return Err(e.into()),
        };
        let name = image
            .names
            .first()
            .cloned()
            .unwrap_or_else(|| image.id[..12.min(image.id.len())].to_string());
        return Err(ContainerError::BadLayer {
            image: name,
            diff_id: diff_id.clone(),
            problem,
        });
    }
    Ok(Rootfs {
        volatile,
        upper: dir.join("upper"),
        work: dir.join("work"),
        merged: dir.join("merged"),
        layers: match shift {
            Some(key) => image
                .layers
                .iter()
                .map(|l| store.shifted_layer_dir(l, key))
                .collect(),
            None => store.layer_diff_dirs(image),
        },
    })
}

/// The mode of the container's `/`: the topmost layer's that set it, else 0555, as
/// containers/storage gives a layer whose tar has no `./` entry (a pull leaves such a layer's
/// root at 0555).
fn root_mode(layers: &[PathBuf]) -> u32 {
    use std::os::unix::fs::MetadataExt;
    layers
        .iter()
        .rev()
        .filter_map(|l| std::fs::metadata(l).ok())
        .map(|m| m.mode() & 0o7777)
        .find(|mode| *mode != 0o555)
        .unwrap_or(0o555)
}

/// Image size from which the keep-id layer copy (~100 MB/s here) is announced.
const NOTICE_COPY_BYTES: u64 = 32 << 20;

/// With an ID mapping other than the user's namespace's (`--userns keep-id`), the container
/// runs on copies of the image's layers whose owners are shifted so that it sees them as the
/// image says (root's files 0:0), and its upper and work directories belong to its root.
/// The copies are made in burrow's user namespace, where those owners can be set, once per
/// layer and mapping (the returned key names the mapping): later containers with the same
/// mapping reuse them, as podman's storage reuses its mapped layers.
fn shift_layers(
    store: &Store,
    image: &ImageRecord,
    staging: &Path,
    spec: &Spec,
    host: &Host,
) -> Result<String, ContainerError> {
    use sha2::Digest;
    let identity = &host.identity;
    let (to_uid, to_gid) = spec_id_maps(spec);
    let (from_uid, from_gid) = (
        id_mappings(&identity.uid_map),
        id_mappings(&identity.gid_map),
    );
    let digest = sha2::Sha256::digest(format!("{from_uid:?} {to_uid:?} {from_gid:?} {to_gid:?}"));
    let key: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    // Each missing copy is made under its layer's lock, which a removal of the layer also
    // takes; a `.partial` found under the lock is what a killed burrow left.
    let mut missing = Vec::new();
    for (diff_id, source) in image.layers.iter().zip(store.layer_diff_dirs(image)) {
        let dest = store.shifted_layer_dir(diff_id, &key);
        if dest.is_dir() {
            continue;
        }
        let lock = store.lock_layer(diff_id)?;
        if !dest.is_dir() {
            let partial = dest.with_extension("partial");
            missing.push((lock, source, partial, dest));
        }
    }
    // A big image takes seconds to copy: never silently.
    if !missing.is_empty() && image.size >= NOTICE_COPY_BYTES {
        eprintln!(
            "Copying the image's layers ({} in all) with the container's ID mapping (--userns keep-id); this is done once per image and mapping",
            crate::output::human_size(image.size)
        );
    }
    let uid = |id: u32| spec::shifted_owner(&from_uid, &to_uid, id);
    let gid = |id: u32| spec::shifted_owner(&from_gid, &to_gid, id);
    let done = crate::userns::in_namespace(identity, &host.run_root, || {
        let shift = runtime::shift::OwnerShift {
            uid: &uid,
            gid: &gid,
        };
        let root = (uid(0).unwrap_or(0), gid(0).unwrap_or(0));
        for (_, source, partial, dest) in &missing {
            let copied = crate::store::remove_tree(partial).is_ok()
                && runtime::shift::copy_shifted(source, partial, &shift).is_ok()
                && std::fs::rename(partial, dest).is_ok();
            if !copied {
                return false;
            }
        }
        ["upper", "work"]
            .iter()
            .all(|d| std::os::unix::fs::chown(staging.join(d), Some(root.0), Some(root.1)).is_ok())
    })?;
    if !done {
        // The work ran in a child that reports only whether it succeeded: name the first
        // copy still missing.
        let path = missing
            .iter()
            .map(|(_, _, _, dest)| dest.clone())
            .find(|dest| !dest.is_dir())
            .unwrap_or_else(|| staging.to_path_buf());
        return Err(ContainerError::Io {
            what: "copy the image's layer with the container's ID mapping (--userns keep-id) into",
            path,
            source: std::io::Error::other(
                "a file could not be copied or given its owner; check the free space and `burrow system check`",
            ),
        });
    }
    Ok(key)
}

/// The caller's hard limits for the resources podman raises by default.
fn host_hard_limits() -> BTreeMap<UlimitResource, u64> {
    use nix::sys::resource::{RLIM_INFINITY, Resource, getrlimit};
    let mut limits = BTreeMap::new();
    for (ours, theirs) in [
        (UlimitResource::Nofile, Resource::RLIMIT_NOFILE),
        (UlimitResource::Nproc, Resource::RLIMIT_NPROC),
    ] {
        if let Ok((_, hard)) = getrlimit(theirs)
            && hard != RLIM_INFINITY
        {
            limits.insert(ours, hard);
        }
    }
    limits
}

/// The container's UID and GID maps, as its spec gives them.
fn spec_id_maps(spec: &Spec) -> (Vec<IdMapping>, Vec<IdMapping>) {
    let maps = |spec_maps: Option<&Vec<oci_spec::runtime::LinuxIdMapping>>| -> Vec<IdMapping> {
        spec_maps
            .into_iter()
            .flatten()
            .map(|m| IdMapping {
                container_id: m.container_id(),
                host_id: m.host_id(),
                size: m.size(),
            })
            .collect()
    };
    let linux = spec.linux().as_ref();
    (
        maps(linux.and_then(|l| l.uid_mappings().as_ref())),
        maps(linux.and_then(|l| l.gid_mappings().as_ref())),
    )
}

fn id_mappings(maps: &[crate::userns::IdMap]) -> Vec<IdMapping> {
    maps.iter()
        .map(|m| IdMapping {
            container_id: m.container_id,
            host_id: m.host_id,
            size: m.size,
        })
        .collect()
}

/// The default filter for a capability set, compiled once and kept in `cache/`: compiling the
/// profile costs about a millisecond of every create, and nearly every container has the same set.
fn default_filter_cached(store: &Store, caps: &[&str]) -> Result<FilterStack, ContainerError> {
    use sha2::Digest;
    let mut key = sha2::Sha256::new();
    key.update(env!("CARGO_PKG_VERSION"));
    key.update(crate::seccomp::default_profile_hash());
    key.update(crate::seccomp::FILTER_LAYOUT);
    key.update(std::env::consts::ARCH);
    let mut sorted = caps.to_vec();
    sorted.sort_unstable();
    for cap in sorted {
        key.update(cap);
        key.update(",");
    }
    let path = store.root().join("cache").join(format!(
        "seccomp-{}.bpf",
        &hex::encode(key.finalize())[..16]
    ));
    // A cache entry that fails its checksum is compiled again and replaced.
    if let Some(program) = std::fs::read(&path)
        .ok()
        .and_then(|b| crate::seccomp::decode(&b))
    {
        return Ok(program);
    }
    let program = crate::seccomp::default_filter(caps)?;
    // A cache that cannot be written only costs the next create the compilation again.
    if std::fs::create_dir_all(path.parent().unwrap_or(store.root())).is_ok() {
        let _ = crate::store::write_replace(&path, &crate::seccomp::encode(&program));
    }
    Ok(program)
}

/// The compiled seccomp filter for the chosen mode and the container's capabilities.
fn seccomp_filter(
    store: &Store,
    options: &RunOptions,
    spec: &Spec,
) -> Result<Option<FilterStack>, ContainerError> {
    if options.privileged {
        return Ok(None);
    }
    let caps: Vec<String> = spec
        .process()
        .as_ref()
        .and_then(|p| p.capabilities().as_ref())
        .and_then(|c| c.bounding().clone())
        .map(|set| set.iter().map(|c| c.to_string()).collect())
        .unwrap_or_default();
    let caps: Vec<&str> = caps.iter().map(String::as_str).collect();
    Ok(match &options.seccomp {
        SeccompMode::Unconfined => None,
        SeccompMode::Default => Some(default_filter_cached(store, &caps)?),
        SeccompMode::Profile(path) => {
            let text =
                std::fs::read_to_string(path).map_err(io_err("read seccomp profile", path))?;
            let profile = crate::seccomp::load_profile(&text, path)?;
            Some(crate::seccomp::filter(&profile, &caps)?)
        }
    })
}

/// A container that is created and ready to start, with what starting it needs in memory.
pub struct Created {
    pub container: Container,
    spec: Spec,
    seccomp: Option<FilterStack>,
    rootfs: Rootfs,
}

/// Creates a container: plans its spec and seccomp filter, prepares its directories and
/// publishes its record. With `--replace`, a container holding the name is removed first.
pub fn create(store: &Store, request: &CreateRequest) -> Result<Created, ContainerError> {
    let options = request.options;
    if let Some(name) = &options.name
        && !valid_name(name)
    {
        return Err(ContainerError::BadName(name.clone()));
    }
    let id = random_id()?;
    let names = store.lock_container_names()?;
    let (existing, leftovers) = store.containers_and_leftovers()?;
    for (path, _lock) in leftovers {
        delete_dir(&path, request.host)?;
    }
    let name = match &options.name {
        Some(name) => {
            if let Some(other) = existing.iter().find(|c| &c.record.name == name) {
                if !options.replace {
                    return Err(ContainerError::NameInUse {
                        name: name.clone(),
                        id: other.record.id.clone(),
                    });
                }
                remove(store, &other.record.id, true, None, request.host)?;
            }
            name.clone()
        }
        None => names::generate(|n| existing.iter().any(|c| c.record.name == n)),
    };
    let staging = store.container_staging_dir(&id);
    let mut made_volumes = Vec::new();
    let result = prepare(store, request, &id, &name, &staging, &mut made_volumes);
    if result.is_err() {
        let _ = remove_tree(&staging);
        volumes::remove_made(store, request.host, &made_volumes);
    }
    let created = result.map_err(|e| match crate::store::out_of_space(store.root()) {
        Some(full) => ContainerError::StartFailed {
            code: 125,
            message: format!("{e}: {full}"),
        },
        None => e,
    })?;
    // Under the image-list lock, which `rmi` holds while it checks for users: the image is
    // either still there and now in use, or gone and the create fails.
    let images = store.lock_images()?;
    if !images.images.iter().any(|i| i.id == request.image.id) {
        let _ = remove_tree(&staging);
        volumes::remove_made(store, request.host, &made_volumes);
        return Err(ContainerError::ImageGone {
            name,
            image: request.image.id[..12.min(request.image.id.len())].into(),
        });
    }
    crate::failpoint!("create.prepared");
    store.publish_container(&created.container.record, &created.container.state)?;
    drop(images);
    drop(names);
    event(store, "create", &created.container.record);
    Ok(created)
}

/// Fills the staging directory of a new container; paths in the spec point at its final place.
fn prepare(
    store: &Store,
    request: &CreateRequest,
    id: &str,
    name: &str,
    staging: &Path,
    made_volumes: &mut Vec<String>,
) -> Result<Created, ContainerError> {
    let image = request.image;
    let identity = &request.host.identity;
    let dir = store.container_dir(id);
    let mut rootfs = rootfs(store, image, &dir, request.options.rm, None)?;
    for sub in ["upper", "work", "merged", "userdata"] {
        let path = staging.join(sub);
        std::fs::create_dir_all(&path).map_err(io_err("create", &path))?;
    }
    // The overlay's root is the upper directory's: it gets the image's `/`.
    let upper = staging.join("upper");
    std::fs::set_permissions(
        &upper,
        std::os::unix::fs::PermissionsExt::from_mode(root_mode(&rootfs.layers)),
    )
    .map_err(io_err("set the mode of", &upper))?;
    let resolved = volumes::resolve(
        store,
        request.options,
        request.image_config.config.as_ref(),
        &dir,
        staging,
        made_volumes,
    )?;
    let options = &resolved.options;
    let run_config = ImageRunConfig::from_config_value(request.image_config.config.as_ref())?;
    let passwd = runtime::read_layer_file(&rootfs.layers, Path::new("/etc/passwd"));
    let group = runtime::read_layer_file(&rootfs.layers, Path::new("/etc/group"));
    let host_hostname = nix::unistd::gethostname()
        .map(|h| h.to_string_lossy().into_owned())
        .unwrap_or_default();
    let hostname = options.hostname.clone().unwrap_or_else(|| id[..12].into());
    let image_name = image.names.first().cloned().unwrap_or_default();
    let mut planned = network::plan(
        options,
        request.image_config.config.as_ref(),
        &hostname,
        name,
    )?;
    // A container in another's network namespace shares its view of names, as in podman.
    if let spec::NetworkMode::Container(donor) = &options.network {
        let files = runtime::container_files_in(&store.container_dir(donor).join("userdata"));
        if let Ok(text) = std::fs::read_to_string(&files.resolv_conf) {
            planned.resolv_conf = text;
        }
        if let (Some(_), Ok(text)) = (&planned.hosts, std::fs::read_to_string(&files.hosts)) {
            planned.hosts = Some(text);
        }
    }
    let network_path = crate::network::NetworkConfig::path_in(&staging.join("userdata"));
    crate::store::write_private(&network_path, &planned.config.to_json())
        .map_err(io_err("write", &network_path))?;
    runtime::write_container_files(
        &staging.join("userdata"),
        &ContainerFacts {
            id,
            name,
            hostname: &hostname,
            image_name: &image_name,
            image_id: &image.id,
            rootless: identity.rootless(),
            privileged: options.privileged,
            graph_root_mounted: options.volumes.iter().any(|v| match &v.source {
                spec::VolumeSource::Host(path) => store.root().starts_with(path),
                _ => false,
            }),
            hosts: planned.hosts.as_deref(),
            resolv_conf: &planned.resolv_conf,
        },
    )
    .map_err(io_err("write the container's files in", staging))?;
    let files = runtime::container_files_in(&dir.join("userdata"));
    let host_env: Vec<(String, String)> = std::env::vars().collect();
    let limits = host_hard_limits();
    let uid_map = id_mappings(&identity.uid_map);
    let gid_map = id_mappings(&identity.gid_map);
    let spec = spec::build_spec(&SpecInput {
        container_id: id,
        image: &run_config,
        options,
        rootfs: &rootfs.merged,
        files: &files,
        own_uid: identity.uid,
        own_gid: identity.gid,
        uid_map: &uid_map,
        gid_map: &gid_map,
        passwd: passwd.as_deref(),
        group: group.as_deref(),
        host_env: &host_env,
        host_hostname: &host_hostname,
        host_hard_limits: &limits,
        host_bounding_set: None,
        seccomp: None,
    })?;
    let (passwd_entries, group_entries) = account_entries(options, identity, &spec, id)?;
    let layer_shift = if matches!(options.userns, spec::UsernsMode::KeepId { .. })
        && identity.rootless()
        && !identity.single_id()
    {
        let key = shift_layers(store, image, staging, &spec, request.host)?;
        rootfs.layers = image
            .layers
            .iter()
            .map(|l| store.shifted_layer_dir(l, &key))
            .collect();
        Some(key)
    } else {
        None
    };
    // From the layers the container runs on (a keep-id container's shifted copies), so the
    // copied files have the owners the container sees in the image; `:U` then chowns them too.
    volumes::copy_up(
        store,
        request.host,
        &resolved.mounts,
        &rootfs.layers,
        &staging.join("copyup"),
    )?;
    volumes::chown_for_user(request.host, &options.volumes, &spec)?;
    let seccomp = seccomp_filter(store, options, &spec)?;
    let spec_path = staging.join("userdata/config.json");
    let spec_json = serde_json::to_vec(&spec).expect("runtime specs serialize");
    crate::store::write_private(&spec_path, &spec_json).map_err(io_err("write", &spec_path))?;
    if let Some(program) = &seccomp {
        let path = staging.join("userdata/seccomp.bpf");
        crate::store::write_private(&path, &crate::seccomp::encode(program))
            .map_err(io_err("write", &path))?;
    }
    let (entrypoint, cmd) = spec::entrypoint_and_cmd(&run_config, options);
    let record = ContainerRecord {
        id: id.to_string(),
        name: name.to_string(),
        image_id: image.id.clone(),
        image_name,
        image_digest: image.digest.clone(),
        created: Utc::now(),
        command: spec
            .process()
            .as_ref()
            .and_then(|p| p.args().clone())
            .unwrap_or_default(),
        entrypoint,
        cmd,
        create_command: std::env::args().collect(),
        labels: spec::merged_labels(&run_config, options),
        auto_remove: options.rm,
        init: options.init,
        privileged: options.privileged,
        cap_add: cap_names(&options.cap_add),
        cap_drop: cap_names(&options.cap_drop),
        // systemd as PID 1 stops on SIGRTMIN+3 (podman's rule: the flag's or the image's
        // signal still wins).
        stop_signal: options
            .stop_signal
            .clone()
            .or_else(|| run_config.stop_signal.clone())
            .or_else(|| spec::systemd_mode(&run_config, options).then(|| "SIGRTMIN+3".to_string())),
        stop_timeout: options.stop_timeout,
        tty: options.tty,
        stdin_open: options.interactive,
        restart: options.restart,
        log_driver: options.log_driver,
        log_size_max: options.log_size_max,
        resources: options.resources.clone(),
        cgroup: options.cgroup.clone(),
        dependencies: namespace_donors(options),
        ipc: ipc_text(&options.ipc),
        remove_image: options.remove_image,
        timeout: options.timeout,
        passwd_entries,
        group_entries,
        layer_shift,
        mounts: resolved.mounts,
        volume_path: store.volume_path_override().map(Path::to_path_buf),
    };
    Ok(Created {
        container: Container {
            record,
            state: ContainerState::default(),
        },
        spec,
        seccomp,
        rootfs,
    })
}

/// `--ipc` as podman's inspect shows it.
fn ipc_text(mode: &spec::IpcMode) -> String {
    match mode {
        spec::IpcMode::Shareable => "shareable".into(),
        spec::IpcMode::Private => "private".into(),
        spec::IpcMode::None => "none".into(),
        spec::IpcMode::Host => "host".into(),
        spec::IpcMode::Container(id) => format!("container:{id}"),
    }
}

/// The containers whose namespaces this one joins (`--network container:ID`, `--ipc
/// container:ID`): it depends on them.
fn namespace_donors(options: &RunOptions) -> Vec<String> {
    let mut donors = Vec::new();
    if let spec::NetworkMode::Container(id) = &options.network {
        donors.push(id.clone());
    }
    if let spec::IpcMode::Container(id) = &options.ipc
        && !donors.contains(id)
    {
        donors.push(id.clone());
    }
    donors
}

/// The container whose IPC namespace this one joins (`--ipc container:ID`).
pub fn ipc_donor(record: &ContainerRecord) -> Option<&str> {
    record.ipc.strip_prefix("container:")
}

/// A user of the host, by name, else by number (podman's `util.LookupUser`).
fn host_account(user: &str) -> Option<spec::HostAccount> {
    let found = nix::unistd::User::from_name(user)
        .ok()
        .flatten()
        .or_else(|| {
            let uid = user.parse().ok()?;
            nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))
                .ok()
                .flatten()
        })?;
    Some(spec::HostAccount {
        name: found.name,
        uid: found.uid.as_raw(),
        gid: found.gid.as_raw(),
        full_name: found.gecos.to_string_lossy().into_owned(),
        home: found.dir.to_string_lossy().into_owned(),
    })
}

/// The passwd and group lines the container gets at its start, each unless the image has the
/// name or ID: every `--hostuser`'s, then the user's own with `--userns keep-id` (podman's
/// AddCurrentUserPasswdEntry), so that `id` and `whoami` know the user inside.
fn account_entries(
    options: &RunOptions,
    identity: &Identity,
    spec: &Spec,
    id: &str,
) -> Result<(Vec<String>, Vec<String>), ContainerError> {
    let workdir = spec
        .process()
        .as_ref()
        .map(|p| p.cwd().to_string_lossy().into_owned())
        .unwrap_or_else(|| "/".into());
    let destinations: Vec<String> = spec
        .mounts()
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|m| m.destination().to_string_lossy().into_owned())
        .collect();
    let destinations: Vec<&str> = destinations.iter().map(String::as_str).collect();
    let mut passwd = Vec::new();
    let mut group = Vec::new();
    for user in &options.host_users {
        let account = host_account(user).ok_or_else(|| ContainerError::UnknownHostUser {
            id: id.to_string(),
            what: if user.parse::<u32>().is_ok() {
                "userid"
            } else {
                "user"
            },
            user: user.clone(),
        })?;
        passwd.push(spec::passwd_line(&account, &destinations, &workdir));
    }
    if let spec::UsernsMode::KeepId { uid, gid } = options.userns
        && identity.uid != 0
        && let Some(mut account) = host_account(&identity.uid.to_string())
    {
        // The user's entries carry the IDs they have inside (`keep-id:uid=,gid=`).
        account.uid = uid.unwrap_or(account.uid);
        account.gid = gid.unwrap_or(account.gid);
        passwd.push(spec::passwd_line(&account, &destinations, &workdir));
        if let Ok(Some(g)) = nix::unistd::Group::from_gid(nix::unistd::Gid::from_raw(identity.gid))
        {
            group.push(format!("{}:x:{}:{}", g.name, account.gid, account.name));
        }
    }
    Ok((passwd, group))
}

/// Capability flags as podman's inspect lists them.
fn cap_names(set: &spec::CapabilitySet) -> Vec<String> {
    let mut names: Vec<String> = set.names.iter().map(|c| format!("CAP_{c}")).collect();
    if set.all {
        names.insert(0, "ALL".into());
    }
    names
}

/// The container's saved spec and compiled seccomp filter (none when it runs unconfined).
fn read_saved(
    store: &Store,
    container: &Container,
) -> Result<(Spec, Option<FilterStack>), ContainerError> {
    let userdata = store.container_dir(&container.record.id).join("userdata");
    let corrupt = |path: &Path, reason: String| ContainerError::Corrupt {
        name: container.record.name.clone(),
        path: path.to_path_buf(),
        reason,
    };
    let spec_path = userdata.join("config.json");
    let spec: Spec = std::fs::read(&spec_path)
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
        .map_err(|reason| corrupt(&spec_path, reason))?;
    let bpf_path = userdata.join("seccomp.bpf");
    let seccomp = match std::fs::read(&bpf_path) {
        Ok(bytes) => Some(
            crate::seccomp::decode(&bytes)
                .ok_or_else(|| corrupt(&bpf_path, "not a compiled filter".into()))?,
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_err("read", &bpf_path)(e)),
    };
    Ok((spec, seccomp))
}

/// Loads what starting a created container needs from its directory.
fn load(store: &Store, container: Container) -> Result<Created, ContainerError> {
    let dir = store.container_dir(&container.record.id);
    let (spec, seccomp) = read_saved(store, &container)?;
    let image = store
        .images()?
        .into_iter()
        .find(|i| i.id == container.record.image_id)
        .ok_or_else(|| ContainerError::ImageGone {
            name: container.record.name.clone(),
            image: container.record.image_id[..12.min(container.record.image_id.len())].into(),
        })?;
    let rootfs = rootfs(
        store,
        &image,
        &dir,
        container.record.auto_remove,
        container.record.layer_shift.as_deref(),
    )?;
    Ok(Created {
        container,
        spec,
        seccomp,
        rootfs,
    })
}

/// The state a user should see: a recorded running process that is gone ended unobserved,
/// unless its monitor still lives (it is about to record the real end).
pub fn current_state(state: &ContainerState) -> ContainerState {
    match running_process(state) {
        Some(p) if !p.alive() && !monitor_alive(state) => state.ended_unobserved(Utc::now()),
        _ => state.clone(),
    }
}

/// The recorded monitor, if any.
fn monitor_process(state: &ContainerState) -> Option<ProcessIdentity> {
    Some(ProcessIdentity {
        pid: state.monitor_pid?,
        start_time: state.monitor_start?,
        boot_id: state.boot_id.clone().unwrap_or_default(),
    })
}

fn monitor_alive(state: &ContainerState) -> bool {
    monitor_process(state).is_some_and(|m| m.alive())
}

/// Whether a container's process runs now (for `logs -f` and `wait`).
pub fn is_running(store: &Store, id: &str) -> bool {
    store
        .container(id)
        .ok()
        .flatten()
        .is_some_and(|c| running_process(&c.state).is_some_and(|p| p.alive()))
}

/// The container's recorded first process, if it is recorded as running.
pub fn running_process(state: &ContainerState) -> Option<ProcessIdentity> {
    if state.status != Status::Running {
        return None;
    }
    Some(ProcessIdentity {
        pid: state.pid?,
        start_time: state.pid_start?,
        boot_id: state.boot_id.clone().unwrap_or_default(),
    })
}

/// Every container with its current state. Ends nobody observed (the burrow waiting for the
/// container was killed) are written down when the container is not busy, so they keep their
/// finish time; an `--rm` container that ended so is removed then, as its owner would have.
pub fn list(store: &Store, host: &Host) -> Result<Vec<Container>, ContainerError> {
    Ok(list_with_damaged(store, host)?.0)
}

/// `list`, and the containers whose record or state cannot be read (shown as unknown by `ps`,
/// removed by `rm -f`).
pub fn list_with_damaged(
    store: &Store,
    host: &Host,
) -> Result<(Vec<Container>, Vec<DamagedContainer>), ContainerError> {
    let (mut containers, damaged) = store.scan_containers()?;
    let mut removed = Vec::new();
    for c in &mut containers {
        let now = current_state(&c.state);
        if now == c.state {
            continue;
        }
        c.state = now;
        let mut lock = match store.try_lock_container(&c.record.id) {
            Ok(Some(lock)) => lock,
            // Busy, removed, or damaged since it was read: shown as read.
            Ok(None) | Err(StoreError::DamagedContainer { .. }) => continue,
            Err(e) => return Err(e.into()),
        };
        let fresh = current_state(&lock.container.state);
        if fresh.status == Status::Exited && lock.container.record.auto_remove {
            let record = lock.container.record.clone();
            let doomed = store.unpublish_container(lock)?;
            delete_dir(&doomed, host)?;
            volumes::remove_anonymous(store, host, &record);
            removed.push(c.record.id.clone());
            continue;
        }
        store.save_state(&mut lock, fresh.clone())?;
        c.state = fresh;
    }
    containers.retain(|c| !removed.contains(&c.record.id));
    Ok((containers, damaged))
}

/// How a damaged container is listed: what could be read of it, in the state `unknown`.
pub fn shown_as_unknown(d: DamagedContainer) -> Container {
    let record = d.record.unwrap_or_else(|| ContainerRecord {
        id: d.id.clone(),
        created: d.modified.unwrap_or(chrono::DateTime::<Utc>::UNIX_EPOCH),
        ..ContainerRecord::default()
    });
    Container {
        record,
        state: ContainerState {
            status: Status::Unknown,
            ..d.state.unwrap_or_default()
        },
    }
}

/// Finds one container by name, ID or ID prefix. A damaged container that `key` names gets
/// the error that says which file is damaged and how to remove it.
pub fn find(store: &Store, host: &Host, key: &str) -> Result<Container, ContainerError> {
    let (all, damaged) = list_with_damaged(store, host)?;
    match crate::store::lookup(&all, key) {
        Ok(c) => Ok(c.clone()),
        Err(LookupError::NotFound(_)) if damaged.iter().any(|d| d.matches(key)) => {
            let d = damaged.iter().find(|d| d.matches(key)).expect("checked");
            Err(d.error().into())
        }
        Err(e) => Err(e.into()),
    }
}

/// Each key the user gave, with the ID it names or why it names none.
pub type Targets = Vec<(String, Result<String, ContainerError>)>;

/// The IDs `keys` name, damaged containers included (for commands that act on IDs and get
/// the damaged container's error, or remove it): each key with the ID or why it names none.
pub fn resolve(store: &Store, host: &Host, keys: &[String]) -> Result<Targets, ContainerError> {
    let (all, damaged) = list_with_damaged(store, host)?;
    Ok(keys
        .iter()
        .map(|key| {
            let found = match crate::store::lookup(&all, key) {
                Ok(c) => Ok(c.record.id.clone()),
                Err(LookupError::NotFound(_)) if damaged.iter().any(|d| d.matches(key)) => {
                    let mut matching = damaged.iter().filter(|d| d.matches(key));
                    match (matching.next(), matching.next()) {
                        (Some(d), None) => Ok(d.id.clone()),
                        _ => Err(LookupError::Ambiguous(key.clone()).into()),
                    }
                }
                Err(e) => Err(e.into()),
            };
            (key.clone(), found)
        })
        .collect())
}

/// Whether the container can live in the user's shared user namespace: it asks for a user
/// namespace with exactly the user's default mapping (not keep-id, nomap or host).
fn shares_userns(spec: &Spec, identity: &Identity) -> bool {
    let Some(linux) = spec.linux() else {
        return false;
    };
    let wants_new = linux.namespaces().as_ref().is_some_and(|list| {
        list.iter()
            .any(|n| n.typ() == oci_spec::runtime::LinuxNamespaceType::User && n.path().is_none())
    });
    let same = |spec_maps: &Option<Vec<oci_spec::runtime::LinuxIdMapping>>,
                ours: &[crate::userns::IdMap]| {
        spec_maps.as_ref().is_some_and(|maps| {
            maps.len() == ours.len()
                && maps.iter().zip(ours).all(|(a, b)| {
                    a.container_id() == b.container_id
                        && a.host_id() == b.host_id
                        && a.size() == b.size
                })
        })
    };
    wants_new
        && identity.rootless()
        && !identity.single_id()
        && same(linux.uid_mappings(), &identity.uid_map)
        && same(linux.gid_mappings(), &identity.gid_map)
}

/// Writes down how the container's process ended, unless someone removed or restarted it
/// meanwhile. A `ps` that saw the process gone first may have written an unobserved end (-1)
/// for this same start; the real code replaces it.
///
/// Returns the state after, or `None` if the container is gone or was started again.
fn record_exit(
    store: &Store,
    id: &str,
    started_at: Option<chrono::DateTime<Utc>>,
    code: i32,
    oom_killed: bool,
) -> Result<Option<ContainerState>, ContainerError> {
    let Some(mut lock) = store.lock_container(id)? else {
        return Ok(None);
    };
    let state = &lock.container.state;
    if state.status == Status::Created || state.started_at != started_at {
        return Ok(None);
    }
    let exited = ContainerState {
        status: Status::Exited,
        finished_at: Some(Utc::now()),
        exit_code: Some(code),
        oom_killed,
        pid: None,
        pid_start: None,
        boot_id: None,
        monitor_pid: None,
        monitor_start: None,
        paused: false,
        ..state.clone()
    };
    store.save_state(&mut lock, exited.clone())?;
    Ok(Some(exited))
}

/// podman's default time between the stop signal and SIGKILL.
pub const STOP_TIMEOUT: Duration = Duration::from_secs(10);

/// The container's stop signal: `--stop-signal`, else the image's, else SIGTERM.
fn stop_signal(container: &Container) -> i32 {
    container
        .record
        .stop_signal
        .as_deref()
        .and_then(|s| spec::parse_signal(s).ok())
        .unwrap_or(Signal::SIGTERM as i32)
}

/// The container's own stop timeout (`--stop-timeout`), else podman's default.
pub fn stop_timeout(container: &Container) -> Duration {
    container
        .record
        .stop_timeout
        .map(Duration::from_secs)
        .unwrap_or(STOP_TIMEOUT)
}

/// Stops a running container: its stop signal, then SIGKILL after `timeout`. Killing PID 1
/// of the container's PID namespace takes every process in it along (this host has no cgroup
/// to freeze first; the PID namespace is what holds the container together).
fn stop_process(
    container: &Container,
    process: &ProcessIdentity,
    timeout: Duration,
) -> Result<(), ContainerError> {
    let Some(handle) = process.open() else {
        return Ok(());
    };
    let signal = stop_signal(container);
    let sent = |e: std::io::Error| ContainerError::Io {
        what: "signal the process of container",
        path: PathBuf::from(&container.record.name),
        source: e,
    };
    let cgroup = crate::cgroups::of_process(process.pid, &container.record.id);
    if !timeout.is_zero() {
        handle.send(signal).map_err(sent)?;
        // A paused container is thawed so that it can act on the signal, as podman does.
        if let Some(cgroup) = cgroup
            .as_ref()
            .filter(|c| crate::cgroups::fs::is_frozen(&c.dir()))
        {
            let _ = crate::cgroups::fs::freeze(&cgroup.dir(), false, &container.record.name);
        }
        if handle.wait_exit(timeout) {
            return Ok(());
        }
        tracing::warn!(
            "StopSignal {} failed to stop container {} in {} seconds, resorting to SIGKILL",
            spec::signal_name(signal),
            container.record.name,
            timeout.as_secs()
        );
    }
    // With a cgroup, everything in it is frozen first, so nothing forks between the kill
    // and its end, then killed at once (a frozen process still dies of SIGKILL).
    if let Some(cgroup) = &cgroup {
        let _ = crate::cgroups::fs::freeze(&cgroup.dir(), true, &container.record.name);
        let _ = crate::cgroups::fs::kill_all(&cgroup.dir());
    }
    handle.signal(Signal::SIGKILL).map_err(sent)?;
    handle.wait_exit(Duration::from_secs(30));
    Ok(())
}

/// Marks a locked container as ended by the user, so its restart policy leaves it be;
/// `stopping` while a `stop` waits for it to end.
fn mark_stopped_by_user(
    store: &Store,
    lock: &mut ContainerLock,
    stopping: bool,
) -> Result<(), ContainerError> {
    let state = ContainerState {
        stopped_by_user: true,
        stopping,
        ..lock.container.state.clone()
    };
    store.save_state(lock, state)?;
    Ok(())
}

/// Waits (a bounded time) until the monitor has recorded the end of the process that ran at
/// `started_at`, so the caller's next command sees the real exit code.
fn await_recorded_end(store: &Store, id: &str, started_at: Option<chrono::DateTime<Utc>>) {
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while std::time::Instant::now() < deadline {
        match store.container(id) {
            Ok(Some(c))
                if c.state.status == Status::Running
                    && c.state.started_at == started_at
                    && monitor_alive(&c.state) =>
            {
                std::thread::sleep(Duration::from_millis(2));
            }
            _ => return,
        }
    }
}

/// Stops a container by exact ID if it runs: its stop signal, then SIGKILL after `timeout`
/// (the container's own when `None`). Stopping a container that is not running does nothing,
/// as in podman. Returns once the end is recorded.
pub fn stop(store: &Store, id: &str, timeout: Option<Duration>) -> Result<(), ContainerError> {
    let Some(mut lock) = store.lock_container(id)? else {
        return Err(LookupError::NotFound(id.to_string()).into());
    };
    let Some(process) = running_process(&lock.container.state).filter(|p| p.alive()) else {
        return Ok(());
    };
    mark_stopped_by_user(store, &mut lock, true)?;
    let started_at = lock.container.state.started_at;
    let timeout = timeout.unwrap_or_else(|| stop_timeout(&lock.container));
    let container = lock.container.clone();
    // Unlocked while it stops: the monitor needs the lock to record the end.
    drop(lock);
    stop_process(&container, &process, timeout)?;
    await_recorded_end(store, id, started_at);
    event(store, "stop", &container.record);
    Ok(())
}

/// Sends `signal` to a running container's first process. Signals that end a process mark it
/// stopped by the user, as podman's kill does, so no restart policy brings it back.
pub fn kill(store: &Store, id: &str, signal: i32) -> Result<(), ContainerError> {
    let Some(mut lock) = store.lock_container(id)? else {
        return Err(LookupError::NotFound(id.to_string()).into());
    };
    let handle = running_process(&lock.container.state).and_then(|p| p.open());
    let Some(handle) = handle else {
        return Err(ContainerError::NotRunning {
            id: lock.container.record.id.clone(),
            state: current_state(&lock.container.state).status.as_str(),
        });
    };
    let ends = [Signal::SIGKILL, Signal::SIGTERM, Signal::SIGINT].map(|s| s as i32);
    if ends.contains(&signal) || signal == stop_signal(&lock.container) {
        mark_stopped_by_user(store, &mut lock, false)?;
    }
    handle.send(signal).map_err(|e| ContainerError::Io {
        what: "signal the process of container",
        path: PathBuf::from(&lock.container.record.name),
        source: e,
    })?;
    event(store, "kill", &lock.container.record);
    Ok(())
}

/// What `wait --condition` waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitCondition {
    Running,
    /// Not running (podman's stopped and exited).
    Stopped,
    Created,
}

impl WaitCondition {
    pub fn parse(text: &str) -> Option<WaitCondition> {
        match text {
            "running" => Some(WaitCondition::Running),
            "stopped" | "exited" => Some(WaitCondition::Stopped),
            "created" | "configured" => Some(WaitCondition::Created),
            _ => None,
        }
    }
}

/// Waits until a container meets `condition`; returns its exit code (-1 for conditions other
/// than stopped, as podman prints).
pub fn wait(store: &Store, id: &str, condition: WaitCondition) -> Result<i32, ContainerError> {
    loop {
        let Some(container) = store.container(id)? else {
            return Err(LookupError::NotFound(id.to_string()).into());
        };
        let now = current_state(&container.state);
        match condition {
            WaitCondition::Stopped if now.status != Status::Running => {
                return Ok(now.exit_code.unwrap_or(0));
            }
            WaitCondition::Running if now.status == Status::Running => return Ok(-1),
            WaitCondition::Created if now.status == Status::Created => return Ok(-1),
            WaitCondition::Stopped => {
                // Wait for the process itself, then for its monitor to record the end.
                if let Some(handle) = running_process(&now).and_then(|p| p.open()) {
                    handle.wait_exit(Duration::from_secs(3600));
                }
                // The loop's next read returns the recorded code, or waits for a restart.
                await_recorded_end(store, id, now.started_at);
            }
            // A state change is a rename of state.json; checked often, it costs a stat.
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// Removes a container by exact ID: with `force`, a running one is stopped first (`timeout`,
/// or the container's own). Its anonymous volumes stay (podman's `rm` without `-v`).
pub fn remove(
    store: &Store,
    id: &str,
    force: bool,
    timeout: Option<Duration>,
    host: &Host,
) -> Result<(), ContainerError> {
    remove_with_volumes(store, id, force, timeout, host, false)
}

/// `remove`, and with `volumes` (`rm -v`, `--rm`) the container's anonymous volumes that no
/// other container uses.
pub fn remove_with_volumes(
    store: &Store,
    id: &str,
    force: bool,
    timeout: Option<Duration>,
    host: &Host,
    volumes: bool,
) -> Result<(), ContainerError> {
    let mut lock = match store.lock_container(id) {
        Ok(Some(lock)) => lock,
        Ok(None) => return Err(LookupError::NotFound(id.to_string()).into()),
        Err(StoreError::DamagedContainer { .. }) => return remove_damaged(store, id, force, host),
        Err(e) => return Err(e.into()),
    };
    let running = running_process(&lock.container.state).filter(|p| p.alive());
    if running.is_some() && !force {
        return Err(ContainerError::Running(lock.container.record.id.clone()));
    }
    let dependents = dependents_of(store, id)?;
    if !dependents.is_empty() {
        return Err(ContainerError::HasDependents {
            id: id.to_string(),
            dependents: dependents.join(", "),
        });
    }
    if let Some(process) = running {
        mark_stopped_by_user(store, &mut lock, false)?;
        let timeout = timeout.unwrap_or_else(|| stop_timeout(&lock.container));
        stop_process(&lock.container, &process, timeout)?;
    }
    let record = lock.container.record.clone();
    let doomed = store.unpublish_container(lock)?;
    crate::failpoint!("rm.unpublished");
    host.remove_container_run_dir(id);
    delete_dir(&doomed, host)?;
    event(store, "remove", &record);
    if volumes {
        volumes::remove_anonymous(store, host, &record);
    }
    sweep_removals(store, host);
    Ok(())
}

/// The IDs of the containers that depend on container `id` (they join a namespace of it).
fn dependents_of(store: &Store, id: &str) -> Result<Vec<String>, ContainerError> {
    let (all, _) = store.scan_containers()?;
    Ok(all
        .into_iter()
        .filter(|c| c.record.dependencies.iter().any(|d| d == id))
        .map(|c| c.record.id)
        .collect())
}

/// The order in which to remove `ids` and every container that depends on them (`rm
/// --depend`, `rm -a`): each container after all of its dependents.
pub fn removal_order(store: &Store, ids: &[String]) -> Result<Vec<String>, ContainerError> {
    let (all, _) = store.scan_containers()?;
    let mut order = Vec::new();
    // Depth-first over "is depended on by"; `order` doubles as the visited set, so a cycle a
    // hand-edited record could make ends instead of looping.
    fn visit(id: &str, all: &[Container], seen: &mut Vec<String>, order: &mut Vec<String>) {
        if seen.iter().any(|s| s == id) {
            return;
        }
        seen.push(id.to_string());
        for c in all
            .iter()
            .filter(|c| c.record.dependencies.iter().any(|d| d == id))
        {
            visit(&c.record.id, all, seen, order);
        }
        order.push(id.to_string());
    }
    let mut seen = Vec::new();
    for id in ids {
        visit(id, &all, &mut seen, &mut order);
    }
    Ok(order)
}

/// Starts, in order, every container that container `id` depends on and that is not running
/// (podman starts a container's dependencies with it).
pub fn start_dependencies(store: &Store, host: &Host, id: &str) -> Result<(), ContainerError> {
    fn visit(
        store: &Store,
        id: &str,
        seen: &mut Vec<String>,
        order: &mut Vec<String>,
    ) -> Result<(), ContainerError> {
        if seen.iter().any(|s| s == id) {
            return Ok(());
        }
        seen.push(id.to_string());
        let Some(c) = store.container(id)? else {
            return Err(LookupError::NotFound(id.to_string()).into());
        };
        for dep in &c.record.dependencies {
            visit(store, dep, seen, order)?;
        }
        order.push(id.to_string());
        Ok(())
    }
    let (mut seen, mut order) = (Vec::new(), Vec::new());
    visit(store, id, &mut seen, &mut order)?;
    for dep in order.iter().filter(|d| *d != id) {
        if !is_running(store, dep) {
            start_monitored(store, host, dep, StartOptions::default())?;
        }
    }
    Ok(())
}

/// Finishes removals a killed burrow left (`.<id>.removing` directories whose lock is free):
/// every command that removes containers does, not only `create`.
fn sweep_removals(store: &Store, host: &Host) {
    for (path, _lock) in store.abandoned_removals() {
        let _ = delete_dir(&path, host);
    }
}

/// Removes a container whose record or state cannot be read. What still runs of it is found
/// through what can be read (its state, else its monitor's command line, which names its ID)
/// and, with `force`, killed before the directory goes; without `force` a container with live
/// processes is refused, as a running one is.
fn remove_damaged(store: &Store, id: &str, force: bool, host: &Host) -> Result<(), ContainerError> {
    let dir = store.container_dir(id);
    // The lock still guards the directory: a monitor recording an end waits for it.
    let lock = match crate::store::Lock::exclusive(&dir.join("lock")) {
        Ok(lock) => Some(lock),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_err("lock", &dir)(e)),
    };
    let damaged = store.damaged_container(id)?;
    let state = damaged.as_ref().and_then(|d| d.state.clone());
    let mut processes: Vec<ProcessIdentity> = Vec::new();
    if let Some(state) = &state {
        processes.extend(running_process(state).filter(|p| p.alive()));
        processes.extend(monitor_process(state).filter(|p| p.alive()));
    }
    for monitor in monitored::monitors_of(id) {
        // The monitor's children are the container's first process (and an exec's helper).
        processes.extend(
            runtime::children(monitor.pid)
                .into_iter()
                .filter_map(ProcessIdentity::of),
        );
        processes.push(monitor);
    }
    processes.dedup_by_key(|p| p.pid);
    if !processes.is_empty() {
        if !force {
            return Err(ContainerError::Running(id.to_string()));
        }
        // The container's processes first, then the monitors (listed last), so no monitor
        // outlives a container it could restart.
        let handles: Vec<_> = processes.iter().filter_map(ProcessIdentity::open).collect();
        for handle in &handles {
            let _ = handle.signal(Signal::SIGKILL);
        }
        for handle in &handles {
            handle.wait_exit(Duration::from_secs(10));
        }
    }
    let doomed = store.unpublish_damaged_container(id)?;
    drop(lock);
    host.remove_container_run_dir(id);
    delete_dir(&doomed, host)?;
    if let Some(record) = damaged.and_then(|d| d.record) {
        event(store, "remove", &record);
    }
    Ok(())
}

/// Renames a container, under the names lock so the new name stays unique.
pub fn rename(store: &Store, id: &str, new_name: &str) -> Result<(), ContainerError> {
    if !valid_name(new_name) {
        return Err(ContainerError::BadName(new_name.to_string()));
    }
    let _names = store.lock_container_names()?;
    if let Some(other) = store
        .containers()?
        .into_iter()
        .find(|c| c.record.name == new_name)
    {
        return Err(ContainerError::NameInUse {
            name: new_name.to_string(),
            id: other.record.id,
        });
    }
    let Some(mut lock) = store.lock_container(id)? else {
        return Err(LookupError::NotFound(id.to_string()).into());
    };
    let record = crate::store::ContainerRecord {
        name: new_name.to_string(),
        ..lock.container.record.clone()
    };
    store.save_record(&mut lock, record.clone())?;
    event(store, "rename", &record);
    Ok(())
}

/// `pause`/`unpause`: freezes or thaws the container's cgroup (cgroup.freeze), and returns
/// once the kernel says it is done. Without a cgroup (cgroup v1 or hybrid hosts,
/// `--cgroups disabled`) there is nothing to freeze, and a clear refusal.
pub fn freeze(store: &Store, id: &str, verb: &'static str) -> Result<(), ContainerError> {
    let Some(container) = store.container(id)? else {
        return Err(LookupError::NotFound(id.to_string()).into());
    };
    let state = current_state(&container.state);
    if state.status != Status::Running {
        return Err(ContainerError::NotRunningFor {
            what: if verb == "pause" {
                "cannot pause"
            } else {
                "cannot unpause"
            },
            id: container.record.name,
            state: state.status.as_str(),
        });
    }
    let cgroup = state
        .pid
        .and_then(|pid| crate::cgroups::of_process(pid, &container.record.id));
    let Some(cgroup) = cgroup else {
        let cgroups = crate::cgroups::detect();
        return Err(ContainerError::NoFreezer {
            verb,
            name: container.record.name,
            version: cgroups.version.to_string(),
            manager: cgroups.manager.to_string(),
        });
    };
    let pausing = verb == "pause";
    let frozen = crate::cgroups::fs::is_frozen(&cgroup.dir());
    if pausing && frozen {
        return Err(ContainerError::FreezeState(format!(
            "{:?} is already paused",
            container.record.id
        )));
    }
    if !pausing && !frozen {
        return Err(ContainerError::FreezeState(format!(
            "{:?} is not paused, can't unpause",
            container.record.id
        )));
    }
    crate::cgroups::fs::freeze(&cgroup.dir(), pausing, &container.record.name)?;
    if let Some(mut lock) = store.lock_container(&container.record.id)? {
        let state = ContainerState {
            paused: pausing,
            ..lock.container.state.clone()
        };
        store.save_state(&mut lock, state)?;
    }
    event(store, verb, &container.record);
    Ok(())
}

/// `update`: changes a container's limits. A running container's cgroup gets them at once;
/// the record keeps them for `inspect` and every later start. Everything is checked before
/// anything changes, as at create.
pub fn update(
    store: &Store,
    host: &Host,
    key: &str,
    update: &crate::spec::Resources,
) -> Result<String, ContainerError> {
    let found = find(store, host, key)?;
    let Some(mut lock) = store.lock_container(&found.record.id)? else {
        return Err(LookupError::NotFound(key.to_string()).into());
    };
    let record = lock.container.record.clone();
    let new = record.resources.updated_by(update);
    let facts = crate::cgroups::facts();
    if !facts.unified {
        if !update.is_empty() {
            tracing::warn!("{}", crate::cgroups::V1_WARNING);
        }
    } else {
        crate::cgroups::check(&facts, &record.cgroup, &new)?;
        let state = current_state(&lock.container.state);
        let cgroup = running_process(&state)
            .filter(|p| p.alive())
            .and_then(|p| crate::cgroups::of_process(p.pid, &record.id));
        if let Some(cgroup) = cgroup {
            crate::cgroups::update(&cgroup, &record.name, &record.resources, &new)?;
        }
    }
    let updated = ContainerRecord {
        resources: new,
        ..record
    };
    store.save_record(&mut lock, updated.clone())?;
    event(store, "update", &updated);
    Ok(updated.id)
}

/// Appends a container event to the log; a log that cannot be written costs a warning, never
/// the command.
pub fn event(store: &Store, status: &str, record: &ContainerRecord) {
    append_event(store, event_for(status, record));
}

/// A container event that carries the process's exit code (`died`).
fn event_with_code(store: &Store, status: &str, record: &ContainerRecord, code: i32) {
    append_event(store, event_for(status, record).with_exit_code(code));
}

fn event_for(status: &str, r: &ContainerRecord) -> crate::events::Event {
    crate::events::Event::container(status, &r.id, &r.name, &r.image_name, &r.labels)
}

fn append_event(store: &Store, event: crate::events::Event) {
    crate::events::record(store.root(), &event);
}

/// Deletes a container directory, as the user when it can (everything the container's root
/// wrote is the user's own), and from the user namespace for files of the container's other
/// users. The namespace is entered in a child so this process can still launch containers.
fn delete_dir(dir: &Path, host: &Host) -> Result<(), ContainerError> {
    mount::forget(dir);
    // overlayfs leaves its work directories (work/work, and incompat/volatile for a volatile
    // mount) with mode 0, which blocks removal even by their owner.
    open_up(&dir.join("work"));
    if remove_container_tree(dir).is_ok() {
        return Ok(());
    }
    if crate::userns::in_namespace(&host.identity, &host.run_root, || {
        remove_container_tree(dir).is_ok()
    })? {
        Ok(())
    } else {
        Err(ContainerError::Undeletable {
            path: dir.to_path_buf(),
        })
    }
}

/// Gives the user access to every directory under `dir` that the user owns.
fn open_up(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                open_up(&entry.path());
            }
        }
    }
}
