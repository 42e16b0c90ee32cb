//! Which images an archive holds: its format recognised, its documents parsed and checked
//! against each other (config digests, layer counts), nothing of the layers read yet.

use serde::Deserialize;

use super::docker::DockerManifestEntry;
use super::oci::{DOCKER_LIST, Document, OCI_INDEX};
use super::{ArchiveError, ArchiveReader, digest_hex, sha256_digest};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveFormat {
    DockerArchive,
    Oci,
}

impl ArchiveFormat {
    pub fn name(self, directory: bool) -> &'static str {
        match (self, directory) {
            (ArchiveFormat::DockerArchive, _) => "docker-archive",
            (ArchiveFormat::Oci, true) => "oci",
            (ArchiveFormat::Oci, false) => "oci-archive",
        }
    }
}

/// One layer of an archived image: where its blob is and what it must unpack to.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchivedLayer {
    /// The blob's name in the archive.
    pub name: String,
    /// The media type the archive gives it (docker-archive gives none: `None`).
    pub media_type: Option<String>,
    /// The blob's digest as the manifest states it (OCI), to be checked.
    pub digest: Option<String>,
    /// The config's diff ID for the layer.
    pub diff_id: String,
}

/// One image of an archive.
#[derive(Debug, Clone)]
pub struct ArchivedImage {
    /// The config document exactly as archived (its digest is the image ID).
    pub config: Vec<u8>,
    /// Hex of the config's digest.
    pub id: String,
    pub layers: Vec<ArchivedLayer>,
    /// Names as the archive gives them (RepoTags, ref.name annotations), not normalised.
    pub names: Vec<String>,
    /// The image manifest and its media type, when the archive has one (OCI).
    pub manifest: Option<(Vec<u8>, String)>,
}

#[derive(Deserialize)]
struct ConfigRootFs {
    rootfs: RootFs,
}

#[derive(Deserialize)]
struct RootFs {
    #[serde(default)]
    diff_ids: Vec<String>,
}

/// The images in an archive and its format. An archive that is neither format gets podman's
/// "payload does not match" error with what each format lacked.
pub fn read_images(
    archive: &ArchiveReader,
) -> Result<(ArchiveFormat, Vec<ArchivedImage>), ArchiveError> {
    if archive.contains("index.json") || archive.contains("oci-layout") {
        return Ok((ArchiveFormat::Oci, read_oci(archive)?));
    }
    if archive.contains("manifest.json") {
        return Ok((ArchiveFormat::DockerArchive, read_docker(archive)?));
    }
    let kind = if archive.is_directory() {
        "directory"
    } else {
        "archive"
    };
    Err(ArchiveError::NotAnArchive {
        tried: vec![
            (
                "oci-archive",
                format!("the {kind} has no index.json (not an OCI image layout)"),
            ),
            (
                "docker-archive",
                format!("the {kind} has no manifest.json (not a docker-archive)"),
            ),
        ],
    })
}

fn diff_ids(config: &[u8], name: &str) -> Result<Vec<String>, ArchiveError> {
    let parsed: ConfigRootFs =
        serde_json::from_slice(config).map_err(|e| ArchiveError::Invalid {
            name: name.to_string(),
            detail: format!("not an image config: {e}"),
        })?;
    Ok(parsed.rootfs.diff_ids)
}

fn invalid(name: &str, detail: impl Into<String>) -> ArchiveError {
    ArchiveError::Invalid {
        name: name.to_string(),
        detail: detail.into(),
    }
}

fn read_docker(archive: &ArchiveReader) -> Result<Vec<ArchivedImage>, ArchiveError> {
    let entries: Vec<DockerManifestEntry> = archive.read_json("manifest.json")?;
    if entries.is_empty() {
        return Err(invalid("manifest.json", "it lists no image"));
    }
    entries
        .into_iter()
        .map(|entry| {
            let config = archive.read_document(&entry.config)?;
            let diff_ids = diff_ids(&config, &entry.config)?;
            if diff_ids.len() != entry.layers.len() {
                return Err(invalid(
                    "manifest.json",
                    format!(
                        "image {} lists {} layers but its config has {} diff IDs",
                        entry.config,
                        entry.layers.len(),
                        diff_ids.len()
                    ),
                ));
            }
            let layers = entry
                .layers
                .iter()
                .zip(diff_ids)
                .map(|(name, diff_id)| ArchivedLayer {
                    name: name.clone(),
                    media_type: None,
                    digest: None,
                    diff_id,
                })
                .collect();
            Ok(ArchivedImage {
                id: sha256_digest(&config)["sha256:".len()..].to_string(),
                config,
                layers,
                names: entry.repo_tags,
                manifest: None,
            })
        })
        .collect()
}

fn blob_name(digest: &str, what: &str) -> Result<String, ArchiveError> {
    digest_hex(digest)
        .map(|hex| format!("blobs/sha256/{hex}"))
        .ok_or_else(|| invalid(what, format!("{digest:?} is not a sha256 digest")))
}

fn read_oci(archive: &ArchiveReader) -> Result<Vec<ArchivedImage>, ArchiveError> {
    let index: Document = archive.read_json("index.json")?;
    let mut images = Vec::new();
    // (descriptor, the name it carries): nested indexes (multi-platform images) are opened
    // one level down, keeping the outer name.
    let mut manifests: Vec<(super::Descriptor, Option<String>)> = Vec::new();
    for descriptor in index.manifests {
        let name = descriptor.ref_name().map(str::to_string);
        if descriptor.media_type == OCI_INDEX || descriptor.media_type == DOCKER_LIST {
            let blob = blob_name(&descriptor.digest, "index.json")?;
            let nested: Document = archive.read_json(&blob)?;
            for inner in nested.manifests {
                let inner_name = inner.ref_name().map(str::to_string).or(name.clone());
                manifests.push((inner, inner_name));
            }
        } else {
            manifests.push((descriptor, name));
        }
    }
    if manifests.is_empty() {
        return Err(invalid("index.json", "it lists no image"));
    }
    for (descriptor, name) in manifests {
        let manifest_name = blob_name(&descriptor.digest, "index.json")?;
        let manifest_bytes = archive.read_document(&manifest_name)?;
        if sha256_digest(&manifest_bytes) != descriptor.digest {
            return Err(invalid(
                &manifest_name,
                "its content does not match its digest",
            ));
        }
        let manifest: Document = serde_json::from_slice(&manifest_bytes)
            .map_err(|e| invalid(&manifest_name, e.to_string()))?;
        let config_descriptor = manifest
            .config
            .ok_or_else(|| invalid(&manifest_name, "the manifest names no config"))?;
        let config_name = blob_name(&config_descriptor.digest, &manifest_name)?;
        let config = archive.read_document(&config_name)?;
        if sha256_digest(&config) != config_descriptor.digest {
            return Err(invalid(
                &config_name,
                "its content does not match its digest",
            ));
        }
        let diff_ids = diff_ids(&config, &config_name)?;
        if diff_ids.len() != manifest.layers.len() {
            return Err(invalid(
                &manifest_name,
                format!(
                    "the manifest has {} layers but the config has {} diff IDs",
                    manifest.layers.len(),
                    diff_ids.len()
                ),
            ));
        }
        let layers = manifest
            .layers
            .iter()
            .zip(diff_ids)
            .map(|(layer, diff_id)| {
                Ok(ArchivedLayer {
                    name: blob_name(&layer.digest, &manifest_name)?,
                    media_type: Some(layer.media_type.clone()),
                    digest: Some(layer.digest.clone()),
                    diff_id,
                })
            })
            .collect::<Result<_, ArchiveError>>()?;
        let media_type = manifest
            .media_type
            .unwrap_or_else(|| descriptor.media_type.clone());
        images.push(ArchivedImage {
            id: config_descriptor.digest["sha256:".len()..].to_string(),
            config,
            layers,
            names: name.into_iter().collect(),
            manifest: Some((manifest_bytes, media_type)),
        });
    }
    Ok(images)
}
