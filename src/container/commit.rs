//! `commit`: a container's upper directory (or, squashed, its whole tree) becomes a new
//! layer through `layer::write_diff` and `image::ingest`, under a config made of the
//! image's, the container's settings and the `-c` changes.
//!
//! Runs in burrow's user namespace (the caller enters it): the upper directory's owners
//! are mapped there, and the layer is stored as pull stores one.

use std::io::{BufWriter, Write};
use std::os::fd::AsFd;

use chrono::Utc;
use sha2::{Digest, Sha256};

use crate::image::commit::{
    ConfigChanges, ContainerSettings, ImageFormat, NewConfig, build_config, build_manifest,
};
use crate::image::ingest::{self, IngestError};
use crate::layer::{DiffError, DiffOptions};
use crate::store::{Container, ImageRecord, LayerRecord, Store, StoreError};

use super::view::{self, ViewError};

#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    #[error(transparent)]
    View(#[from] ViewError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error("cannot write the container's changes as a layer: {0}")]
    Diff(#[from] DiffError),
    #[error("the image {image} has no stored config: {detail}; pull it again")]
    BadBase { image: String, detail: String },
}

/// What to commit and how.
#[derive(Debug, Clone, Default)]
pub struct CommitRequest {
    /// The new image's name, already made local (`localhost/NAME:latest`); none: untagged.
    pub name: Option<String>,
    pub author: Option<String>,
    pub message: Option<String>,
    pub changes: ConfigChanges,
    pub squash: bool,
    pub format: ImageFormat,
    pub include_volumes: bool,
    /// `created_by`'s text and the history comment (podman: `FROM <image>`).
    pub history_comment: Option<String>,
    /// SOURCE_DATE_EPOCH: no file time later than it, and it as the config's and the
    /// history's time, so the same changes give the same image.
    pub source_date_epoch: Option<chrono::DateTime<Utc>>,
    /// The owners the image gets for those in the container's files (keep-id).
    pub owners: Option<view::ImageOwners>,
}

/// One line of podman's copy progress.
pub enum Progress<'a> {
    Blob(&'a str),
    Config(&'a str),
}

/// Commits `container` (made from `image`); `progress` hears each blob and the config
/// as they are stored. Returns the new image's record.
pub fn commit(
    store: &Store,
    container: &Container,
    image: &ImageRecord,
    request: &CommitRequest,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<ImageRecord, CommitError> {
    let base_bytes = store
        .image_file(&image.id, "config.json")
        .map_err(|e| bad_base(image, e.to_string()))?;
    let base: serde_json::Value =
        serde_json::from_slice(&base_bytes).map_err(|e| bad_base(image, e.to_string()))?;
    let settings = settings(store, container, request.include_volumes)?;
    let (layers, upper) = view::container_layers(store, container, image)?;
    let media_type = request.format.layer_media_type();

    let mut records: Vec<LayerRecord> = Vec::new();
    if !request.squash {
        for diff_id in &image.layers {
            let record = store.layer(diff_id)?.ok_or_else(|| {
                bad_base(
                    image,
                    format!("its layer {diff_id} is missing from the store"),
                )
            })?;
            // The manifest names each layer's blob; a layer pulled by an older burrow has none.
            if record.blob_size == 0 {
                return Err(IngestError::NoBlob {
                    diff_id: diff_id.clone(),
                }
                .into());
            }
            records.push(record);
        }
    }
    // The tar streams through a pipe from a writer thread into the store; nothing
    // forks meanwhile.
    let map = |uid, gid| request.owners.as_ref().and_then(|o| o.map(uid, gid));
    let base_options = DiffOptions {
        owners: request
            .owners
            .as_ref()
            .map(|_| &map as &crate::layer::OwnerMap<'_>),
        clamp_mtime: request.source_date_epoch.map(|t| t.timestamp()),
        ..DiffOptions::default()
    };
    let (record, _layer_lock) = if request.squash {
        let mut dirs = layers.clone();
        dirs.push(upper.clone());
        view::private_mounts()?;
        let root = view::read_only_overlay(&dirs)?;
        stream_layer(store, media_type, |out| {
            crate::layer::write_diff_at(root.as_fd(), out, &base_options).map(|_| ())
        })?
    } else {
        // The mount points the runtime made are not the container's changes.
        let skip: Vec<&str> = view::MOUNT_POINTS
            .iter()
            .map(|p| p.trim_start_matches('/'))
            .collect();
        let options = DiffOptions {
            skip_empty: &skip,
            ..base_options
        };
        stream_layer(store, media_type, |out| {
            crate::layer::write_diff(&upper, out, &options).map(|_| ())
        })?
    };
    crate::failpoint!("commit-layer-stored");
    records.push(record.clone());

    let changes = request.changes.clone();
    let host = crate::image::Platform::host();
    let config = build_config(&NewConfig {
        base: Some(&base),
        settings: Some(&settings),
        changes: &changes,
        format: request.format,
        author: request.author.as_deref(),
        message: request.message.as_deref(),
        created: request.source_date_epoch.unwrap_or_else(Utc::now),
        history_created_by: "/bin/sh",
        history_comment: request.history_comment.as_deref(),
        diff_ids: vec![record.diff_id.clone()],
        squash: request.squash,
        platform: (&host.arch, &host.os),
    });
    let config_bytes = serde_json::to_vec(&config).expect("a JSON value serialises");
    let config_digest = format!("sha256:{}", hex::encode(Sha256::digest(&config_bytes)));
    let manifest_layers: Vec<(String, u64, String)> = records
        .iter()
        .map(|r| {
            progress(Progress::Blob(&r.compressed_digest));
            (
                r.compressed_digest.clone(),
                r.blob_size,
                convert_media_type(&r.media_type, request.format),
            )
        })
        .collect();
    progress(Progress::Config(&config_digest));
    let manifest = build_manifest(
        request.format,
        (&config_digest, config_bytes.len() as u64),
        &manifest_layers,
    );
    let manifest_bytes = serde_json::to_vec_pretty(&manifest).expect("a JSON value serialises");
    let names: Vec<String> = request.name.iter().cloned().collect();
    let stored = ingest::store_image(
        store,
        &config_bytes,
        &records,
        Some((
            manifest_bytes,
            request.format.manifest_media_type().to_owned(),
        )),
        &names,
    )?;
    crate::events::record(
        store.root(),
        &crate::events::Event::container(
            "commit",
            &container.record.id,
            &container.record.name,
            &container.record.image_name,
            &container.record.labels,
        ),
    );
    Ok(stored)
}

/// Streams what `write` produces into `store_layer`.
fn stream_layer(
    store: &Store,
    media_type: &str,
    write: impl FnOnce(&mut BufWriter<std::io::PipeWriter>) -> Result<(), DiffError> + Send,
) -> Result<(LayerRecord, crate::store::Lock), CommitError> {
    let (reader, writer) = std::io::pipe().map_err(|source| DiffError::Write { source })?;
    std::thread::scope(|scope| {
        let producer = scope.spawn(move || {
            let mut out = BufWriter::with_capacity(256 * 1024, writer);
            write(&mut out)?;
            out.flush().map_err(|source| DiffError::Write { source })
        });
        let stored = ingest::store_layer(store, reader, None, media_type);
        let produced = producer.join().unwrap_or_else(|_| {
            Err(DiffError::Write {
                source: std::io::Error::other("the layer writer panicked"),
            })
        });
        match (stored, produced) {
            // The walk's own error says more than the store's broken stream.
            (_, Err(e)) => Err(e.into()),
            (Err(e), Ok(())) => Err(e.into()),
            (Ok(stored), Ok(())) => Ok(stored),
        }
    })
}

/// A layer's media type as the manifest format names it.
fn convert_media_type(media_type: &str, format: ImageFormat) -> String {
    const PAIRS: &[(&str, &str)] = &[
        (
            "application/vnd.oci.image.layer.v1.tar",
            "application/vnd.docker.image.rootfs.diff.tar",
        ),
        (
            "application/vnd.oci.image.layer.v1.tar+gzip",
            "application/vnd.docker.image.rootfs.diff.tar.gzip",
        ),
    ];
    for (oci, docker) in PAIRS {
        match format {
            ImageFormat::Docker if media_type == *oci => return (*docker).to_owned(),
            ImageFormat::Oci if media_type == *docker => return (*oci).to_owned(),
            _ => {}
        }
    }
    media_type.to_owned()
}

/// What the container adds to its image's config, as podman's commit takes it.
fn settings(
    store: &Store,
    container: &Container,
    include_volumes: bool,
) -> Result<ContainerSettings, CommitError> {
    let (spec, _) = super::read_saved(store, container).map_err(ViewError::from)?;
    let process = spec.process().as_ref();
    let env = process
        .and_then(|p| p.env().clone())
        .unwrap_or_default()
        .into_iter()
        // Set per container at start, not a property of the image.
        .filter(|e| !e.starts_with("HOSTNAME="))
        .collect();
    let workdir = process
        .map(|p| p.cwd().to_string_lossy().into_owned())
        .unwrap_or_default();
    let user = process
        .map(|p| {
            let (uid, gid) = (p.user().uid(), p.user().gid());
            match (uid, gid) {
                (0, 0) => String::new(),
                (uid, 0) => uid.to_string(),
                (uid, gid) => format!("{uid}:{gid}"),
            }
        })
        .unwrap_or_default();
    let record = &container.record;
    Ok(ContainerSettings {
        env,
        entrypoint: record.entrypoint.clone(),
        cmd: record.cmd.clone(),
        workdir,
        user,
        labels: record.labels.clone(),
        exposed_ports: Vec::new(),
        volumes: if include_volumes {
            record
                .mounts
                .iter()
                .map(|m| m.destination.clone())
                .collect()
        } else {
            Vec::new()
        },
    })
}

fn bad_base(image: &ImageRecord, detail: String) -> CommitError {
    CommitError::BadBase {
        image: image
            .names
            .first()
            .cloned()
            .unwrap_or_else(|| image.id[..12.min(image.id.len())].to_owned()),
        detail,
    }
}
