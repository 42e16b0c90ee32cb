//! `import`: a flat tar (gzip, zstd or none) becomes a one-layer image. The tar is
//! applied as a pulled layer is, so a hostile one is contained the same way.
//! Runs in burrow's user namespace (the caller enters it).

use std::io::{BufRead, BufReader, Read};

use chrono::Utc;
use sha2::{Digest, Sha256};

use super::commit::{ConfigChanges, ImageFormat, NewConfig, build_config};
use super::ingest::{self, IngestError};
use crate::store::{ImageRecord, Store};

/// What the import stored, for podman's progress lines.
pub struct Imported {
    pub image: ImageRecord,
    pub blob_digest: String,
    pub config_digest: String,
}

/// Stores the tar read from `source` as a new image named `names` (none: untagged),
/// with the `-c` changes in its config and `message` as its comment.
pub fn import(
    store: &Store,
    source: impl Read,
    changes: &ConfigChanges,
    message: Option<&str>,
    names: &[String],
) -> Result<Imported, IngestError> {
    let mut source = BufReader::with_capacity(256 * 1024, source);
    let media_type = {
        let head = source.fill_buf().map_err(|source| IngestError::Read {
            path: "the imported tar".into(),
            source,
        })?;
        match head {
            [0x1f, 0x8b, ..] => "application/vnd.oci.image.layer.v1.tar+gzip",
            [0x28, 0xb5, 0x2f, 0xfd, ..] => "application/vnd.oci.image.layer.v1.tar+zstd",
            _ => ingest::OCI_LAYER_TAR,
        }
    };
    let (layer, _lock) = ingest::store_layer(store, source, None, media_type)?;
    let created_by = format!(
        "/bin/sh -c #(nop) ADD file:{} in /",
        layer.diff_id.trim_start_matches("sha256:")
    );
    let host = super::Platform::host();
    let mut config = build_config(&NewConfig {
        base: None,
        settings: None,
        changes,
        format: ImageFormat::Oci,
        author: None,
        message: None,
        created: Utc::now(),
        history_created_by: &created_by,
        history_comment: message,
        diff_ids: vec![layer.diff_id.clone()],
        squash: false,
        platform: (&host.arch, &host.os),
    });
    // podman keeps the message as the image's comment whatever the format.
    if let Some(message) = message.filter(|m| !m.is_empty()) {
        config["comment"] = serde_json::Value::String(message.to_owned());
    }
    let config_bytes = serde_json::to_vec(&config).expect("a JSON value serialises");
    let config_digest = format!("sha256:{}", hex::encode(Sha256::digest(&config_bytes)));
    let image = ingest::store_image(
        store,
        &config_bytes,
        std::slice::from_ref(&layer),
        None,
        names,
    )?;
    crate::events::record(
        store.root(),
        &crate::events::Event::image(
            "import",
            &image.id,
            names.first().map_or("", String::as_str),
        ),
    );
    Ok(Imported {
        image,
        blob_digest: layer.compressed_digest,
        config_digest,
    })
}
