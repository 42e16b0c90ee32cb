//! Image management: removing, naming and unnaming stored images, and pruning (podman's
//! `pkg/domain/infra/abi/images.go`). Each operation takes the image-list lock, records its
//! events and returns a report the CLI only prints.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::config::{ConfigEnv, ConfigError, ImageRef};
use crate::container::{ContainerError, Host};
use crate::events::{Event, record};
use crate::store::{ImageRecord, Store, StoreError};

use super::{FilterError, ImageFilter, LookupError, lookup};

#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error(transparent)]
    Lookup(#[from] LookupError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Container(#[from] ContainerError),
    #[error(transparent)]
    Filter(#[from] FilterError),
    #[error(transparent)]
    PruneFilter(#[from] crate::container::PruneFilterError),
    #[error(transparent)]
    Mount(#[from] crate::runtime::RuntimeError),
    #[error(
        "image used by {container}: image is in use by a container: consider listing external containers and force-removing image"
    )]
    InUse { container: String },
    #[error(
        "unable to delete image \"{id}\" by ID with more than one tag ({names}): please force removal"
    )]
    ManyNames { id: String, names: String },
    #[error("{0}: tag not known")]
    TagNotKnown(String),
    #[error("invalid tag \"{0}\": a digest cannot be used as a new name; give NAME[:TAG]")]
    DigestAsTag(String),
}

impl ImageError {
    /// podman's exit codes for `rmi`: 1 for an unknown image, 2 for one in use, else 125.
    pub fn remove_exit_code(&self) -> u8 {
        match self {
            ImageError::Lookup(e) if e.is_not_known() => 1,
            ImageError::InUse { .. } => 2,
            ImageError::Container(e) => e.exit_code(),
            _ => 125,
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct RemoveOptions {
    /// Every image.
    pub all: bool,
    /// Delete images named by ID that have several names, and the containers that use them;
    /// an unknown image is no error (podman's `rmi -f`).
    pub force: bool,
    /// An unknown image is no error.
    pub ignore: bool,
}

/// What `rmi` did: podman prints every untagged name, then every deleted ID, then the errors.
#[derive(Debug, Default)]
pub struct RemoveReport {
    pub untagged: Vec<String>,
    pub deleted: Vec<String>,
    pub errors: Vec<ImageError>,
}

impl RemoveReport {
    /// The exit code of the first error that is not "not known", else 1 (podman's order).
    pub fn exit_code(&self) -> u8 {
        let codes = self.errors.iter().map(ImageError::remove_exit_code);
        codes
            .clone()
            .find(|c| *c != 1)
            .or_else(|| codes.min())
            .unwrap_or(0)
    }
}

/// `rmi`: each input either loses the name it was given (an image with other names keeps
/// them) or is deleted with its documents and the layers no other image uses. `host` is
/// `None` when the store does not exist, so that nothing is created for a removal.
pub fn remove(
    store: &Store,
    host: Option<&Host>,
    env: &ConfigEnv,
    inputs: &[String],
    options: RemoveOptions,
) -> Result<RemoveReport, ImageError> {
    let ignore = options.ignore || options.force;
    let mut report = RemoveReport::default();
    let Some(host) = host.filter(|_| store.root().exists()) else {
        if !ignore && !options.all {
            report.errors = inputs
                .iter()
                .map(|i| LookupError::NotKnown(i.clone()).into())
                .collect();
        }
        return Ok(report);
    };
    let mut list = store.lock_images()?;
    let targets: Vec<String> = if options.all {
        list.images.iter().map(|i| i.id.clone()).collect()
    } else {
        inputs.to_vec()
    };
    let mut deleted = Vec::new();
    for input in &targets {
        let (image, untag) = match lookup(&list.images, env, input) {
            Ok(found) => {
                let untag = found
                    .name
                    .filter(|_| found.image.names.len() > 1)
                    .map(str::to_string);
                (found.image.clone(), untag)
            }
            Err(e) if e.is_not_known() && ignore => continue,
            Err(e) => {
                report.errors.push(e.into());
                continue;
            }
        };
        if let Some(name) = untag {
            for i in list.images.iter_mut() {
                i.names.retain(|n| n != &name);
            }
            record(store.root(), &Event::image("untag", &image.id, &name));
            report.untagged.push(name);
            continue;
        }
        if image.names.len() > 1 && !options.force && !options.all {
            report.errors.push(ImageError::ManyNames {
                id: image.id.clone(),
                names: image.names.join(", "),
            });
            continue;
        }
        if let Err(e) = free_image(store, host, &image, options.force) {
            report.errors.push(e);
            continue;
        }
        report.untagged.extend(image.names.iter().cloned());
        let name = image.names.first().cloned().unwrap_or_default();
        record(store.root(), &Event::image("remove", &image.id, &name));
        list.images.retain(|i| i.id != image.id);
        report.deleted.push(image.id.clone());
        deleted.push(image.id);
    }
    list.save()?;
    store.remove_image_files(&deleted, &list.images)?;
    Ok(report)
}

/// Makes sure no container uses an image about to be deleted: an error naming one that does,
/// or with `force`, removing them (podman's `rmi -f`). Runs under the image-list lock, which
/// `create` takes too, so no new user can appear meanwhile.
fn free_image(
    store: &Store,
    host: &Host,
    image: &ImageRecord,
    force: bool,
) -> Result<(), ImageError> {
    let users: Vec<String> = crate::container::list(store, host)?
        .into_iter()
        .filter(|c| c.record.image_id == image.id)
        .map(|c| c.record.id)
        .collect();
    let Some(first) = users.first() else {
        return Ok(());
    };
    if !force {
        return Err(ImageError::InUse {
            container: first.clone(),
        });
    }
    for id in &users {
        crate::container::remove(store, id, true, None, host)?;
    }
    Ok(())
}

/// podman's rule for a new name: one typed without registry is a local one (`localhost/`),
/// and `latest` is the default tag.
pub fn local_name(input: &str) -> Result<String, ImageError> {
    let parsed = ImageRef::parse(input)?;
    let full = if parsed.is_short_name() {
        ImageRef::parse(&format!("localhost/{input}"))?
    } else {
        parsed
    };
    if full.digest().is_some() {
        return Err(ImageError::DigestAsTag(input.to_string()));
    }
    Ok(full.to_string())
}

/// `tag`: gives the image each of `names` (taken from any image that had them).
pub fn tag(
    store: &Store,
    env: &ConfigEnv,
    input: &str,
    names: &[String],
) -> Result<(), ImageError> {
    let names = names
        .iter()
        .map(|n| local_name(n))
        .collect::<Result<Vec<_>, _>>()?;
    let mut list = store.lock_images()?;
    let id = lookup(&list.images, env, input)?.image.id.clone();
    for image in list.images.iter_mut() {
        image.names.retain(|n| !names.contains(n));
        if image.id == id {
            image.names.extend(names.iter().cloned());
            for name in &names {
                image.remember_name(name);
            }
        }
    }
    list.save()?;
    for name in &names {
        record(store.root(), &Event::image("tag", &id, name));
    }
    Ok(())
}

/// `untag`: takes `names` from the image, or every name when none are given. A name the
/// image does not have is an error and nothing is untagged.
pub fn untag(
    store: &Store,
    env: &ConfigEnv,
    input: &str,
    names: &[String],
) -> Result<Vec<String>, ImageError> {
    let mut list = store.lock_images()?;
    let found = lookup(&list.images, env, input)?;
    let id = found.image.id.clone();
    let targets = if names.is_empty() {
        found.image.names.clone()
    } else {
        let mut targets = Vec::new();
        for name in names {
            let name = local_name(name)?;
            if !found.image.names.contains(&name) {
                return Err(ImageError::TagNotKnown(name));
            }
            targets.push(name);
        }
        targets
    };
    let image = list
        .images
        .iter_mut()
        .find(|i| i.id == id)
        .expect("the found image is in the list");
    image.names.retain(|n| !targets.contains(n));
    list.save()?;
    for name in &targets {
        record(store.root(), &Event::image("untag", &id, name));
    }
    Ok(targets)
}

/// `image prune --filter`: every filter `images` takes, and podman's `until=` (made before)
/// and `label!=` (without the label).
#[derive(Debug, Default)]
pub struct PruneImageFilter {
    listed: ImageFilter,
    until: Option<DateTime<Utc>>,
    not_labels: Vec<(String, Option<String>)>,
}

impl PruneImageFilter {
    /// Parses `--filter` values; `before` and `since` name images of `images`.
    pub fn parse(
        images: &[ImageRecord],
        env: &ConfigEnv,
        filters: &[String],
        now: DateTime<Utc>,
    ) -> Result<PruneImageFilter, ImageError> {
        let mut f = PruneImageFilter::default();
        let mut listed = Vec::new();
        for filter in filters {
            match filter.split_once('=') {
                Some(("until", value)) => {
                    f.until = Some(crate::container::parse_until(value, now)?)
                }
                Some(("label!", value)) => f.not_labels.push(match value.split_once('=') {
                    Some((k, v)) => (k.to_string(), Some(v.to_string())),
                    None => (value.to_string(), None),
                }),
                _ => listed.push(filter.clone()),
            }
        }
        f.listed = ImageFilter::parse(&listed, None, |name| {
            lookup(images, env, name).map(|found| found.image)
        })?;
        Ok(f)
    }

    fn needs_labels(&self) -> bool {
        self.listed.needs_labels() || !self.not_labels.is_empty()
    }

    fn matches(&self, image: &ImageRecord, labels: &serde_json::Value) -> bool {
        let created = image.created.unwrap_or(image.pulled);
        self.listed.matches(image, labels)
            && self.until.is_none_or(|until| created < until)
            && !self
                .not_labels
                .iter()
                .any(|(k, v)| match (labels.get(k), v) {
                    (Some(have), Some(want)) => have.as_str() == Some(want.as_str()),
                    (Some(_), None) => true,
                    (None, _) => false,
                })
    }
}

/// What `image prune` removed: the images' IDs and the bytes of the layers that went with
/// them (a layer another image keeps is not counted).
#[derive(Debug, Default)]
pub struct PruneReport {
    pub removed: Vec<String>,
    pub reclaimed: u64,
}

/// `image prune`: deletes the images without a name (with `all`, every image) that no
/// container uses and that pass `filter`.
pub fn prune(
    store: &Store,
    host: &Host,
    all: bool,
    filter: &PruneImageFilter,
) -> Result<PruneReport, ImageError> {
    if !store.root().exists() {
        return Ok(PruneReport::default());
    }
    let mut list = store.lock_images()?;
    let used: HashSet<String> = crate::container::list(store, host)?
        .into_iter()
        .map(|c| c.record.image_id)
        .collect();
    let labels = |image: &ImageRecord| {
        if filter.needs_labels() {
            super::image_labels(store, image)
        } else {
            serde_json::Value::Null
        }
    };
    let (gone, kept): (Vec<ImageRecord>, Vec<ImageRecord>) = list.images.drain(..).partition(|i| {
        (all || i.names.is_empty()) && !used.contains(&i.id) && filter.matches(i, &labels(i))
    });
    list.images = kept;
    list.save()?;
    let kept_layers: HashSet<&str> = list
        .images
        .iter()
        .flat_map(|i| i.layers.iter().map(String::as_str))
        .collect();
    let freed: HashSet<&str> = gone
        .iter()
        .flat_map(|i| i.layers.iter().map(String::as_str))
        .filter(|l| !kept_layers.contains(l))
        .collect();
    let reclaimed = freed
        .iter()
        .filter_map(|l| store.layer(l).ok().flatten())
        .map(|l| l.size)
        .sum();
    let removed: Vec<String> = gone.iter().map(|i| i.id.clone()).collect();
    store.remove_image_files(&removed, &list.images)?;
    for image in &gone {
        let name = image.names.first().cloned().unwrap_or_default();
        record(store.root(), &Event::image("remove", &image.id, &name));
    }
    Ok(PruneReport { removed, reclaimed })
}
