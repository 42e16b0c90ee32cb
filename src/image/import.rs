//! `import`: a flat tar (gzip, zstd or none) becomes a one-layer image. The tar is
//! applied as a pulled layer is, so a hostile one is contained the same way.
//! Runs in burrow's user namespace (the caller enters it). A URL is downloaded first into
//! an unnamed file in the store, so a failed or killed download leaves nothing behind.

use std::io::{BufRead, BufReader, Read, Seek, Write};

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

#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    /// podman's text: `downloading URL: Get "URL": dial tcp ...`.
    #[error("downloading {url}: {detail}; check the URL and that the server is reachable")]
    Fetch { url: String, detail: String },
    #[error("downloading {url}: the server answered {status}; check the URL")]
    Status { url: String, status: String },
    #[error("downloading {url}: cannot keep the download in {dir}: {source}", dir = dir.display())]
    Spool {
        url: String,
        dir: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Downloads `url` (http or https) into an unnamed file in the store, positioned at its
/// start; the file vanishes with its descriptor.
pub async fn download(store: &Store, url: &str) -> Result<std::fs::File, DownloadError> {
    super::pull::install_crypto_provider();
    let fetch = |e: &reqwest::Error| DownloadError::Fetch {
        url: url.to_owned(),
        detail: super::pull::root_cause(e),
    };
    let spool = |source: std::io::Error| DownloadError::Spool {
        url: url.to_owned(),
        dir: store.root().to_owned(),
        source,
    };
    let client = reqwest::Client::builder()
        .user_agent(concat!("burrow/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| fetch(&e))?;
    let mut response = client.get(url).send().await.map_err(|e| fetch(&e))?;
    if !response.status().is_success() {
        return Err(DownloadError::Status {
            url: url.to_owned(),
            status: response.status().to_string(),
        });
    }
    let mut file = crate::archive::unnamed_file(store.root())
        .map_err(|e| spool(std::io::Error::other(e.to_string())))?;
    while let Some(chunk) = response.chunk().await.map_err(|e| fetch(&e))? {
        file.write_all(&chunk).map_err(spool)?;
    }
    file.rewind().map_err(spool)?;
    Ok(file)
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
