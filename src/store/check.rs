//! What `burrow system check` finds on disk: damaged records, images that lost a document or a
//! layer, layers no image uses, and what killed burrows left. Only reads (and probes locks, to
//! tell a killed writer's leftovers from a live writer's work); what runs and what to repair
//! is the engine's call (`container::check`).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::containers::DamagedContainer;
use super::{Container, ImageRecord, LayerRecord, Lock, Store, StoreError, layer_short_id, record};

/// One thing wrong in the store.
// Findings are few and short-lived; boxing the damaged record would buy nothing.
#[derive(Debug, Clone)]
pub enum Finding {
    /// A container whose record or state cannot be read.
    DamagedContainer(Box<DamagedContainer>),
    /// A container whose image is no longer in the store: it can never start again.
    ContainerWithoutImage {
        id: String,
        name: String,
        image_id: String,
    },
    /// An image that lost a document or a layer, or whose documents do not match its record.
    DamagedImage {
        id: String,
        names: Vec<String>,
        problems: Vec<String>,
    },
    /// A published layer whose record is missing, unreadable, or names another layer.
    DamagedLayer { short: String, reason: String },
    /// A complete layer that no image uses (and no pull holds).
    UnusedLayer { short: String },
    /// A layer moved aside because its record was damaged; running containers may still use it.
    QuarantinedLayer { short: String, path: PathBuf },
    /// What a killed burrow left: a staged or half-removed directory, a staged record.
    Leftover { what: &'static str, path: PathBuf },
}

/// The store as read: readable containers and images, and what is wrong.
#[derive(Debug, Default)]
pub struct Scan {
    pub containers: Vec<Container>,
    pub images: Vec<ImageRecord>,
    pub findings: Vec<Finding>,
}

/// What a staged record whose writer died is called in a `Finding::Leftover`.
pub const STAGED_RECORD: &str = "staged record of a killed burrow";

/// Whether a staged file (`.NAME.PID.tmp`, as `write_atomic` names them) lost its writer.
fn stale_staged_file(name: &str) -> bool {
    let Some(pid) = name
        .strip_prefix('.')
        .and_then(|n| n.strip_suffix(".tmp"))
        .and_then(|n| n.rsplit_once('.'))
        .and_then(|(_, pid)| pid.parse::<i32>().ok())
    else {
        return false;
    };
    pid != std::process::id() as i32 && !Path::new(&format!("/proc/{pid}")).exists()
}

/// Staged records in `dir` whose writer is gone.
fn stale_staged_files(dir: &Path, out: &mut Vec<Finding>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        if stale_staged_file(&entry.file_name().to_string_lossy()) {
            out.push(Finding::Leftover {
                what: STAGED_RECORD,
                path: entry.path(),
            });
        }
    }
}

/// Whether nobody holds the lock at `path` (a missing lock file counts as free; none is made).
fn lock_is_free(path: &Path) -> bool {
    if !path.exists() {
        return true;
    }
    matches!(Lock::try_exclusive(path), Ok(Some(_)))
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl Store {
    /// Reads the whole store and lists what is wrong. `quick` skips what costs a read per
    /// record: container records, layer records and image documents are only checked to
    /// exist, not parsed or hashed.
    pub fn scan(&self, quick: bool) -> Result<Scan, StoreError> {
        let mut scan = Scan {
            images: self.images()?,
            ..Scan::default()
        };
        if !self.root.exists() {
            return Ok(scan);
        }
        let layers = self.scan_layers(quick, &scan.images, &mut scan.findings)?;
        self.scan_images(quick, &scan.images, &layers, &mut scan.findings);
        scan.containers = self.scan_container_dirs(quick, &scan.images, &mut scan.findings)?;
        Ok(scan)
    }

    /// Checks `layers/`; returns each published layer (by short ID) and whether it is sound.
    fn scan_layers(
        &self,
        quick: bool,
        images: &[ImageRecord],
        out: &mut Vec<Finding>,
    ) -> Result<HashMap<String, bool>, StoreError> {
        let used = super::used_layers(images);
        let dir = self.layers_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(HashMap::new()),
            Err(e) => return Err(super::io_err("read", &dir)(e)),
        };
        let mut published = HashMap::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            let (short, suffix) = name.split_once('.').unwrap_or((&name, ""));
            let short = short.to_string();
            let free = || lock_is_free(&self.layer_lock_path(&short));
            if suffix.starts_with("quarantined") {
                out.push(Finding::QuarantinedLayer { short, path });
            } else if suffix == "partial" || suffix == "removing" {
                if free() {
                    let what = if suffix == "partial" {
                        "layer a killed pull was extracting"
                    } else {
                        "layer a killed removal was deleting"
                    };
                    out.push(Finding::Leftover { what, path });
                }
            } else if suffix.is_empty() {
                let damage = self.layer_damage(&short, &path, quick);
                published.insert(short.clone(), damage.is_none());
                if let Some(reason) = damage {
                    out.push(Finding::DamagedLayer { short, reason });
                } else if !used.contains(short.as_str()) && free() {
                    out.push(Finding::UnusedLayer { short });
                }
            }
        }
        Ok(published)
    }

    /// Why the published layer `short` is unusable, if it is.
    fn layer_damage(&self, short: &str, dir: &Path, quick: bool) -> Option<String> {
        if !dir.join("diff").is_dir() {
            return Some(format!("{} is missing", dir.join("diff").display()));
        }
        let path = dir.join("layer.json");
        if quick {
            return (!path.exists()).then(|| format!("{} is missing", path.display()));
        }
        match record::read::<LayerRecord>(&path) {
            Ok(Some(r)) if layer_short_id(&r.diff_id) == short => None,
            Ok(Some(r)) => Some(format!(
                "{} names layer {}, which belongs in another directory",
                path.display(),
                r.diff_id
            )),
            Ok(None) => Some(format!("{} is missing", path.display())),
            Err(StoreError::Damaged { path, reason }) => {
                Some(format!("{} cannot be read ({reason})", path.display()))
            }
            Err(e) => Some(e.to_string()),
        }
    }

    /// Checks each image's documents and layers, and `images/` for directories no record names.
    fn scan_images(
        &self,
        quick: bool,
        images: &[ImageRecord],
        layers: &HashMap<String, bool>,
        out: &mut Vec<Finding>,
    ) {
        for image in images {
            let mut problems = Vec::new();
            for diff_id in &image.layers {
                match layers.get(layer_short_id(diff_id)) {
                    Some(true) => {}
                    Some(false) => problems.push(format!("its layer {diff_id} is damaged")),
                    None => problems.push(format!(
                        "its layer {diff_id} is missing ({})",
                        self.layer_dir(diff_id).display()
                    )),
                }
            }
            for (name, digest) in [
                ("config.json", format!("sha256:{}", image.id)),
                ("manifest.json", image.digest.clone()),
            ] {
                let path = self.image_dir(&image.id).join(name);
                if quick {
                    if !path.exists() {
                        problems.push(format!("{} is missing", path.display()));
                    }
                    continue;
                }
                match fs::read(&path) {
                    Ok(bytes) => {
                        // Documents are stored as pulled, so their digest is the one recorded.
                        if let Some(hex) = digest.strip_prefix("sha256:")
                            && sha256_hex(&bytes) != hex
                        {
                            problems.push(format!(
                                "{} does not match its digest {digest} (changed or damaged)",
                                path.display()
                            ));
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {
                        problems.push(format!("{} is missing", path.display()))
                    }
                    Err(e) => problems.push(format!("cannot read {}: {e}", path.display())),
                }
            }
            if !problems.is_empty() {
                out.push(Finding::DamagedImage {
                    id: image.id.clone(),
                    names: image.names.clone(),
                    problems,
                });
            }
        }
        // Documents are written under the image-list lock right before the record: a
        // directory no record names is a killed pull's only while nobody holds that lock.
        if !lock_is_free(&self.root.join("locks/images.lock")) {
            return;
        }
        let recorded: HashSet<&str> = images.iter().map(|i| i.id.as_str()).collect();
        for entry in fs::read_dir(self.root.join("images"))
            .into_iter()
            .flatten()
            .flatten()
        {
            if !recorded.contains(entry.file_name().to_string_lossy().as_ref()) {
                out.push(Finding::Leftover {
                    what: "image documents a killed pull wrote",
                    path: entry.path(),
                });
            }
        }
        stale_staged_files(&self.root, out);
    }

    /// Checks `containers/`: damaged records, containers whose image is gone, staged creates
    /// and removals whose burrow died, staged records. Returns the readable containers.
    fn scan_container_dirs(
        &self,
        quick: bool,
        images: &[ImageRecord],
        out: &mut Vec<Finding>,
    ) -> Result<Vec<Container>, StoreError> {
        let dir = self.containers_dir();
        if !dir.exists() {
            return Ok(Vec::new());
        }
        let mut containers = Vec::new();
        if !quick {
            let (whole, damaged) = self.scan_containers()?;
            out.extend(
                damaged
                    .into_iter()
                    .map(|d| Finding::DamagedContainer(Box::new(d))),
            );
            let ids: HashSet<&str> = images.iter().map(|i| i.id.as_str()).collect();
            for c in &whole {
                if !ids.contains(c.record.image_id.as_str()) {
                    out.push(Finding::ContainerWithoutImage {
                        id: c.record.id.clone(),
                        name: c.record.name.clone(),
                        image_id: c.record.image_id.clone(),
                    });
                }
            }
            containers = whole;
        }
        // A create holds the names lock from staging to publishing.
        let creating_is_dead = lock_is_free(&self.root.join("locks/containers.lock"));
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if name.starts_with('.') && name.ends_with(".creating") {
                if creating_is_dead {
                    out.push(Finding::Leftover {
                        what: "container a killed create was preparing",
                        path,
                    });
                }
            } else if name.starts_with('.') && name.ends_with(".removing") {
                if lock_is_free(&path.join("lock")) {
                    out.push(Finding::Leftover {
                        what: "container a killed removal was deleting",
                        path,
                    });
                }
            } else if !name.starts_with('.') && !quick {
                stale_staged_files(&path, out);
            }
        }
        Ok(containers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staged_files_are_stale_only_when_their_writer_is_gone() {
        assert!(!stale_staged_file(".state.json.1.tmp"), "pid 1 lives");
        assert!(!stale_staged_file(&format!(
            ".state.json.{}.tmp",
            std::process::id()
        )));
        assert!(stale_staged_file(".state.json.999999999.tmp"));
        assert!(!stale_staged_file("state.json"));
        assert!(!stale_staged_file(".state.json.x.tmp"));
    }
}
