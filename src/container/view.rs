//! A container's or an image's file tree as `diff`, `commit` and `export` read it: the
//! layers below (bottom first), a container's upper directory, and the changes
//! between them. Reading runs in burrow's user namespace (the caller enters it), where
//! the layers' owners are mapped and overlay's `user.` xattrs readable.

use std::os::fd::{AsFd, OwnedFd};
use std::path::PathBuf;

use crate::config::ConfigEnv;
use crate::image::LookupError as ImageLookupError;
use crate::layer::DiffError;
use crate::layer::changes::{self, Change, Tree};
use crate::store::{Container, ImageRecord, LookupError, Store, StoreError};

use super::{ContainerError, Host};

#[derive(Debug, thiserror::Error)]
pub enum ViewError {
    /// podman's text for a name that is neither a container nor an image.
    #[error("{0} not found: layer not known")]
    NotKnown(String),
    #[error(transparent)]
    Container(#[from] ContainerError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Image(#[from] ImageLookupError),
    #[error(transparent)]
    Read(#[from] DiffError),
    #[error("cannot {what} to read the container's files: {source}")]
    Mount {
        what: &'static str,
        #[source]
        source: rustix::io::Errno,
    },
}

/// What `diff` compares.
#[derive(Debug, Clone)]
pub enum Target {
    Container(Box<Container>, ImageRecord),
    Image(ImageRecord),
}

/// The container `key` names, else the image; podman's "layer not known" when neither.
pub fn target(store: &Store, host: &Host, env: &ConfigEnv, key: &str) -> Result<Target, ViewError> {
    match super::find(store, host, key) {
        Ok(container) => {
            let image = container_image(store, &container)?;
            return Ok(Target::Container(Box::new(container), image));
        }
        Err(ContainerError::Lookup(LookupError::NotFound(_))) => {}
        Err(e) => return Err(e.into()),
    }
    let images = store.images()?;
    match crate::image::lookup(&images, env, key) {
        Ok(found) => Ok(Target::Image(found.image.clone())),
        Err(e) if e.is_not_known() || matches!(e, ImageLookupError::NotAnId(_)) => {
            Err(ViewError::NotKnown(key.to_owned()))
        }
        Err(e) => Err(e.into()),
    }
}

/// The image a container was made from.
pub fn container_image(store: &Store, container: &Container) -> Result<ImageRecord, ViewError> {
    store
        .images()?
        .into_iter()
        .find(|i| i.id == container.record.image_id)
        .ok_or_else(|| {
            ContainerError::ImageGone {
                name: container.record.name.clone(),
                image: container.record.image_id[..12.min(container.record.image_id.len())].into(),
            }
            .into()
        })
}

/// A container's layers as its overlay stacks them (bottom first; a keep-id
/// container's shifted copies) and its upper directory.
pub fn container_layers(
    store: &Store,
    container: &Container,
    image: &ImageRecord,
) -> Result<(Vec<PathBuf>, PathBuf), ViewError> {
    let dir = store.container_dir(&container.record.id);
    let rootfs = super::rootfs(
        store,
        image,
        &dir,
        false,
        container.record.layer_shift.as_deref(),
    )?;
    Ok((rootfs.layers, rootfs.upper))
}

/// How owners seen in burrow's user namespace become the owners the container's image
/// has. A `--userns keep-id` container runs on layer copies shifted into its own mapping,
/// so everything under its root, upper directory included, is in that mapping: a file
/// the user made belongs to their host ID, 0 in the namespace but (say) 1001 in the
/// container and so in the image.
#[derive(Debug, Clone)]
pub struct ImageOwners {
    namespace: (Vec<crate::spec::IdMapping>, Vec<crate::spec::IdMapping>),
    container: (Vec<crate::spec::IdMapping>, Vec<crate::spec::IdMapping>),
}

impl ImageOwners {
    /// The image's (uid, gid) of an owner seen in the namespace; `None`: unmapped.
    pub fn map(&self, uid: u32, gid: u32) -> Option<(u32, u32)> {
        Some((
            crate::spec::shifted_owner(&self.container.0, &self.namespace.0, uid)?,
            crate::spec::shifted_owner(&self.container.1, &self.namespace.1, gid)?,
        ))
    }
}

/// The owner mapping of a container whose files are not in the namespace's own IDs
/// (keep-id); `None` for one that is.
pub fn image_owners(
    store: &Store,
    container: &Container,
    identity: &crate::userns::Identity,
) -> Result<Option<ImageOwners>, ViewError> {
    if container.record.layer_shift.is_none() {
        return Ok(None);
    }
    let (spec, _) = super::read_saved(store, container)?;
    Ok(Some(ImageOwners {
        namespace: (
            super::id_mappings(&identity.uid_map),
            super::id_mappings(&identity.gid_map),
        ),
        container: super::spec_id_maps(&spec),
    }))
}

/// Paths every container gets as mount points (podman's initInodes): not the user's
/// changes, so a container's diff leaves them out.
pub const MOUNT_POINTS: &[&str] = &[
    "/dev",
    "/etc/hostname",
    "/etc/hosts",
    "/etc/mtab",
    "/etc/resolv.conf",
    "/proc",
    "/run",
    "/run/.containerenv",
    "/run/notify",
    "/run/secrets",
    "/sys",
];

/// `diff TARGET [OTHER]`: with one target, what a container's upper directory changes
/// in its image, or what an image's top layer changes in its parent; with two, the
/// difference of the first tree from the second. Sorted by path.
pub fn changes(
    store: &Store,
    first: &Target,
    second: Option<&Target>,
) -> Result<Vec<Change>, ViewError> {
    let mut found = tree_changes(store, first, second)?;
    let container = |t: &Target| matches!(t, Target::Container(..));
    if container(first) || second.is_some_and(container) {
        found.retain(|c| !MOUNT_POINTS.contains(&c.path.as_str()));
    }
    Ok(found)
}

fn tree_changes(
    store: &Store,
    first: &Target,
    second: Option<&Target>,
) -> Result<Vec<Change>, ViewError> {
    match second {
        None => {
            let (lower, upper) = match first {
                Target::Container(container, image) => container_layers(store, container, image)?,
                Target::Image(image) => {
                    let mut layers = store.layer_diff_dirs(image);
                    match layers.pop() {
                        Some(top) => (layers, top),
                        None => return Ok(Vec::new()),
                    }
                }
            };
            let below = changes::merged_tree(&lower)?;
            Ok(changes::upper_changes(&below, &changes::scan(&upper)?))
        }
        Some(second) => {
            let new = tree_of(store, first)?;
            let old = tree_of(store, second)?;
            Ok(changes::tree_changes(&old, &new))
        }
    }
}

fn tree_of(store: &Store, target: &Target) -> Result<Tree, ViewError> {
    Ok(match target {
        Target::Container(container, image) => {
            let (mut layers, upper) = container_layers(store, container, image)?;
            layers.push(upper);
            changes::merged_tree(&layers)?
        }
        Target::Image(image) => changes::merged_tree(&store.layer_diff_dirs(image))?,
    })
}

/// Gives this process a mount namespace of its own, so it may make mounts in burrow's
/// user namespace; they go away with the process. Must run single-threaded, inside
/// the user namespace.
pub fn private_mounts() -> Result<(), ViewError> {
    nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNS).map_err(|e| ViewError::Mount {
        what: "make a mount namespace",
        source: rustix::io::Errno::from_raw_os_error(e as i32),
    })
}

/// A read-only overlay of `dirs` (bottom first), attached nowhere: the descriptor of
/// its root is walked directly. Needs `private_mounts` first. One directory is
/// opened as it is (overlay wants two).
pub fn read_only_overlay(dirs: &[PathBuf]) -> Result<OwnedFd, ViewError> {
    use rustix::mount::{
        FsMountFlags, FsOpenFlags, MountAttrFlags, fsconfig_create, fsconfig_set_flag,
        fsconfig_set_string, fsmount, fsopen,
    };
    let mount_error = |what: &'static str| move |source| ViewError::Mount { what, source };
    if let [only] = dirs {
        return rustix::fs::open(
            only,
            rustix::fs::OFlags::RDONLY
                | rustix::fs::OFlags::DIRECTORY
                | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::empty(),
        )
        .map_err(mount_error("open the layer"));
    }
    let fs = fsopen("overlay", FsOpenFlags::FSOPEN_CLOEXEC)
        .map_err(mount_error("open an overlay filesystem context"))?;
    // The top comes first in overlay's lower stack.
    for dir in dirs.iter().rev() {
        fsconfig_set_string(fs.as_fd(), "lowerdir+", dir)
            .map_err(mount_error("add a layer to the overlay"))?;
    }
    // Whiteouts and opaque markers are user.* xattrs in burrow's layers.
    fsconfig_set_flag(fs.as_fd(), "userxattr").map_err(mount_error("enable overlay userxattr"))?;
    fsconfig_create(fs.as_fd()).map_err(mount_error("create the overlay"))?;
    fsmount(
        fs.as_fd(),
        FsMountFlags::FSMOUNT_CLOEXEC,
        MountAttrFlags::MOUNT_ATTR_RDONLY,
    )
    .map_err(mount_error("mount the overlay"))
}

/// `export`: the container's merged filesystem as a flat tar (no whiteouts: overlay
/// shows what is there), owners as burrow's user namespace sees them, or as `owners`
/// maps them. Runs in the user namespace, single-threaded (it makes a mount namespace).
pub fn export(
    store: &Store,
    container: &Container,
    image: &ImageRecord,
    owners: Option<&ImageOwners>,
    out: impl std::io::Write,
) -> Result<crate::layer::DiffStats, ViewError> {
    let (mut dirs, upper) = container_layers(store, container, image)?;
    dirs.push(upper);
    private_mounts()?;
    let root = read_only_overlay(&dirs)?;
    let map = |uid, gid| owners.and_then(|o| o.map(uid, gid));
    let options = crate::layer::DiffOptions {
        owners: owners.map(|_| &map as &crate::layer::OwnerMap<'_>),
        ..crate::layer::DiffOptions::default()
    };
    let (_, stats) = crate::layer::write_diff_at(root.as_fd(), out, &options)?;
    Ok(stats)
}
