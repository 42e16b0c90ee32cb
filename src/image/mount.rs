//! `image mount`/`image unmount`: an image's layers attached read-only at `merged` in its
//! directory, in the caller's mount namespace (under `burrow unshare`, the pause process's;
//! see container::mount). What is mounted is read back from /proc/self/mountinfo.

use std::path::PathBuf;

use crate::config::ConfigEnv;
use crate::runtime::attach;
use crate::store::{ImageRecord, Store};

use super::{ImageError, lookup};

/// A mounted image as `image mount` lists it.
#[derive(Debug, Clone)]
pub struct MountedImage {
    pub image: ImageRecord,
    pub path: PathBuf,
}

fn mount_point(store: &Store, image: &ImageRecord) -> PathBuf {
    store.image_dir(&image.id).join("merged")
}

/// Mounts the image `key` names (if it is not already) and returns where.
pub fn mount(store: &Store, env: &ConfigEnv, key: &str) -> Result<PathBuf, ImageError> {
    let images = store.images()?;
    let image = lookup(&images, env, key)?.image;
    let target = mount_point(store, image);
    if attach::current_mount_points()?.contains(&target) {
        return Ok(target);
    }
    std::fs::create_dir_all(&target).map_err(|source| crate::store::StoreError::Io {
        action: "create",
        path: target.clone(),
        source,
    })?;
    attach::attach_read_only(&store.layer_diff_dirs(image), &target)?;
    Ok(target)
}

/// Unmounts the image `key` names; its ID when it was mounted.
pub fn unmount(store: &Store, env: &ConfigEnv, key: &str) -> Result<Option<String>, ImageError> {
    let images = store.images()?;
    let image = lookup(&images, env, key)?.image;
    let was = attach::detach(&mount_point(store, image))?;
    Ok(was.then(|| image.id.clone()))
}

/// The mounted images, in the store's order.
pub fn mounted(store: &Store) -> Result<Vec<MountedImage>, ImageError> {
    let points = attach::current_mount_points()?;
    Ok(store
        .images()?
        .into_iter()
        .filter_map(|image| {
            let path = mount_point(store, &image);
            points
                .contains(&path)
                .then_some(MountedImage { image, path })
        })
        .collect())
}
