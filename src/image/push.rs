//! Pushing a stored image: every layer's stored blob goes up as it is when its compression is
//! the one wanted, else is recompressed while it streams; blobs the registry has are skipped;
//! the config goes up byte for byte (so the image ID survives) and the manifest is made anew
//! from the config and the blobs' descriptors.

use std::io::Read;
use std::path::PathBuf;

use futures_util::{StreamExt, TryStreamExt};
use oci_client::Reference;
use oci_client::errors::OciDistributionError;
use oci_client::secrets::RegistryAuth;
use serde::Serialize;
use tokio::sync::mpsc;

use super::PullError;
use super::progress::Progress;
use super::pull::{classify, classify_auth, client, is_unauthorized};
use crate::config::{ConfigEnv, ConfigError, Credentials, Endpoint, ImageRef, lookup_credentials};
use crate::store::{ImageRecord, Store, StoreError};

/// Uploads go in pieces of this size: oci-client sends each item of the stream as one PATCH.
const CHUNK: usize = 4 << 20;
/// Layers uploaded at once.
const PARALLEL_BLOBS: usize = 3;

const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// Connecting, TLS, credentials and other registry answers, worded as for pull.
    #[error(transparent)]
    Registry(#[from] PullError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A layer without a stored blob (pulled by an older burrow).
    #[error(transparent)]
    Ingest(#[from] super::ingest::IngestError),
    #[error(
        "--compression-format zstd cannot be used with --format v2s2 (Docker schema 2 has no zstd layers); use --format oci"
    )]
    ZstdInDocker,
    #[error("cannot write the digest file {path}: {source}")]
    DigestFile {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The manifest format to push (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestFormat {
    Oci,
    /// Docker image manifest schema 2.
    V2s2,
}

impl ManifestFormat {
    pub fn parse(text: &str) -> Option<ManifestFormat> {
        match text {
            "oci" => Some(ManifestFormat::Oci),
            "v2s2" | "docker" => Some(ManifestFormat::V2s2),
            _ => None,
        }
    }

    /// The format an image was stored in: Docker's when it was pulled as Docker schema 2.
    fn of_stored(manifest_media_type: &str) -> ManifestFormat {
        if manifest_media_type == DOCKER_MANIFEST {
            ManifestFormat::V2s2
        } else {
            ManifestFormat::Oci
        }
    }
}

/// A layer blob's compression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    Plain,
    Gzip,
    Zstd,
}

impl Compression {
    pub fn parse(text: &str) -> Option<Compression> {
        match text {
            "gzip" => Some(Compression::Gzip),
            "zstd" => Some(Compression::Zstd),
            _ => None,
        }
    }

    fn of_media_type(media_type: &str) -> Compression {
        if media_type.ends_with("gzip") {
            Compression::Gzip
        } else if media_type.ends_with("zstd") {
            Compression::Zstd
        } else {
            Compression::Plain
        }
    }

    fn layer_media_type(self, format: ManifestFormat) -> &'static str {
        match (format, self) {
            (ManifestFormat::Oci, Compression::Plain) => "application/vnd.oci.image.layer.v1.tar",
            (ManifestFormat::Oci, Compression::Gzip) => {
                "application/vnd.oci.image.layer.v1.tar+gzip"
            }
            (ManifestFormat::Oci, Compression::Zstd) => {
                "application/vnd.oci.image.layer.v1.tar+zstd"
            }
            (ManifestFormat::V2s2, Compression::Plain) => {
                "application/vnd.docker.image.rootfs.diff.tar"
            }
            (ManifestFormat::V2s2, Compression::Gzip) => {
                "application/vnd.docker.image.rootfs.diff.tar.gzip"
            }
            (ManifestFormat::V2s2, Compression::Zstd) => {
                "application/vnd.docker.image.rootfs.diff.tar.zstd"
            }
        }
    }
}

/// What happens to one layer's stored blob.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlobPlan {
    /// Uploaded byte for byte (its digest is known: the registry may have it already).
    AsIs,
    /// Decompressed and compressed again with this algorithm while it streams.
    Recompress(Compression),
}

/// The formats chosen for a push: the manifest's and, per layer, what to do with its blob.
/// Without `--compression-format`, compressed blobs go as they are and uncompressed ones (a
/// committed layer) are gzipped, as podman does; Docker schema 2 has no zstd, so zstd blobs are
/// gzipped for it.
pub fn plan_blobs(
    format: ManifestFormat,
    wanted: Option<Compression>,
    stored: &[Compression],
) -> Result<Vec<(BlobPlan, Compression)>, PushError> {
    if format == ManifestFormat::V2s2 && wanted == Some(Compression::Zstd) {
        return Err(PushError::ZstdInDocker);
    }
    Ok(stored
        .iter()
        .map(|&have| {
            let mut target = wanted.unwrap_or(match have {
                Compression::Plain => Compression::Gzip,
                other => other,
            });
            if format == ManifestFormat::V2s2 && target == Compression::Zstd {
                target = Compression::Gzip;
            }
            let plan = if target == have {
                BlobPlan::AsIs
            } else {
                BlobPlan::Recompress(target)
            };
            (plan, target)
        })
        .collect())
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Descriptor {
    #[serde(rename = "mediaType")]
    pub media_type: String,
    pub digest: String,
    pub size: u64,
}

#[derive(Serialize)]
struct Manifest<'a> {
    #[serde(rename = "schemaVersion")]
    schema_version: u32,
    #[serde(rename = "mediaType")]
    media_type: &'a str,
    config: &'a Descriptor,
    layers: &'a [Descriptor],
}

/// The manifest document and its media type.
pub fn manifest_bytes(
    format: ManifestFormat,
    config: &Descriptor,
    layers: &[Descriptor],
) -> (Vec<u8>, &'static str) {
    let media_type = match format {
        ManifestFormat::Oci => OCI_MANIFEST,
        ManifestFormat::V2s2 => DOCKER_MANIFEST,
    };
    let manifest = Manifest {
        schema_version: 2,
        media_type,
        config,
        layers,
    };
    (
        serde_json::to_vec_pretty(&manifest).expect("a manifest serializes"),
        media_type,
    )
}

pub struct PushOptions {
    /// `--tls-verify=false` forces plain HTTP and accepts any certificate.
    pub tls_verify: Option<bool>,
    pub credentials: Option<Credentials>,
    pub env: ConfigEnv,
    pub format: Option<ManifestFormat>,
    pub compression: Option<Compression>,
}

pub struct PushReport {
    pub manifest_digest: String,
}

/// One layer to push: where its blob is and what it is.
struct LayerSource {
    diff_id: String,
    path: PathBuf,
    /// The stored blob's digest and size (what goes up when it goes as it is).
    digest: String,
    size: u64,
    /// The uncompressed size, for the progress of a recompressed blob.
    tar_size: u64,
    plan: BlobPlan,
    target: Compression,
}

fn sha256_digest(bytes: &[u8]) -> String {
    use sha2::Digest;
    format!("sha256:{}", hex::encode(sha2::Sha256::digest(bytes)))
}

fn short(digest: &str) -> &str {
    let hex = digest.trim_start_matches("sha256:");
    &hex[..hex.len().min(12)]
}

fn oci_reference(r: &ImageRef) -> Reference {
    Reference::with_tag(
        r.domain().to_string(),
        r.repository().to_string(),
        r.tag().unwrap_or("latest").to_string(),
    )
}

/// The layers of `image` with their stored blobs and what to do with each.
fn layer_sources(
    store: &Store,
    image: &ImageRecord,
    format: ManifestFormat,
    compression: Option<Compression>,
) -> Result<Vec<LayerSource>, PushError> {
    let mut records = Vec::new();
    for diff_id in &image.layers {
        let (path, record) = super::ingest::layer_blob(store, diff_id)?;
        records.push((record, path));
    }
    let stored: Vec<Compression> = records
        .iter()
        .map(|(r, _)| Compression::of_media_type(&r.media_type))
        .collect();
    let plans = plan_blobs(format, compression, &stored)?;
    Ok(records
        .into_iter()
        .zip(plans)
        .map(|((record, path), (plan, target))| LayerSource {
            diff_id: record.diff_id,
            path,
            digest: record.compressed_digest,
            size: record.blob_size,
            tar_size: record.size,
            plan,
            target,
        })
        .collect())
}

/// A registry session for the destination.
struct Session {
    client: oci_client::Client,
    auth: RegistryAuth,
    reference: Reference,
    registry: String,
    image: ImageRef,
    insecure: bool,
}

impl Session {
    fn fail(&self, e: OciDistributionError) -> PushError {
        classify(e, &self.registry, &self.image, self.insecure).into()
    }

    /// Asks for a push token again (after the registry refused one that expired).
    async fn renew(&self) -> Result<(), PushError> {
        self.client
            .auth(
                &self.reference,
                &self.auth,
                oci_client::RegistryOperation::Push,
            )
            .await
            .map_err(|e| {
                classify_auth(e, &self.auth, &self.registry, &self.image, self.insecure).into()
            })
            .map(|_| ())
    }
}

/// Reads `source` in CHUNK-sized pieces on a blocking thread (compressing them when asked),
/// handing them to the upload through a small channel, so at most a few chunks are in memory.
fn blob_stream(
    source: &LayerSource,
    progress: impl Fn(u64) + Send + 'static,
) -> impl futures_util::Stream<Item = oci_client::errors::Result<bytes::Bytes>> + Send + 'static {
    let (tx, rx) = mpsc::channel::<oci_client::errors::Result<bytes::Bytes>>(2);
    let path = source.path.clone();
    let diff_id = source.diff_id.clone();
    let plan = source.plan;
    tokio::task::spawn_blocking(move || {
        let sender = ChunkSender {
            tx: tx.clone(),
            buf: Vec::with_capacity(CHUNK),
        };
        if let Err(detail) = feed(&path, plan, sender, progress) {
            let _ = tx.blocking_send(Err(OciDistributionError::GenericError(Some(format!(
                "cannot read the stored blob {} of layer {diff_id}: {detail}",
                path.display()
            )))));
        }
    });
    futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    })
}

/// Collects writes into CHUNK-sized pieces for the channel.
struct ChunkSender {
    tx: mpsc::Sender<oci_client::errors::Result<bytes::Bytes>>,
    buf: Vec<u8>,
}

impl ChunkSender {
    fn flush_chunk(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK));
        self.tx
            .blocking_send(Ok(bytes::Bytes::from(chunk)))
            .map_err(|_| std::io::Error::other("the upload stopped"))
    }
}

impl std::io::Write for ChunkSender {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        let n = data.len().min(CHUNK - self.buf.len());
        self.buf.extend_from_slice(&data[..n]);
        if self.buf.len() == CHUNK {
            self.flush_chunk()?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Copies the blob (recompressed when planned) into `out`, reporting bytes read.
fn feed(
    path: &std::path::Path,
    plan: BlobPlan,
    mut out: ChunkSender,
    progress: impl Fn(u64),
) -> Result<(), String> {
    let mut input: Box<dyn Read> = match plan {
        BlobPlan::AsIs => Box::new(std::fs::File::open(path).map_err(|e| e.to_string())?),
        BlobPlan::Recompress(_) => {
            Box::new(super::ingest::open_uncompressed(path).map_err(|e| e.to_string())?)
        }
    };
    let mut buf = vec![0u8; 1 << 20];
    let mut write_all = |out: &mut dyn std::io::Write| -> Result<(), String> {
        loop {
            let n = input.read(&mut buf).map_err(|e| e.to_string())?;
            if n == 0 {
                return Ok(());
            }
            progress(n as u64);
            out.write_all(&buf[..n]).map_err(|e| e.to_string())?;
        }
    };
    match plan {
        BlobPlan::AsIs | BlobPlan::Recompress(Compression::Plain) => write_all(&mut out)?,
        BlobPlan::Recompress(Compression::Gzip) => {
            let mut gz = flate2::write::GzEncoder::new(&mut out, flate2::Compression::default());
            write_all(&mut gz)?;
            gz.finish().map_err(|e| e.to_string())?;
        }
        BlobPlan::Recompress(Compression::Zstd) => {
            let mut zst =
                zstd::stream::write::Encoder::new(&mut out, 3).map_err(|e| e.to_string())?;
            write_all(&mut zst)?;
            zst.finish().map_err(|e| e.to_string())?;
        }
    }
    out.flush_chunk().map_err(|e| e.to_string())
}

/// Uploads one layer; returns its descriptor in the pushed manifest.
async fn push_layer(
    session: &Session,
    source: &LayerSource,
    format: ManifestFormat,
    progress: &Progress,
) -> Result<Descriptor, PushError> {
    let media_type = source.target.layer_media_type(format).to_string();
    if source.plan == BlobPlan::AsIs {
        let exists = session
            .client
            .blob_exists(&session.reference, &source.digest)
            .await
            .map_err(|e| session.fail(e))?;
        if exists {
            progress.message(&format!(
                "Copying blob {} skipped: already exists",
                short(&source.digest)
            ));
            return Ok(Descriptor {
                media_type,
                digest: source.digest.clone(),
                size: source.size,
            });
        }
    }
    pause_for_test().await;
    let mut renewed = false;
    loop {
        let result = upload_layer(session, source, progress).await;
        match result {
            Err(e) if !renewed && is_unauthorized(&e) => {
                // A token that expired between blobs: a new one, and this blob again.
                renewed = true;
                session.renew().await?;
            }
            Err(e) => return Err(session.fail(e)),
            Ok((digest, size)) => {
                return Ok(Descriptor {
                    media_type,
                    digest,
                    size,
                });
            }
        }
    }
}

async fn upload_layer(
    session: &Session,
    source: &LayerSource,
    progress: &Progress,
) -> Result<(String, u64), OciDistributionError> {
    let (bar_name, bar_size) = match source.plan {
        BlobPlan::AsIs => (short(&source.digest).to_string(), source.size),
        BlobPlan::Recompress(_) => (short(&source.diff_id).to_string(), source.tar_size),
    };
    let bar = progress.layer(&bar_name, bar_size);
    // The bar lives on this thread; the reader reports through a counter it polls.
    let (count_tx, mut count_rx) = mpsc::unbounded_channel::<u64>();
    let stream = blob_stream(source, move |n| {
        let _ = count_tx.send(n);
    });
    let upload = async {
        match source.plan {
            BlobPlan::AsIs => session
                .client
                .push_blob_stream(
                    &session.reference,
                    stream,
                    &source.digest,
                    Some(source.size),
                )
                .await
                .map(|_| (source.digest.clone(), source.size)),
            BlobPlan::Recompress(_) => session
                .client
                .push_blob_stream_chunked(&session.reference, stream)
                .await
                .map(|r| (r.blob_digest, r.size)),
        }
    };
    let counting = async {
        while let Some(n) = count_rx.recv().await {
            bar.inc(n);
        }
    };
    let (result, ()) = tokio::join!(upload, counting);
    match &result {
        Ok(_) => bar.finish(),
        Err(_) => bar.abandon(),
    }
    result
}

/// With the `failpoints` feature, `BURROW_FAILPOINT_PAUSE=push.before-blob=SECONDS` waits
/// before each blob upload (the test of a token that expires mid-push).
async fn pause_for_test() {
    #[cfg(feature = "failpoints")]
    if let Some(seconds) = std::env::var("BURROW_FAILPOINT_PAUSE")
        .ok()
        .and_then(|v| v.strip_prefix("push.before-blob=")?.parse::<u64>().ok())
    {
        tokio::time::sleep(std::time::Duration::from_secs(seconds)).await;
    }
}

/// Pushes the stored `image` to `destination`.
pub async fn push(
    store: &Store,
    image: &ImageRecord,
    destination: &Endpoint,
    opts: &PushOptions,
    progress: &Progress,
) -> Result<PushReport, PushError> {
    let format = opts
        .format
        .unwrap_or_else(|| ManifestFormat::of_stored(&image.manifest_media_type));
    let layers = layer_sources(store, image, format, opts.compression)?;
    let config_bytes = store.image_file(&image.id, "config.json")?;

    let dest = &destination.reference;
    let insecure = destination.insecure || opts.tls_verify == Some(false);
    let registry = dest.domain().to_string();
    let credentials = match &opts.credentials {
        Some(c) => Some(c.clone()),
        None => lookup_credentials(&opts.env, &registry, dest.repository())?,
    };
    let auth = match credentials {
        Some(Credentials::Basic { username, password }) => RegistryAuth::Basic(username, password),
        Some(Credentials::IdentityToken(token)) => RegistryAuth::Bearer(token),
        None => RegistryAuth::Anonymous,
    };
    let session = Session {
        client: client(&registry, insecure)?,
        auth,
        reference: oci_reference(dest),
        registry,
        image: dest.clone(),
        insecure,
    };
    session.renew().await?;

    progress.message("Getting image source signatures");
    let descriptors: Vec<Descriptor> = futures_util::stream::iter(&layers)
        .map(|layer| push_layer(&session, layer, format, progress))
        .buffered(PARALLEL_BLOBS)
        .try_collect()
        .await?;

    let config = Descriptor {
        media_type: match format {
            ManifestFormat::Oci => OCI_CONFIG,
            ManifestFormat::V2s2 => DOCKER_CONFIG,
        }
        .to_string(),
        digest: sha256_digest(&config_bytes),
        size: config_bytes.len() as u64,
    };
    let have_config = session
        .client
        .blob_exists(&session.reference, &config.digest)
        .await
        .map_err(|e| session.fail(e))?;
    if have_config {
        progress.message(&format!(
            "Copying config {} skipped: already exists",
            short(&config.digest)
        ));
    } else {
        session
            .client
            .push_blob(&session.reference, config_bytes, &config.digest)
            .await
            .map_err(|e| session.fail(e))?;
        progress.message(&format!("Copying config {} done", short(&config.digest)));
    }

    progress.message("Writing manifest to image destination");
    let (manifest, media_type) = manifest_bytes(format, &config, &descriptors);
    let manifest_digest = sha256_digest(&manifest);
    session
        .client
        .push_manifest_raw(
            &session.reference,
            manifest,
            media_type.parse().expect("a media type is a header value"),
        )
        .await
        .map_err(|e| session.fail(e))?;
    progress.finish();
    crate::events::record(
        store.root(),
        &crate::events::Event::image("push", &image.id, &dest.to_string()),
    );
    Ok(PushReport { manifest_digest })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_blobs_go_as_they_are_and_plain_ones_get_gzipped() {
        use Compression::*;
        let plans = plan_blobs(ManifestFormat::Oci, None, &[Gzip, Zstd, Plain]).unwrap();
        assert_eq!(
            plans,
            vec![
                (BlobPlan::AsIs, Gzip),
                (BlobPlan::AsIs, Zstd),
                (BlobPlan::Recompress(Gzip), Gzip)
            ]
        );
    }

    #[test]
    fn an_asked_compression_recompresses_the_others() {
        use Compression::*;
        let plans = plan_blobs(ManifestFormat::Oci, Some(Zstd), &[Gzip, Zstd, Plain]).unwrap();
        assert_eq!(
            plans,
            vec![
                (BlobPlan::Recompress(Zstd), Zstd),
                (BlobPlan::AsIs, Zstd),
                (BlobPlan::Recompress(Zstd), Zstd)
            ]
        );
    }

    #[test]
    fn docker_schema_2_gets_gzip_for_zstd_and_refuses_zstd_asked_for() {
        use Compression::*;
        let plans = plan_blobs(ManifestFormat::V2s2, None, &[Zstd, Gzip]).unwrap();
        assert_eq!(
            plans,
            vec![(BlobPlan::Recompress(Gzip), Gzip), (BlobPlan::AsIs, Gzip)]
        );
        assert!(matches!(
            plan_blobs(ManifestFormat::V2s2, Some(Zstd), &[Gzip]),
            Err(PushError::ZstdInDocker)
        ));
    }

    #[test]
    fn layer_media_types_follow_the_format() {
        assert_eq!(
            Compression::Gzip.layer_media_type(ManifestFormat::V2s2),
            "application/vnd.docker.image.rootfs.diff.tar.gzip"
        );
        assert_eq!(
            Compression::Zstd.layer_media_type(ManifestFormat::Oci),
            "application/vnd.oci.image.layer.v1.tar+zstd"
        );
        assert_eq!(
            Compression::of_media_type("application/vnd.docker.image.rootfs.diff.tar.gzip"),
            Compression::Gzip
        );
        assert_eq!(
            Compression::of_media_type("application/vnd.oci.image.layer.v1.tar"),
            Compression::Plain
        );
    }

    #[test]
    fn the_manifest_names_config_and_layers_in_its_format() {
        let config = Descriptor {
            media_type: DOCKER_CONFIG.into(),
            digest: "sha256:aa".into(),
            size: 3,
        };
        let layer = Descriptor {
            media_type: Compression::Gzip
                .layer_media_type(ManifestFormat::V2s2)
                .into(),
            digest: "sha256:bb".into(),
            size: 7,
        };
        let (bytes, media_type) =
            manifest_bytes(ManifestFormat::V2s2, &config, std::slice::from_ref(&layer));
        assert_eq!(media_type, DOCKER_MANIFEST);
        let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(doc["schemaVersion"], 2);
        assert_eq!(doc["mediaType"], DOCKER_MANIFEST);
        assert_eq!(doc["config"]["digest"], "sha256:aa");
        assert_eq!(doc["config"]["size"], 3);
        assert_eq!(doc["layers"][0]["mediaType"], layer.media_type);
        assert_eq!(doc["layers"][0]["size"], 7);
    }
}
