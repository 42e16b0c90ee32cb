//! Storing images that come from somewhere other than a registry (a commit, an archive, an
//! imported tar): layers from their blobs, then the image record. Pull keeps its own streaming
//! path but shares the extraction (`extract::extract_blob`) and so the on-disk result: every
//! layer directory holds its `blob` exactly as it came, which push and save send unchanged.
//!
//! Everything here blocks and writes files owned by subordinate IDs: call it inside the user
//! namespace (after `Context::enter_userns`).

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::ImageConfig;
use super::extract::{Decompressed, ExtractError, extract_blob, open_decompressed};
use crate::store::{ImageRecord, LayerRecord, Lock, Store, StoreError, remove_tree};

pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
pub const OCI_LAYER_TAR: &str = "application/vnd.oci.image.layer.v1.tar";

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("layer {what}: {source}")]
    Layer {
        what: String,
        #[source]
        source: ExtractError,
    },
    #[error("layer {what}: its content has digest {actual}, but the image config says {expected}")]
    DiffId {
        what: String,
        expected: String,
        actual: String,
    },
    #[error("image config is not valid JSON: {0}")]
    Config(serde_json::Error),
    #[error(
        "the config lists {diff_ids} layers but {layers} were given; the image's description is inconsistent"
    )]
    LayerCount { diff_ids: usize, layers: usize },
    #[error(
        "layer {diff_id} has no stored blob (pulled by an older burrow): remove the image with `burrow rmi` and pull it again"
    )]
    NoBlob { diff_id: String },
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
}

/// Stores one layer from its blob (gzip, zstd or uncompressed: sniffed), as the bytes of a
/// registry's or archive's layer: they are kept as the layer's blob and applied as its tree.
/// With `expected_diff_id` the content must have that diff ID, and a layer already present is
/// not read at all; without it the diff ID is what the content hashes to. Returns the record and
/// the layer's lock: hold it until an image record names the layer, so `rmi` cannot take it.
pub fn store_layer(
    store: &Store,
    mut blob: impl Read,
    expected_diff_id: Option<&str>,
    media_type: &str,
) -> Result<(LayerRecord, Lock), IngestError> {
    store.init()?;
    let what = expected_diff_id.unwrap_or("from the archive").to_string();
    if let Some(diff_id) = expected_diff_id {
        let lock = store.lock_layer(diff_id)?;
        if let Some(record) = store.layer(diff_id)? {
            return Ok((record, lock));
        }
        let staging = store.layer_staging_dir(diff_id);
        // A staging directory can only be a killed writer's leftover: we hold the lock.
        remove_tree(&staging)?;
        let record = extract(&mut blob, &staging, media_type, &what).and_then(|record| {
            if record.diff_id != diff_id {
                return Err(IngestError::DiffId {
                    what: what.clone(),
                    expected: diff_id.to_string(),
                    actual: record.diff_id,
                });
            }
            Ok(record)
        });
        return publish(store, &staging, record).map(|record| (record, lock));
    }
    let (staging, _staging_lock) = store.unnamed_layer_staging()?;
    let record = match extract(&mut blob, &staging, media_type, &what) {
        Ok(record) => record,
        Err(e) => {
            let _ = remove_tree(&staging);
            return Err(e);
        }
    };
    let lock = store.lock_layer(&record.diff_id)?;
    if let Some(present) = store.layer(&record.diff_id)? {
        remove_tree(&staging)?;
        return Ok((present, lock));
    }
    publish(store, &staging, Ok(record)).map(|record| (record, lock))
}

fn extract(
    blob: &mut dyn Read,
    staging: &Path,
    media_type: &str,
    what: &str,
) -> Result<LayerRecord, IngestError> {
    let extracted = extract_blob(blob, staging).map_err(|source| IngestError::Layer {
        what: what.to_string(),
        source,
    })?;
    Ok(LayerRecord {
        diff_id: extracted.diff_id,
        compressed_digest: extracted.blob_digest,
        media_type: media_type.to_string(),
        size: extracted.size,
        blob_size: extracted.blob_size,
    })
}

/// Publishes a staged layer, or removes it when storing it failed: nothing half-made stays.
fn publish(
    store: &Store,
    staging: &Path,
    record: Result<LayerRecord, IngestError>,
) -> Result<LayerRecord, IngestError> {
    let published = record.and_then(|record| {
        crate::failpoint!("ingest.layer-extracted");
        store.commit_layer_from(staging, &record)?;
        Ok(record)
    });
    if published.is_err() {
        let _ = remove_tree(staging);
    }
    published
}

/// Stores an image whose layers are stored already: its config exactly as given (so its ID,
/// the config's digest, is kept), its manifest (given as bytes and media type, else an OCI
/// manifest made from the layers' blobs), and its record, which takes `names` from any image
/// that had them, as a pull does. The caller records its own event (commit, load, import).
pub fn store_image(
    store: &Store,
    config_bytes: &[u8],
    layers: &[LayerRecord],
    manifest: Option<(Vec<u8>, String)>,
    names: &[String],
) -> Result<ImageRecord, IngestError> {
    let config: ImageConfig = serde_json::from_slice(config_bytes).map_err(IngestError::Config)?;
    let diff_ids: Vec<String> = layers.iter().map(|l| l.diff_id.clone()).collect();
    if config.rootfs.diff_ids.len() != layers.len() {
        return Err(IngestError::LayerCount {
            diff_ids: config.rootfs.diff_ids.len(),
            layers: layers.len(),
        });
    }
    let id = hex::encode(Sha256::digest(config_bytes));
    let (manifest_bytes, media_type) = match manifest {
        Some(given) => given,
        None => (
            oci_manifest(config_bytes, layers)?,
            OCI_MANIFEST.to_string(),
        ),
    };
    let manifest_digest = format!("sha256:{}", hex::encode(Sha256::digest(&manifest_bytes)));

    let mut list = store.lock_images()?;
    store.write_image_file(&id, "config.json", config_bytes)?;
    store.write_image_file(&id, "manifest.json", &manifest_bytes)?;
    let pos = list.position_or_add(&id, || {
        ImageRecord::unnamed(
            &id,
            &manifest_digest,
            &media_type,
            diff_ids,
            layers.iter().map(|l| l.size).sum(),
            config.created,
        )
    });
    for name in names.iter().rev() {
        let repository = name
            .rsplit_once(':')
            .filter(|(_, tag)| !tag.contains('/'))
            .map_or(name.as_str(), |(repo, _)| repo)
            .to_string();
        list.give_name(pos, name, repository);
    }
    let image = &mut list.images[pos];
    if !image.digests.contains(&manifest_digest) {
        image.digests.push(manifest_digest);
    }
    let record = image.clone();
    list.save()?;
    Ok(record)
}

/// An OCI manifest for a config and the blobs of its layers, bottom layer first.
pub fn oci_manifest(config_bytes: &[u8], layers: &[LayerRecord]) -> Result<Vec<u8>, IngestError> {
    let mut descriptors = Vec::new();
    for layer in layers {
        if layer.blob_size == 0 {
            return Err(IngestError::NoBlob {
                diff_id: layer.diff_id.clone(),
            });
        }
        descriptors.push(serde_json::json!({
            "mediaType": layer.media_type,
            "digest": layer.compressed_digest,
            "size": layer.blob_size,
        }));
    }
    let manifest = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": OCI_MANIFEST,
        "config": {
            "mediaType": OCI_CONFIG,
            "digest": format!("sha256:{}", hex::encode(Sha256::digest(config_bytes))),
            "size": config_bytes.len(),
        },
        "layers": descriptors,
    });
    Ok(serde_json::to_vec(&manifest).expect("a manifest serializes"))
}

/// A stored layer's blob with its record, for sending it on (push, save); a layer pulled before
/// blobs were kept has none, and the error says how to get one.
pub fn layer_blob(store: &Store, diff_id: &str) -> Result<(PathBuf, LayerRecord), IngestError> {
    let no_blob = || IngestError::NoBlob {
        diff_id: diff_id.to_string(),
    };
    let record = store.layer(diff_id)?.ok_or_else(no_blob)?;
    let path = store.layer_blob(diff_id)?.ok_or_else(no_blob)?;
    if record.blob_size == 0 {
        return Err(no_blob());
    }
    Ok((path, record))
}

/// Reads a blob file decompressed (gzip or zstd sniffed by magic; an uncompressed one as it is).
pub fn open_uncompressed(path: &Path) -> Result<Decompressed<'static>, IngestError> {
    let read_err = |source| IngestError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(read_err)?;
    open_decompressed(BufReader::with_capacity(256 * 1024, file)).map_err(|source| {
        IngestError::Layer {
            what: path.display().to_string(),
            source,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn tar_with(name: &str, data: &[u8]) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        let mut header = tar::Header::new_ustar();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_uid(0);
        header.set_gid(0);
        header.set_mtime(0);
        header.set_cksum();
        builder.append_data(&mut header, name, data).unwrap();
        builder.into_inner().unwrap()
    }

    fn gzip(raw: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(raw).unwrap();
        enc.finish().unwrap()
    }

    fn digest(bytes: &[u8]) -> String {
        format!("sha256:{}", hex::encode(Sha256::digest(bytes)))
    }

    #[test]
    fn a_layer_keeps_its_blob_as_it_came_and_the_image_its_config() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("root"));
        let raw = tar_with("hello", b"hi\n");
        let blob = gzip(&raw);
        let (record, lock) = store_layer(&store, &blob[..], None, "gz").unwrap();
        drop(lock);
        assert_eq!(record.diff_id, digest(&raw));
        assert_eq!(record.compressed_digest, digest(&blob));
        assert_eq!(record.blob_size, blob.len() as u64);
        let (path, _) = layer_blob(&store, &record.diff_id).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), blob);
        let mut uncompressed = Vec::new();
        open_uncompressed(&path)
            .unwrap()
            .read_to_end(&mut uncompressed)
            .unwrap();
        assert_eq!(uncompressed, raw);
        let tree = store.layer_dir(&record.diff_id).join("diff/hello");
        assert_eq!(std::fs::read(tree).unwrap(), b"hi\n");

        // The same content again is found, not stored twice.
        let (again, _lock) = store_layer(&store, &raw[..], Some(&record.diff_id), "x").unwrap();
        assert_eq!(again, record);

        let config = serde_json::to_vec(&serde_json::json!({
            "architecture": "amd64", "os": "linux",
            "rootfs": {"type": "layers", "diff_ids": [record.diff_id]},
        }))
        .unwrap();
        let names = vec!["localhost/x:latest".to_string()];
        let image =
            store_image(&store, &config, std::slice::from_ref(&record), None, &names).unwrap();
        assert_eq!(image.id, hex::encode(Sha256::digest(&config)));
        assert_eq!(image.names, names);
        assert_eq!(image.repositories, vec!["localhost/x"]);
        assert_eq!(store.image_file(&image.id, "config.json").unwrap(), config);
        let manifest: serde_json::Value =
            serde_json::from_slice(&store.image_file(&image.id, "manifest.json").unwrap()).unwrap();
        assert_eq!(
            manifest["layers"][0]["digest"],
            record.compressed_digest.as_str()
        );
    }

    #[test]
    fn a_layer_that_is_not_what_was_announced_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("root"));
        let raw = tar_with("a", b"a");
        let wrong = format!("sha256:{}", "ab".repeat(32));
        let err = store_layer(&store, &raw[..], Some(&wrong), "x")
            .err()
            .unwrap();
        assert!(matches!(err, IngestError::DiffId { .. }), "{err}");
        let truncated = &gzip(&raw)[..20];
        assert!(store_layer(&store, truncated, None, "x").is_err());
        let left: Vec<_> = std::fs::read_dir(store.layers_dir())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
