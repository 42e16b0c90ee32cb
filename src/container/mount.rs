//! `mount`/`unmount`: a container's root filesystem attached at its `merged` directory in the
//! caller's mount namespace. A rootless user mounts under `burrow unshare`, whose mount
//! namespace is the pause process's: the mount stays there for later `burrow unshare` commands
//! until it is unmounted, the container is removed, or the pause process ends (podman's rule).
//!
//! What is mounted is read back from /proc/self/mountinfo rather than kept in a record, so
//! it can never disagree with the kernel. Mounting twice is a no-op; one unmount ends it
//! (podman counts mounts; a count burrow would keep could outlive the namespace it counts in).

use std::path::PathBuf;

use crate::runtime::attach;
use crate::store::{Container, Store};

use super::{ContainerError, Host};

/// A mounted container as `mount` lists it.
#[derive(Debug, Clone)]
pub struct Mounted {
    pub id: String,
    pub names: Vec<String>,
    pub path: PathBuf,
}

/// Whether the caller's mounts are the ones `mount` means: root's, or a rootless user's under
/// `burrow unshare` in the pause process's mount namespace (anywhere else they would vanish
/// with the command).
pub fn may_mount(host: &Host) -> bool {
    !host.identity.rootless()
        || crate::userns::inside(&host.identity) && crate::userns::in_shared_mounts(&host.run_root)
}

/// Mounts the container `key` names (if it is not already) and returns where.
pub fn mount(store: &Store, host: &Host, key: &str) -> Result<PathBuf, ContainerError> {
    let container = super::find(store, host, key)?;
    // Held while mounting, so that a removal does not pull the directories away meanwhile.
    let lock = store
        .lock_container(&container.record.id)?
        .ok_or_else(|| crate::store::LookupError::NotFound(key.to_string()))?;
    let rootfs = rootfs_of(store, &lock.container)?;
    if attach::current_mount_points()?.contains(&rootfs.merged) {
        return Ok(rootfs.merged);
    }
    for dir in [&rootfs.upper, &rootfs.work, &rootfs.merged] {
        std::fs::create_dir_all(dir).map_err(super::io_err("create", dir))?;
    }
    crate::runtime::mount_overlay(&rootfs)?;
    Ok(rootfs.merged)
}

/// Unmounts the container `key` names; false when it was not mounted.
pub fn unmount(store: &Store, host: &Host, key: &str) -> Result<bool, ContainerError> {
    let container = super::find(store, host, key)?;
    let merged = store.container_dir(&container.record.id).join("merged");
    Ok(attach::detach(&merged)?)
}

/// The mounted containers, in the store's order.
pub fn mounted(store: &Store, host: &Host) -> Result<Vec<Mounted>, ContainerError> {
    let points = attach::current_mount_points()?;
    let (all, _) = super::list_with_damaged(store, host)?;
    Ok(all
        .into_iter()
        .filter_map(|c| {
            let path = store.container_dir(&c.record.id).join("merged");
            points.contains(&path).then(|| Mounted {
                id: c.record.id.clone(),
                names: vec![c.record.name.clone()],
                path,
            })
        })
        .collect())
}

fn rootfs_of(
    store: &Store,
    container: &Container,
) -> Result<crate::runtime::Rootfs, ContainerError> {
    let record = &container.record;
    let image = store
        .images()?
        .into_iter()
        .find(|i| i.id == record.image_id)
        .ok_or_else(|| ContainerError::ImageGone {
            name: record.name.clone(),
            image: record.image_id[..12.min(record.image_id.len())].into(),
        })?;
    super::rootfs(
        store,
        &image,
        &store.container_dir(&record.id),
        false,
        record.layer_shift.as_deref(),
    )
}

/// Detaches a removed container's mount in the caller's namespace, so that deleting its
/// directory does not walk into the mounted tree. Elsewhere the kernel detaches a mount
/// whose mount point is deleted.
pub(super) fn forget(dir: &std::path::Path) {
    let _ = attach::detach(&dir.join("merged"));
}
