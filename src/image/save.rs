//! `save`: stored images written as a docker-archive, an OCI layout (tar or directory) or a
//! `dir:` directory. Layer blobs come from the store as pulled, never regenerated; the config
//! is the stored document byte for byte, so the image keeps its ID wherever it is loaded.

use std::fs::File;
use std::path::PathBuf;

use crate::archive::{
    self, ArchiveError, ArchiveWriter, Descriptor, DockerManifestEntry, OCI_CONFIG, OCI_LAYER,
    OCI_MANIFEST, OutputKind, REF_NAME,
};
use crate::config::ConfigEnv;
use crate::store::{ImageRecord, LayerRecord, Store, StoreError};

use super::{LookupError, lookup};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveFormat {
    DockerArchive,
    OciArchive,
    OciDir,
    DockerDir,
}

impl SaveFormat {
    pub fn parse(text: &str) -> Option<SaveFormat> {
        Some(match text {
            "docker-archive" => SaveFormat::DockerArchive,
            "oci-archive" => SaveFormat::OciArchive,
            "oci-dir" => SaveFormat::OciDir,
            "docker-dir" => SaveFormat::DockerDir,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            SaveFormat::DockerArchive => "docker-archive",
            SaveFormat::OciArchive => "oci-archive",
            SaveFormat::OciDir => "oci-dir",
            SaveFormat::DockerDir => "docker-dir",
        }
    }

    pub fn is_directory(self) -> bool {
        matches!(self, SaveFormat::OciDir | SaveFormat::DockerDir)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(transparent)]
    Lookup(#[from] LookupError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Archive(#[from] ArchiveError),
    #[error("unsupported format \"{0}\" for saving multiple images (only docker-archive)")]
    Multiple(&'static str),
    #[error(transparent)]
    Ingest(#[from] super::ingest::IngestError),
    #[error("reading layer {layer}: {source}")]
    Blob {
        layer: String,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

pub struct SaveOptions {
    pub format: SaveFormat,
    pub output: OutputKind,
    /// Layers written uncompressed (their diff ID is their digest).
    pub uncompressed: bool,
}

/// One image to write and the name it was asked for by.
struct Source {
    record: ImageRecord,
    name: Option<String>,
    config: Vec<u8>,
    store_manifest: Option<Vec<u8>>,
    layers: Vec<(LayerRecord, PathBuf)>,
}

fn gather(store: &Store, env: &ConfigEnv, input: &str) -> Result<Source, SaveError> {
    let images = store.images()?;
    let found = lookup(&images, env, input)?;
    let record = found.image.clone();
    let config = store.image_file(&record.id, "config.json")?;
    let mut layers = Vec::new();
    for diff_id in &record.layers {
        let (blob, layer) = super::ingest::layer_blob(store, diff_id)?;
        layers.push((layer, blob));
    }
    Ok(Source {
        store_manifest: store.image_file(&record.id, "manifest.json").ok(),
        name: found.name.map(str::to_string),
        record,
        config,
        layers,
    })
}

/// Writes the images `inputs` name.
pub fn save(
    store: &Store,
    env: &ConfigEnv,
    inputs: &[String],
    opts: SaveOptions,
) -> Result<(), SaveError> {
    if inputs.len() > 1 && opts.format != SaveFormat::DockerArchive {
        return Err(SaveError::Multiple(opts.format.name()));
    }
    let sources = inputs
        .iter()
        .map(|i| gather(store, env, i))
        .collect::<Result<Vec<_>, _>>()?;
    let mut writer = ArchiveWriter::create(opts.output)?;
    match opts.format {
        SaveFormat::DockerArchive => write_docker_archive(&mut writer, &sources)?,
        SaveFormat::OciArchive | SaveFormat::OciDir => {
            write_oci(&mut writer, &sources[0], opts.uncompressed)?
        }
        SaveFormat::DockerDir => write_docker_dir(&mut writer, &sources[0], opts.uncompressed)?,
    }
    writer.finish()?;
    Ok(())
}

fn blob_error(layer: &LayerRecord) -> impl FnOnce(ArchiveError) -> SaveError + '_ {
    move |e| SaveError::Blob {
        layer: layer.diff_id.clone(),
        source: Box::new(e),
    }
}

/// Adds a layer uncompressed (its tar as the diff ID names it).
fn add_uncompressed(
    writer: &mut ArchiveWriter,
    name: &str,
    layer: &LayerRecord,
    blob: &std::path::Path,
) -> Result<(), SaveError> {
    let reader = super::ingest::open_uncompressed(blob).map_err(|e| SaveError::Blob {
        layer: layer.diff_id.clone(),
        source: Box::new(e),
    })?;
    writer
        .add(name, layer.size, reader)
        .map_err(blob_error(layer))
}

fn add_blob(
    writer: &mut ArchiveWriter,
    name: &str,
    layer: &LayerRecord,
    blob: &std::path::Path,
) -> Result<(), SaveError> {
    let file = File::open(blob).map_err(|e| SaveError::Blob {
        layer: layer.diff_id.clone(),
        source: Box::new(e),
    })?;
    writer
        .add(name, layer.blob_size, file)
        .map_err(blob_error(layer))
}

fn hex(digest: &str) -> &str {
    digest.strip_prefix("sha256:").unwrap_or(digest)
}

fn write_docker_archive(writer: &mut ArchiveWriter, sources: &[Source]) -> Result<(), SaveError> {
    let mut entries = Vec::new();
    let mut tags = Vec::new();
    for source in sources {
        let config_name = format!("{}.json", source.record.id);
        if !writer.has(&config_name) {
            writer.add_bytes(&config_name, &source.config)?;
        }
        let mut layers = Vec::new();
        for (layer, blob) in &source.layers {
            // podman's names: the diff ID's hex, in the archive's top directory.
            let name = format!("{}.tar", hex(&layer.diff_id));
            if !writer.has(&name) {
                add_uncompressed(writer, &name, layer, blob)?;
            }
            layers.push(name);
        }
        let repo_tags: Vec<String> = source.name.iter().cloned().collect();
        for tag in &repo_tags {
            tags.push((tag.clone(), source.record.id.clone()));
        }
        entries.push(DockerManifestEntry {
            config: config_name,
            repo_tags,
            layers,
        });
    }
    writer.add_bytes("manifest.json", &archive::docker_manifest(&entries))?;
    writer.add_bytes("repositories", &archive::repositories(&tags))?;
    Ok(())
}

/// The layers' descriptors as written: the stored blob, or the uncompressed tar.
fn layer_descriptors(source: &Source, uncompressed: bool, oci: bool) -> Vec<Descriptor> {
    source
        .layers
        .iter()
        .map(|(layer, _)| {
            // docker's format has no zstd: such layers go uncompressed there.
            if uncompressed || (!oci && layer.media_type.ends_with("zstd")) {
                let media = if oci {
                    OCI_LAYER.to_string()
                } else {
                    archive::layer_media_type(false, "tar")
                };
                Descriptor::new(&media, &layer.diff_id, layer.size)
            } else {
                Descriptor::new(
                    &archive::layer_media_type(oci, &layer.media_type),
                    &layer.compressed_digest,
                    layer.blob_size,
                )
            }
        })
        .collect()
}

fn add_layers(
    writer: &mut ArchiveWriter,
    source: &Source,
    descriptors: &[Descriptor],
    name_of: impl Fn(&str) -> String,
) -> Result<(), SaveError> {
    for ((layer, blob), descriptor) in source.layers.iter().zip(descriptors) {
        let name = name_of(&descriptor.digest);
        if writer.has(&name) {
            continue;
        }
        if descriptor.digest == layer.compressed_digest {
            add_blob(writer, &name, layer, blob)?;
        } else {
            add_uncompressed(writer, &name, layer, blob)?;
        }
    }
    Ok(())
}

/// The stored manifest when it is an OCI manifest of exactly these blobs (its digest then
/// survives), else a new one.
fn oci_manifest(
    store_manifest: Option<&[u8]>,
    record: &ImageRecord,
    config: &Descriptor,
    layers: &[Descriptor],
) -> Vec<u8> {
    if record.manifest_media_type == OCI_MANIFEST
        && let Some(bytes) = store_manifest
        && let Ok(doc) = serde_json::from_slice::<serde_json::Value>(bytes)
    {
        let digests: Vec<&str> = doc["layers"]
            .as_array()
            .map(|l| l.iter().filter_map(|d| d["digest"].as_str()).collect())
            .unwrap_or_default();
        let wanted: Vec<&str> = layers.iter().map(|d| d.digest.as_str()).collect();
        if digests == wanted && doc["config"]["digest"].as_str() == Some(config.digest.as_str()) {
            return bytes.to_vec();
        }
    }
    archive::image_manifest(OCI_MANIFEST, config, layers)
}

fn write_oci(
    writer: &mut ArchiveWriter,
    source: &Source,
    uncompressed: bool,
) -> Result<(), SaveError> {
    let blob = |digest: &str| format!("blobs/sha256/{}", hex(digest));
    writer.add_bytes("oci-layout", archive::oci_layout())?;
    let config = Descriptor::new(
        OCI_CONFIG,
        &format!("sha256:{}", source.record.id),
        source.config.len() as u64,
    );
    writer.add_bytes(&blob(&config.digest), &source.config)?;
    let layers = layer_descriptors(source, uncompressed, true);
    add_layers(writer, source, &layers, blob)?;
    let stored = source.store_manifest.as_deref();
    let manifest = oci_manifest(stored, &source.record, &config, &layers);
    let digest = archive::sha256_digest(&manifest);
    writer.add_bytes(&blob(&digest), &manifest)?;
    let mut descriptor = Descriptor::new(OCI_MANIFEST, &digest, manifest.len() as u64);
    if let Some(name) = &source.name {
        descriptor.annotations = Some([(REF_NAME.to_string(), name.clone())].into());
    }
    writer.add_bytes("index.json", &archive::oci_index(&[descriptor]))?;
    Ok(())
}

/// containers/image's `dir:` layout: `version`, `manifest.json` (docker schema 2) and every
/// blob named by its digest's hex.
fn write_docker_dir(
    writer: &mut ArchiveWriter,
    source: &Source,
    uncompressed: bool,
) -> Result<(), SaveError> {
    writer.add_bytes("version", b"Directory Transport Version: 1.1\n")?;
    let config = Descriptor::new(
        archive::DOCKER_CONFIG,
        &format!("sha256:{}", source.record.id),
        source.config.len() as u64,
    );
    writer.add_bytes(&source.record.id, &source.config)?;
    let layers = layer_descriptors(source, uncompressed, false);
    add_layers(writer, source, &layers, |d| hex(d).to_string())?;
    let manifest = archive::image_manifest(archive::DOCKER_MANIFEST, &config, &layers);
    writer.add_bytes("manifest.json", &manifest)?;
    Ok(())
}
