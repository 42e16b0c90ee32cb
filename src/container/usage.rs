//! `system df`: what images, containers and volumes hold on disk, and what removing the unused
//! ones would give back (podman's `SystemDf`). Layers shared between images are counted once
//! in the totals (podman 4.3 adds up each image, and each of its names, in full).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::{ContainerError, Host, volume_store};
use crate::store::{ImageRecord, Status, Store, tree_usage};

/// One image: its size as `images` shows it, split into the bytes of layers another image
/// also has and the bytes only it has.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageUsage {
    pub id: String,
    pub names: Vec<String>,
    pub created: Option<DateTime<Utc>>,
    pub size: u64,
    pub shared_size: u64,
    pub unique_size: u64,
    /// Containers made from it.
    pub containers: usize,
}

/// One container: the bytes its writable layer holds.
#[derive(Debug, Clone, PartialEq)]
pub struct ContainerUsage {
    pub id: String,
    pub image_id: String,
    pub command: Vec<String>,
    pub local_volumes: usize,
    pub rw_size: u64,
    pub created: DateTime<Utc>,
    pub status: Status,
    pub name: String,
}

/// One volume: the bytes in it, and how many containers use it.
#[derive(Debug, Clone, PartialEq)]
pub struct VolumeUsage {
    pub name: String,
    pub links: usize,
    pub size: u64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DiskUsage {
    pub images: Vec<ImageUsage>,
    /// The bytes of every image's layers, each layer once.
    pub images_size: u64,
    /// The bytes of the layers only images no container uses have.
    pub images_reclaimable: u64,
    pub containers: Vec<ContainerUsage>,
    pub volumes: Vec<VolumeUsage>,
}

/// One line of `system df`'s summary.
#[derive(Debug, Clone, PartialEq)]
pub struct UsageSummary {
    pub kind: &'static str,
    pub total: usize,
    pub active: usize,
    pub size: u64,
    pub reclaimable: u64,
}

impl DiskUsage {
    /// podman's three lines: images in use by a container are active; running containers
    /// are, and the others' writable layers reclaimable; a volume's links are its active count.
    pub fn summary(&self) -> [UsageSummary; 3] {
        let running = |c: &&ContainerUsage| c.status == Status::Running;
        [
            UsageSummary {
                kind: "Images",
                total: self.images.len(),
                active: self.images.iter().filter(|i| i.containers > 0).count(),
                size: self.images_size,
                reclaimable: self.images_reclaimable,
            },
            UsageSummary {
                kind: "Containers",
                total: self.containers.len(),
                active: self.containers.iter().filter(running).count(),
                size: self.containers.iter().map(|c| c.rw_size).sum(),
                reclaimable: self
                    .containers
                    .iter()
                    .filter(|c| !running(c))
                    .map(|c| c.rw_size)
                    .sum(),
            },
            UsageSummary {
                kind: "Local Volumes",
                total: self.volumes.len(),
                active: self.volumes.iter().map(|v| v.links).sum(),
                size: self.volumes.iter().map(|v| v.size).sum(),
                reclaimable: self
                    .volumes
                    .iter()
                    .filter(|v| v.links == 0)
                    .map(|v| v.size)
                    .sum(),
            },
        ]
    }
}

/// The images' part of the report (pure): `layer_size` gives a layer's bytes by diff ID,
/// `users` the number of containers of each image ID. Returns the images, the bytes of
/// all their layers (each once) and of the layers only unused images have.
pub fn plan_image_usage(
    images: &[ImageRecord],
    layer_size: impl Fn(&str) -> u64,
    users: &HashMap<String, usize>,
) -> (Vec<ImageUsage>, u64, u64) {
    let mut holders: HashMap<&str, usize> = HashMap::new();
    for image in images {
        let distinct: HashSet<&str> = image.layers.iter().map(String::as_str).collect();
        for layer in distinct {
            *holders.entry(layer).or_default() += 1;
        }
    }
    let mut all = HashSet::new();
    let mut in_use = HashSet::new();
    let mut rows = Vec::new();
    for image in images {
        let containers = users.get(&image.id).copied().unwrap_or(0);
        let distinct: HashSet<&str> = image.layers.iter().map(String::as_str).collect();
        let shared: u64 = distinct
            .iter()
            .filter(|l| holders[*l] > 1)
            .map(|l| layer_size(l))
            .sum();
        all.extend(distinct.iter().copied());
        if containers > 0 {
            in_use.extend(distinct.iter().copied());
        }
        let shared_size = shared.min(image.size);
        rows.push(ImageUsage {
            id: image.id.clone(),
            names: image.names.clone(),
            created: image.created,
            size: image.size,
            shared_size,
            unique_size: image.size - shared_size,
            containers,
        });
    }
    let bytes = |set: &HashSet<&str>| set.iter().map(|l| layer_size(l)).sum::<u64>();
    let total = bytes(&all);
    let reclaimable = total.saturating_sub(bytes(&in_use));
    (rows, total, reclaimable)
}

/// `system df`: reads every record and measures the containers' writable layers and the
/// volumes. Call inside the user namespace: their files may belong to subordinate IDs.
pub fn disk_usage(store: &Store, host: &Host) -> Result<DiskUsage, ContainerError> {
    if !store.root().exists() {
        return Ok(DiskUsage::default());
    }
    let containers = super::list(store, host)?;
    let mut users: HashMap<String, usize> = HashMap::new();
    let mut links: HashMap<&str, usize> = HashMap::new();
    for c in &containers {
        *users.entry(c.record.image_id.clone()).or_default() += 1;
        let distinct: HashSet<&str> = c.record.volume_names().collect();
        for name in distinct {
            *links.entry(name).or_default() += 1;
        }
    }
    let images = store.images()?;
    let layer_size = |diff_id: &str| {
        // A layer whose record is missing or damaged counts nothing here; `system check`
        // reports it.
        store.layer(diff_id).ok().flatten().map_or(0, |l| l.size)
    };
    let (images, images_size, images_reclaimable) = plan_image_usage(&images, layer_size, &users);
    let measure = |path: std::path::PathBuf| {
        tree_usage(&path).map_err(|source| ContainerError::Io {
            what: "measure",
            path,
            source,
        })
    };
    let mut rows = Vec::new();
    for c in &containers {
        rows.push(ContainerUsage {
            id: c.record.id.clone(),
            image_id: c.record.image_id.clone(),
            command: c.record.command.clone(),
            local_volumes: c.record.mounts.len(),
            rw_size: measure(store.container_dir(&c.record.id).join("upper"))?,
            created: c.record.created,
            status: c.state.status,
            name: c.record.name.clone(),
        });
    }
    let volumes = volume_store(store);
    let mut volume_rows = Vec::new();
    for v in volumes.list()? {
        volume_rows.push(VolumeUsage {
            links: links.get(v.name.as_str()).copied().unwrap_or(0),
            size: measure(volumes.data_dir(&v.name))?,
            name: v.name,
        });
    }
    Ok(DiskUsage {
        images,
        images_size,
        images_reclaimable,
        containers: rows,
        volumes: volume_rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(id: &str, layers: &[&str]) -> ImageRecord {
        ImageRecord {
            id: id.into(),
            layers: layers.iter().map(|l| l.to_string()).collect(),
            size: layers.iter().map(|l| size(l)).sum(),
            ..ImageRecord::default()
        }
    }

    fn size(layer: &str) -> u64 {
        match layer {
            "base" => 1000,
            "mid" => 200,
            _ => 30,
        }
    }

    #[test]
    fn shared_layers_count_once_and_split_each_image() {
        let images = [image("a", &["base"]), image("b", &["base", "mid", "top"])];
        let users = HashMap::from([("a".to_string(), 2)]);
        let (rows, total, reclaimable) = plan_image_usage(&images, size, &users);
        assert_eq!(total, 1230);
        // Only b's own layers come back when b goes: a, in use, keeps the base.
        assert_eq!(reclaimable, 230);
        assert_eq!((rows[0].shared_size, rows[0].unique_size), (1000, 0));
        assert_eq!((rows[1].shared_size, rows[1].unique_size), (1000, 230));
        assert_eq!((rows[0].containers, rows[1].containers), (2, 0));
    }

    #[test]
    fn summary_follows_podman_activity_rules() {
        let usage = DiskUsage {
            images: vec![],
            images_size: 0,
            images_reclaimable: 0,
            containers: vec![
                ContainerUsage {
                    id: "1".into(),
                    image_id: "a".into(),
                    command: vec![],
                    local_volumes: 0,
                    rw_size: 10,
                    created: DateTime::<Utc>::UNIX_EPOCH,
                    status: Status::Running,
                    name: "r".into(),
                },
                ContainerUsage {
                    id: "2".into(),
                    image_id: "a".into(),
                    command: vec![],
                    local_volumes: 0,
                    rw_size: 5,
                    created: DateTime::<Utc>::UNIX_EPOCH,
                    status: Status::Exited,
                    name: "e".into(),
                },
            ],
            volumes: vec![
                VolumeUsage {
                    name: "used".into(),
                    links: 2,
                    size: 7,
                },
                VolumeUsage {
                    name: "free".into(),
                    links: 0,
                    size: 3,
                },
            ],
        };
        let [_, containers, volumes] = usage.summary();
        assert_eq!((containers.total, containers.active), (2, 1));
        assert_eq!((containers.size, containers.reclaimable), (15, 5));
        assert_eq!((volumes.total, volumes.active), (2, 2));
        assert_eq!((volumes.size, volumes.reclaimable), (10, 3));
    }
}
