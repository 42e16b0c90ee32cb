//! `load` and the archive transports of `pull`: the images of a docker-archive or an OCI
//! layout stored with the IDs they had (the config bytes are kept as archived), each layer
//! unpacked through `ingest` with its diff ID checked. A load that fails leaves no image and
//! no layer of its own behind.

use std::io::Read;

use crate::archive::{
    self, ArchiveError, ArchiveReader, ArchivedImage, Compression, Input, OCI_LAYER,
    OCI_LAYER_GZIP, OCI_LAYER_ZSTD,
};
use crate::config::ImageRef;
use crate::store::{ImageRecord, Store, StoreError};

use super::Progress;
use super::ingest::{self, IngestError};

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Archive(#[from] ArchiveError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{source}; nothing was loaded")]
    Layer { layer: String, source: IngestError },
    #[error("{0}; nothing was loaded")]
    Ingest(IngestError),
    #[error("no image named {reference} in {archive} (it has: {names})")]
    NoSuchImage {
        archive: String,
        reference: String,
        names: String,
    },
    #[error(
        "{archive} holds {count} images; name one: {transport}:{archive}:NAME or {transport}:{archive}:@INDEX"
    )]
    Ambiguous {
        archive: String,
        transport: &'static str,
        count: usize,
    },
}

/// Which images of an archive to store.
pub enum Selection<'a> {
    /// Every image (`load`).
    All,
    /// One image: the one named (`NAME` or `@INDEX`), else the only one (the transports).
    One(Option<&'a str>),
}

/// Opens an archive; one that is not even a tar gets podman's "payload does not match" with
/// why.
fn open(input: Input<'_>, store: &Store) -> Result<ArchiveReader, LoadError> {
    match ArchiveReader::open(input, store.root()) {
        Err(ArchiveError::Tar { detail }) => Err(ArchiveError::NotAnArchive {
            tried: vec![
                ("oci-archive", format!("reading the tar archive: {detail}")),
                (
                    "docker-archive",
                    format!("reading the tar archive: {detail}"),
                ),
            ],
        }
        .into()),
        other => Ok(other?),
    }
}

/// The names an archive gives an image, normalised as pull names images; a bare tag (an OCI
/// layout's `ref.name` may be just `latest`) names nothing.
fn normalized_names(image: &ArchivedImage) -> Vec<String> {
    image
        .names
        .iter()
        .filter(|n| n.contains(':') || n.contains('/'))
        .filter_map(|n| ImageRef::parse(n).ok().map(|r| r.to_string()))
        .collect()
}

fn select(
    images: Vec<ArchivedImage>,
    selection: Selection<'_>,
    archive: &ArchiveReader,
    transport: &'static str,
) -> Result<Vec<ArchivedImage>, LoadError> {
    let Selection::One(wanted) = selection else {
        return Ok(images);
    };
    let count = images.len();
    let listed = || {
        images
            .iter()
            .enumerate()
            .map(|(i, img)| {
                img.names
                    .first()
                    .cloned()
                    .unwrap_or_else(|| format!("@{i}"))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let not_found = |reference: &str| LoadError::NoSuchImage {
        archive: archive.description.clone(),
        reference: reference.to_string(),
        names: listed(),
    };
    let index = match wanted {
        None if count == 1 => 0,
        None => {
            return Err(LoadError::Ambiguous {
                archive: archive.description.clone(),
                transport,
                count,
            });
        }
        Some(reference) => match reference.strip_prefix('@') {
            Some(n) => n
                .parse::<usize>()
                .ok()
                .filter(|&n| n < count)
                .ok_or_else(|| not_found(reference))?,
            None => {
                let normal = ImageRef::parse(reference).ok().map(|r| r.to_string());
                images
                    .iter()
                    .position(|img| {
                        img.names.iter().any(|n| n == reference)
                            || normalized_names(img)
                                .iter()
                                .any(|n| Some(n) == normal.as_ref())
                    })
                    .ok_or_else(|| not_found(reference))?
            }
        },
    };
    Ok(images.into_iter().nth(index).into_iter().collect())
}

/// A layer's media type: the archive's, else (docker-archive) what its first bytes say.
fn media_type_of(layer: &archive::ArchivedLayer, head: &[u8]) -> String {
    if let Some(media_type) = &layer.media_type {
        return media_type.clone();
    }
    match Compression::sniff(head) {
        Compression::Gzip => OCI_LAYER_GZIP,
        Compression::Zstd => OCI_LAYER_ZSTD,
        Compression::None => OCI_LAYER,
    }
    .to_string()
}

/// Stores the images of an archive and returns their records. Call inside the user
/// namespace (layers are unpacked with their owners).
pub fn load(
    store: &Store,
    input: Input<'_>,
    selection: Selection<'_>,
    transport: &'static str,
    progress: &Progress,
) -> Result<Vec<ImageRecord>, LoadError> {
    store.init()?;
    let archive = open(input, store)?;
    let (_format, images) = archive::read_images(&archive)?;
    let images = select(images, selection, &archive, transport)?;
    let result = store_images(store, &archive, &images, progress);
    if result.is_err() {
        // The layers this load stored are no image's: remove them (a concurrent pull's are
        // locked by it and stay).
        let list = store.lock_images()?;
        store.remove_unused_layers(&list.images)?;
    }
    result
}

fn store_images(
    store: &Store,
    archive: &ArchiveReader,
    images: &[ArchivedImage],
    progress: &Progress,
) -> Result<Vec<ImageRecord>, LoadError> {
    progress.message("Getting image source signatures");
    let mut records = Vec::new();
    for image in images {
        let mut layers = Vec::new();
        // Held until the image record names the layers, so no rmi removes them meanwhile.
        let mut locks = Vec::new();
        for layer in &image.layers {
            let mut reader = archive.entry(&layer.name)?;
            let mut head = [0u8; 4];
            let n = read_head(&mut reader, &mut head).map_err(|source| ArchiveError::Read {
                name: layer.name.clone(),
                source,
            })?;
            let media_type = media_type_of(layer, &head[..n]);
            progress.message(&format!("Copying blob {}", layer.diff_id));
            let blob = (&head[..n]).chain(reader);
            let (record, lock) =
                ingest::store_layer(store, blob, Some(&layer.diff_id), &media_type).map_err(
                    |source| LoadError::Layer {
                        layer: layer.diff_id.clone(),
                        source,
                    },
                )?;
            crate::failpoint!("load.layer-stored");
            layers.push(record);
            locks.push(lock);
        }
        progress.message(&format!("Copying config sha256:{}", image.id));
        progress.message("Writing manifest to image destination");
        let names = normalized_names(image);
        let record = ingest::store_image(
            store,
            &image.config,
            &layers,
            image.manifest.clone(),
            &names,
        )
        .map_err(LoadError::Ingest)?;
        drop(locks);
        let event_name = record
            .names
            .first()
            .cloned()
            .unwrap_or_else(|| record.id.clone());
        crate::events::record(
            store.root(),
            &crate::events::Event::image("loadfromarchive", &record.id, &event_name),
        );
        progress.message("Storing signatures");
        records.push(record);
    }
    Ok(records)
}

fn read_head(reader: &mut impl Read, head: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < head.len() {
        match reader.read(&mut head[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}
