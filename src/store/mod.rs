//! On-disk storage: image records, layer directories and their locks.
//!
//! Layout under the graph root (default ~/.local/share/burrow):
//! - `images.json`: every image record; rewritten whole under `locks/images.lock`, so readers
//!   (`burrow images`) never need a lock and never see a half-written list.
//! - `images/<id>/{manifest.json,config.json}`: the raw documents, as pulled.
//! - `layers/<short>/{diff/,layer.json}`: one extracted layer. A layer's content depends only on
//!   its own tar (whiteouts are kept as overlay whiteouts), so layers are keyed by diff ID and
//!   shared by every image that has them, whatever their position. `<short>` is the first 16 hex
//!   digits of the diff ID so that overlay's lowerdir option fits one page with many layers.
//! - `layers/<short>.partial`: a layer being extracted; `layers/<short>.removing`: being deleted.
//! - `locks/`: one lock file per layer and one for the image list.
//! - `containers/`: container records and directories (see `containers.rs`).

mod check;
mod containers;
mod fsutil;
pub mod record;

pub use check::{Finding, STAGED_RECORD, Scan};
pub use containers::{
    Container, ContainerLock, ContainerRecord, ContainerState, DamagedContainer, LookupError,
    MountRecord, Status, lookup, remove_container_tree,
};

pub use fsutil::{
    Lock, check_private_dir, ensure_private_dir, ensure_private_root, ensure_private_run_root,
    out_of_space, sync_filesystem, tree_usage, write_atomic, write_private, write_replace,
};

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error("the image list {path} is corrupt ({source}); move it aside and pull the images again")]
    CorruptIndex {
        path: PathBuf,
        source: serde_json::Error,
    },
    /// A record that exists but cannot be read; what it describes is kept, never swept.
    #[error("{path} cannot be read ({reason}); burrow system check reports what is damaged")]
    Damaged { path: PathBuf, reason: String },
    /// A container whose record or state cannot be read.
    #[error(
        "container {id} cannot be used: {path} cannot be read ({reason}); what still runs of it keeps running; remove it with: burrow rm -f {id}"
    )]
    DamagedContainer {
        id: String,
        path: PathBuf,
        reason: String,
    },
    #[error(
        "layer directory {path} already holds layer {existing}, not {wanted}: two diff IDs share a prefix; remove the directory with: burrow image prune -a"
    )]
    LayerCollision {
        path: PathBuf,
        existing: String,
        wanted: String,
    },
}

fn io_err<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> StoreError + 'a {
    move |source| StoreError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// One image as `burrow images` lists it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ImageRecord {
    /// Hex of the config digest, as podman's image ID.
    pub id: String,
    /// Fully-qualified names (`docker.io/library/busybox:latest`), newest first.
    #[serde(default)]
    pub names: Vec<String>,
    /// Every name the image has been given, newest first, including ones since taken away
    /// (podman's NamesHistory); empty in records written before it was kept.
    #[serde(default)]
    pub names_history: Vec<String>,
    /// Digest of the image manifest that was pulled.
    pub digest: String,
    /// Every manifest digest this image is known by (the manifest list's too, when pulled via one).
    #[serde(default)]
    pub digests: Vec<String>,
    /// Repositories (without tag) the image was pulled from, for RepoDigests.
    #[serde(default)]
    pub repositories: Vec<String>,
    pub manifest_media_type: String,
    /// Diff IDs, bottom layer first.
    pub layers: Vec<String>,
    /// Uncompressed size of all layers.
    pub size: u64,
    pub created: Option<DateTime<Utc>>,
    pub pulled: DateTime<Utc>,
}

impl ImageRecord {
    /// A record for an image just stored (pulled, loaded, committed), before it gets names.
    pub fn unnamed(
        id: &str,
        digest: &str,
        manifest_media_type: &str,
        layers: Vec<String>,
        size: u64,
        created: Option<DateTime<Utc>>,
    ) -> ImageRecord {
        ImageRecord {
            id: id.to_string(),
            digest: digest.to_string(),
            manifest_media_type: manifest_media_type.to_string(),
            layers,
            size,
            created,
            pulled: Utc::now(),
            ..ImageRecord::default()
        }
    }

    /// Notes in the names history that the image was given `name`.
    pub fn remember_name(&mut self, name: &str) {
        self.names_history.retain(|n| n != name);
        self.names_history.insert(0, name.to_string());
    }

    /// The names history, or the current names for a record that has none.
    pub fn names_history(&self) -> &[String] {
        if self.names_history.is_empty() {
            &self.names
        } else {
            &self.names_history
        }
    }
}

/// What is known of one extracted layer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LayerRecord {
    pub diff_id: String,
    pub compressed_digest: String,
    pub media_type: String,
    /// Bytes of the uncompressed tar stream.
    pub size: u64,
    /// Bytes of the blob kept in the layer's directory (`compressed_digest` is its digest,
    /// `media_type` its type); 0 in records of layers pulled before blobs were kept.
    #[serde(default)]
    pub blob_size: u64,
}

/// The image list held under its lock; `save` writes changes back atomically.
pub struct ImageList<'a> {
    store: &'a Store,
    _lock: Lock,
    saved: Vec<ImageRecord>,
    pub images: Vec<ImageRecord>,
}

impl ImageList<'_> {
    /// Where the record of image `id` is in the list, added from `new` when it has none.
    pub fn position_or_add(&mut self, id: &str, new: impl FnOnce() -> ImageRecord) -> usize {
        match self.images.iter().position(|i| i.id == id) {
            Some(pos) => pos,
            None => {
                self.images.push(new());
                self.images.len() - 1
            }
        }
    }

    /// Gives `name` (of `repository`) to the image at `pos` as its newest name, taking it
    /// from any image that had it: a name belongs to one image.
    pub fn give_name(&mut self, pos: usize, name: &str, repository: String) {
        for image in self.images.iter_mut() {
            image.names.retain(|n| n != name);
        }
        let image = &mut self.images[pos];
        image.remember_name(name);
        image.names.insert(0, name.to_string());
        if !image.repositories.contains(&repository) {
            image.repositories.push(repository);
        }
    }

    pub fn save(&mut self) -> Result<(), StoreError> {
        if self.images == self.saved {
            return Ok(());
        }
        let path = self.store.index_path();
        let bytes = serde_json::to_vec(&self.images).expect("image records serialize");
        write_atomic(&path, &bytes).map_err(io_err("write", &path))?;
        self.saved = self.images.clone();
        Ok(())
    }
}

#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
    /// `--volumepath`: where volumes live instead of `<root>/volumes`.
    volume_path: Option<PathBuf>,
}

/// A layer's blob file in its directory.
pub const LAYER_BLOB: &str = "blob";

/// The short directory name of a layer: the first 16 hex digits of its diff ID.
pub fn layer_short_id(diff_id: &str) -> &str {
    let hex = diff_id.split_once(':').map_or(diff_id, |(_, h)| h);
    &hex[..hex.len().min(16)]
}

impl Store {
    /// A store at `root`; nothing is created until something is written, but a root that
    /// exists and is open to other users is closed first (`close_store_root`).
    pub fn new(root: PathBuf) -> Store {
        fsutil::close_store_root(&root);
        Store {
            root,
            volume_path: None,
        }
    }

    /// The same store with its volumes elsewhere (`--volumepath`); `None` keeps the default.
    pub fn with_volume_path(mut self, path: Option<PathBuf>) -> Store {
        if path.is_some() {
            self.volume_path = path;
        }
        self
    }

    /// Where volumes live: `--volumepath`, else `<root>/volumes`.
    pub fn volumes_dir(&self) -> PathBuf {
        self.volume_path
            .clone()
            .unwrap_or_else(|| self.root.join("volumes"))
    }

    /// The volume path when it is not the default, for records that must find it again.
    pub fn volume_path_override(&self) -> Option<&Path> {
        self.volume_path.as_deref()
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Creates the directories writers need, under a root that is the user's alone.
    pub fn init(&self) -> Result<(), StoreError> {
        ensure_private_root(&self.root).map_err(io_err("secure", &self.root))?;
        for dir in ["images", "layers", "locks", "containers"] {
            let path = self.root.join(dir);
            fs::create_dir_all(&path).map_err(io_err("create", &path))?;
        }
        Ok(())
    }

    fn index_path(&self) -> PathBuf {
        self.root.join("images.json")
    }

    pub fn image_dir(&self, id: &str) -> PathBuf {
        self.root.join("images").join(id)
    }

    pub fn layers_dir(&self) -> PathBuf {
        self.root.join("layers")
    }

    pub fn layer_dir(&self, diff_id: &str) -> PathBuf {
        self.layers_dir().join(layer_short_id(diff_id))
    }

    /// The extracted trees of an image's layers, bottom layer first.
    pub fn layer_diff_dirs(&self, image: &ImageRecord) -> Vec<PathBuf> {
        image
            .layers
            .iter()
            .map(|l| self.layer_dir(l).join("diff"))
            .collect()
    }

    /// A layer's copy with its owners shifted for another ID mapping (`key` names the
    /// mapping): kept beside the layer's own tree, made once for every container with that
    /// mapping, as containers/storage keeps mapped layers, and removed with the layer.
    pub fn shifted_layer_dir(&self, diff_id: &str, key: &str) -> PathBuf {
        self.layer_dir(diff_id).join(format!("shifted-{key}"))
    }

    pub fn layer_staging_dir(&self, diff_id: &str) -> PathBuf {
        self.layers_dir()
            .join(format!("{}.partial", layer_short_id(diff_id)))
    }

    /// Reads every image record; no lock needed, the list is replaced atomically.
    pub fn images(&self) -> Result<Vec<ImageRecord>, StoreError> {
        let path = self.index_path();
        match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|source| StoreError::CorruptIndex { path, source }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(io_err("read", &path)(e)),
        }
    }

    /// Locks the image list for a read-modify-write; other writers wait until the returned
    /// guard is dropped, so work that must not interleave with them (writing an image's files,
    /// removing layers) can happen while it is held.
    pub fn lock_images(&self) -> Result<ImageList<'_>, StoreError> {
        self.init()?;
        let lock_path = self.root.join("locks/images.lock");
        let lock = Lock::exclusive(&lock_path).map_err(io_err("lock", &lock_path))?;
        let images = self.images()?;
        self.sweep_image_leftovers(&images)?;
        Ok(ImageList {
            store: self,
            _lock: lock,
            saved: images.clone(),
            images,
        })
    }

    /// Clears what a killed writer of the image list left: image directories no record names
    /// (their documents are written under this lock, right before the record) and staged
    /// copies of the list. Call with the image-list lock held.
    fn sweep_image_leftovers(&self, images: &[ImageRecord]) -> Result<(), StoreError> {
        let recorded: HashSet<&str> = images.iter().map(|i| i.id.as_str()).collect();
        let dir = self.root.join("images");
        if let Ok(entries) = fs::read_dir(&dir) {
            for entry in entries.flatten() {
                let name = entry.file_name();
                if !recorded.contains(name.to_string_lossy().as_ref()) {
                    remove_tree(&entry.path())?;
                }
            }
        }
        for entry in fs::read_dir(&self.root).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(".images.json.") && name.ends_with(".tmp") {
                let _ = fs::remove_file(entry.path());
            }
        }
        Ok(())
    }

    /// Reads a raw document (`manifest.json`, `config.json`) of an image.
    pub fn image_file(&self, id: &str, name: &str) -> Result<Vec<u8>, StoreError> {
        let path = self.image_dir(id).join(name);
        fs::read(&path).map_err(io_err("read", &path))
    }

    pub fn write_image_file(&self, id: &str, name: &str, data: &[u8]) -> Result<(), StoreError> {
        let dir = self.image_dir(id);
        fs::create_dir_all(&dir).map_err(io_err("create", &dir))?;
        let path = dir.join(name);
        write_atomic(&path, data).map_err(io_err("write", &path))
    }

    /// Waits for the exclusive lock of a layer: held while it is extracted or removed.
    pub fn lock_layer(&self, diff_id: &str) -> Result<Lock, StoreError> {
        let path = self.layer_lock_path(diff_id);
        Lock::exclusive(&path).map_err(io_err("lock", &path))
    }

    fn layer_lock_path(&self, diff_id: &str) -> PathBuf {
        self.root
            .join("locks")
            .join(format!("layer-{}.lock", layer_short_id(diff_id)))
    }

    /// The record of a complete layer, if it is present. A directory only gets its final name
    /// once its content and record are complete, so presence means complete.
    pub fn layer(&self, diff_id: &str) -> Result<Option<LayerRecord>, StoreError> {
        let dir = self.layer_dir(diff_id);
        let path = dir.join("layer.json");
        let Some(record) = record::read::<LayerRecord>(&path)? else {
            return Ok(None);
        };
        if record.diff_id != diff_id {
            return Err(StoreError::LayerCollision {
                path: dir,
                existing: record.diff_id,
                wanted: diff_id.to_string(),
            });
        }
        Ok(Some(record))
    }

    /// Moves a layer whose record cannot be read out of the way, so it can be pulled again;
    /// call with the layer's lock held. Containers running on it keep their files: the
    /// directory is renamed, not deleted (`remove_unused_layers` deletes it once no container
    /// runs). Returns where it went.
    pub fn quarantine_layer(&self, diff_id: &str) -> Result<PathBuf, StoreError> {
        let dir = self.layer_dir(diff_id);
        let short = layer_short_id(diff_id);
        let stamp = Utc::now().timestamp_nanos_opt().unwrap_or_default();
        let quarantined = self
            .layers_dir()
            .join(format!("{short}.quarantined-{stamp}"));
        fs::rename(&dir, &quarantined).map_err(io_err("rename", &dir))?;
        Ok(quarantined)
    }

    /// The blob a layer was stored from, as a registry or an archive held it (compressed as
    /// its record's media type says); `None` for a layer pulled before blobs were kept.
    pub fn layer_blob(&self, diff_id: &str) -> Result<Option<PathBuf>, StoreError> {
        let path = self.layer_dir(diff_id).join(LAYER_BLOB);
        match fs::symlink_metadata(&path) {
            Ok(m) if m.is_file() => Ok(Some(path)),
            Ok(_) => Ok(None),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_err("inspect", &path)(e)),
        }
    }

    /// A staging directory for a layer whose diff ID is not known until it has been read (an
    /// imported tar), with the lock that marks it in use: a killed import's directory is
    /// cleared like a killed pull's, once nobody holds that lock.
    pub fn unnamed_layer_staging(&self) -> Result<(PathBuf, StagingLock), StoreError> {
        let stamp = Utc::now().timestamp_nanos_opt().unwrap_or_default();
        let key = format!("ingest-{}-{stamp}", std::process::id());
        let lock = self.lock_layer(&key)?;
        Ok((
            self.layers_dir().join(format!("{key}.partial")),
            StagingLock {
                path: self.layer_lock_path(&key),
                _lock: lock,
            },
        ))
    }

    /// Publishes a fully extracted staging directory under its final name.
    pub fn commit_layer(&self, record: &LayerRecord) -> Result<(), StoreError> {
        self.commit_layer_from(&self.layer_staging_dir(&record.diff_id), record)
    }

    /// Publishes the fully extracted `staging` directory as the layer `record` describes; call
    /// with that layer's lock held.
    pub fn commit_layer_from(
        &self,
        staging: &Path,
        record: &LayerRecord,
    ) -> Result<(), StoreError> {
        // Flushed with the whole layer just below.
        record::write(
            &staging.join("layer.json"),
            record,
            record::Durability::Replaced,
        )?;
        sync_filesystem(staging).map_err(io_err("sync", staging))?;
        let dir = self.layer_dir(&record.diff_id);
        fs::rename(staging, &dir).map_err(io_err("rename", staging))
    }

    /// Drops the documents of deleted images and every layer the remaining ones do not use.
    /// Call with the image-list lock held and the list already saved without them, so a
    /// concurrent pull of the same image cannot lose its files.
    pub fn remove_image_files(
        &self,
        deleted: &[String],
        remaining: &[ImageRecord],
    ) -> Result<(), StoreError> {
        for id in deleted {
            // An `image mount` of it in this mount namespace (under `burrow unshare`) goes
            // first, or the removal would walk into the read-only tree; elsewhere the kernel
            // detaches a mount whose mount point is deleted.
            let _ = rustix::mount::unmount(
                self.image_dir(id).join("merged"),
                rustix::mount::UnmountFlags::DETACH,
            );
            remove_tree(&self.image_dir(id))?;
        }
        self.remove_unused_layers(remaining).map(drop)
    }

    /// Clears what killed pulls and removals left (`.partial` and `.removing` layer
    /// directories whose lock nobody holds). Call inside the user namespace.
    pub fn remove_layer_leftovers(&self) -> Result<(), StoreError> {
        self.remove_layers(None).map(drop)
    }

    /// Deletes the layers no image uses, skipping any that another burrow holds locked (a pull
    /// in progress); returns the diff IDs removed. Also clears what killed pulls left behind.
    pub fn remove_unused_layers(&self, images: &[ImageRecord]) -> Result<Vec<String>, StoreError> {
        self.remove_layers(Some(images))
    }

    /// Leftovers, and with `images` every layer none of them uses.
    fn remove_layers(&self, images: Option<&[ImageRecord]>) -> Result<Vec<String>, StoreError> {
        let used = used_layers(images.unwrap_or_default());
        let dir = self.layers_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_err("read", &dir)(e)),
        };
        let mut removed = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let short = name.split('.').next().unwrap_or_default().to_string();
            // Staging leftovers of a layer that is in use still go; the layer itself stays (and
            // with no image list, every complete layer does).
            if (images.is_none() || used.contains(short.as_str())) && !name.contains('.') {
                continue;
            }
            // A quarantined layer may still be a running container's lower layer: only
            // `system check --repair` removes it, once no container runs.
            if name.contains(".quarantined") {
                continue;
            }
            let lock_path = self.layer_lock_path(&short);
            let Some(_lock) =
                Lock::try_exclusive(&lock_path).map_err(io_err("lock", &lock_path))?
            else {
                continue;
            };
            let path = entry.path();
            let diff_id = fs::read(path.join("layer.json"))
                .ok()
                .and_then(|b| serde_json::from_slice::<LayerRecord>(&b).ok())
                .map(|r| r.diff_id);
            // Rename first so the layer vanishes at once, even if the removal is interrupted.
            let doomed = if name.ends_with(".removing") {
                path
            } else {
                let doomed = dir.join(format!("{short}.removing"));
                fs::rename(&path, &doomed).map_err(io_err("rename", &path))?;
                doomed
            };
            crate::failpoint!("rmi.layer-renamed");
            fs::remove_dir_all(&doomed).map_err(io_err("remove", &doomed))?;
            if let Some(id) = diff_id {
                removed.push(id);
            }
        }
        Ok(removed)
    }
}

/// The lock of an unnamed staging directory. Its lock file serves one ingest only, so it
/// goes with the lock (unlinked while still held) instead of piling up in `locks/`.
pub struct StagingLock {
    path: PathBuf,
    _lock: Lock,
}

impl Drop for StagingLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

impl Store {
    /// Deletes everything of the store: the volumes (also under `--volumepath`) and the root
    /// with every record, layer and lock (`system reset`). Call inside the user namespace,
    /// with no container running: layers and volumes hold files of subordinate IDs.
    pub fn destroy(&self) -> Result<(), StoreError> {
        if self.volume_path.is_some() {
            remove_tree(&self.volumes_dir())?;
        }
        remove_tree(&self.root)
    }
}

/// The short IDs of every layer `images` use (their directory names under `layers/`).
fn used_layers(images: &[ImageRecord]) -> HashSet<&str> {
    images
        .iter()
        .flat_map(|i| i.layers.iter())
        .map(|d| layer_short_id(d))
        .collect()
}

/// Removes a directory tree if it exists.
pub fn remove_tree(path: &Path) -> Result<(), StoreError> {
    match fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_err("remove", path)(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, names: &[&str], layers: &[&str]) -> ImageRecord {
        ImageRecord {
            id: id.into(),
            names: names.iter().map(|s| s.to_string()).collect(),
            digest: format!("sha256:{id}"),
            manifest_media_type: "application/vnd.oci.image.manifest.v1+json".into(),
            layers: layers.iter().map(|s| s.to_string()).collect(),
            size: 1,
            pulled: Utc::now(),
            ..ImageRecord::default()
        }
    }

    #[test]
    fn image_list_round_trips_and_is_empty_when_absent() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("root"));
        assert!(store.images().unwrap().is_empty());
        let mut list = store.lock_images().unwrap();
        list.images.push(record(
            "aa",
            &["x/y:latest"],
            &["sha256:0123456789abcdef99"],
        ));
        list.save().unwrap();
        drop(list);
        assert_eq!(store.images().unwrap()[0].names, vec!["x/y:latest"]);
    }

    #[test]
    fn unused_layers_and_leftovers_are_removed_used_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().to_path_buf());
        store.init().unwrap();
        let used = "sha256:1111111111111111aaaa";
        let unused = "sha256:2222222222222222bbbb";
        for diff_id in [used, unused] {
            fs::create_dir_all(store.layer_staging_dir(diff_id).join("diff")).unwrap();
            store
                .commit_layer(&LayerRecord {
                    diff_id: diff_id.into(),
                    compressed_digest: "sha256:00".into(),
                    media_type: "x".into(),
                    size: 0,
                    blob_size: 0,
                })
                .unwrap();
        }
        fs::create_dir_all(store.layer_staging_dir(used)).unwrap();
        let images = vec![record("aa", &[], &[used])];
        let removed = store.remove_unused_layers(&images).unwrap();
        assert_eq!(removed, vec![unused.to_string()]);
        assert!(store.layer(used).unwrap().is_some());
        assert!(store.layer(unused).unwrap().is_none());
        assert!(!store.layer_staging_dir(used).exists());
    }

    #[test]
    fn a_prefix_collision_is_reported_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().to_path_buf());
        store.init().unwrap();
        let a = "sha256:3333333333333333aaaa";
        fs::create_dir_all(store.layer_staging_dir(a)).unwrap();
        store
            .commit_layer(&LayerRecord {
                diff_id: a.into(),
                compressed_digest: "c".into(),
                media_type: "m".into(),
                size: 0,
                blob_size: 0,
            })
            .unwrap();
        let err = store.layer("sha256:3333333333333333bbbb").unwrap_err();
        assert!(err.to_string().contains("share a prefix"), "{err}");
    }
}
