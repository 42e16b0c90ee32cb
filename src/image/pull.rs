//! Pulling an image: manifest (through indexes), config, then every missing layer downloaded and
//! extracted in parallel, verified while it streams, and the image record committed last.

use std::collections::HashSet;
use std::time::Duration;

use futures_util::StreamExt;
use oci_client::client::{ClientConfig, ClientProtocol};
use oci_client::errors::OciDistributionError;
use oci_client::manifest::OciDescriptor;
use oci_client::secrets::RegistryAuth;
use oci_client::{Client, Reference};
use oci_spec::image::{ImageIndex, ImageManifest};
use tokio::sync::mpsc;

use super::extract::{ChannelReader, Chunk, ExtractError, extract_layer};
use super::platform::{IndexEntry, Platform, select};
use super::progress::Progress;
use super::{ImageConfig, PullError};
use crate::config::{Candidate, ConfigEnv, Credentials, Endpoint, ImageRef, lookup_credentials};
use crate::store::{ImageRecord, LayerRecord, Lock, Store, StoreError, remove_tree};

const MANIFEST_TYPES: &[&str] = &[
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.docker.distribution.manifest.v2+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
];

const LAYER_TYPES: &[&str] = &[
    "application/vnd.oci.image.layer.v1.tar",
    "application/vnd.oci.image.layer.v1.tar+gzip",
    "application/vnd.oci.image.layer.v1.tar+zstd",
    "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
    "application/vnd.docker.image.rootfs.diff.tar",
    "application/vnd.docker.image.rootfs.diff.tar.gzip",
    "application/vnd.docker.image.rootfs.diff.tar.zstd",
];

pub struct PullOptions {
    pub platform: Platform,
    /// `--tls-verify=false` forces insecure access for every endpoint.
    pub tls_verify: Option<bool>,
    pub credentials: Option<Credentials>,
    pub env: ConfigEnv,
}

/// A registry session for one endpoint: the client and the auth to present.
struct Session {
    client: Client,
    auth: RegistryAuth,
    reference: Reference,
    registry: String,
}

fn oci_reference(r: &ImageRef) -> Reference {
    let (domain, repository) = (r.domain().to_string(), r.repository().to_string());
    match r.digest() {
        Some(d) => Reference::with_digest(domain, repository, d.to_string()),
        None => Reference::with_tag(domain, repository, r.tag().unwrap_or("latest").to_string()),
    }
}

/// reqwest is built without a default TLS backend; ring is the smaller one to compile.
/// A second call finds the provider installed, which is fine.
pub(super) fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// A client for `registry`; plain HTTP when `insecure`, which also accepts any certificate.
pub(super) fn client(registry: &str, insecure: bool) -> Result<Client, PullError> {
    install_crypto_provider();
    super::roots::check_client(registry, !insecure)?;
    // try_from, not new: new replaces a client it cannot build with a default one, which
    // would ignore the protocol and timeouts.
    Client::try_from(ClientConfig {
        protocol: if insecure {
            ClientProtocol::Http
        } else {
            ClientProtocol::Https
        },
        accept_invalid_certificates: insecure,
        connect_timeout: Some(Duration::from_secs(10)),
        read_timeout: Some(Duration::from_secs(60)),
        platform_resolver: None,
        user_agent: concat!("burrow/", env!("CARGO_PKG_VERSION")),
        ..ClientConfig::default()
    })
    .map_err(|e| PullError::Registry {
        image: registry.to_string(),
        detail: format!("cannot set up the registry client: {}", root_cause(&e)),
    })
}

/// Whether an error means "the image is not there", so the next candidate may have it.
fn is_not_found(e: &OciDistributionError) -> bool {
    match e {
        OciDistributionError::ImageManifestNotFoundError(_) => true,
        OciDistributionError::ServerError { code, .. } => *code == 404,
        OciDistributionError::RegistryError { envelope, .. } => envelope.errors.iter().any(|e| {
            use oci_client::errors::OciErrorCode::*;
            matches!(e.code, ManifestUnknown | NameUnknown | BlobUnknown)
        }),
        _ => false,
    }
}

pub(super) fn is_unauthorized(e: &OciDistributionError) -> bool {
    match e {
        OciDistributionError::UnauthorizedError { .. }
        | OciDistributionError::AuthenticationFailure(_) => true,
        OciDistributionError::ServerError { code, .. } => *code == 401 || *code == 403,
        OciDistributionError::RegistryError { envelope, .. } => envelope.errors.iter().any(|e| {
            use oci_client::errors::OciErrorCode::*;
            matches!(e.code, Unauthorized | Denied)
        }),
        // A HEAD answer (blob_exists) has no body to parse, only its status.
        OciDistributionError::RequestError(r) => {
            matches!(r.status().map(|s| s.as_u16()), Some(401 | 403))
        }
        _ => false,
    }
}

/// Walks the error chain for the lowest-level cause, which names the real problem
/// ("Connection refused", "invalid peer certificate").
pub(super) fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

/// Whether the registry could not be reached at all (refused, unreachable, unknown host,
/// timed out), as opposed to reached but speaking something else than expected.
fn is_unreachable(e: &OciDistributionError) -> bool {
    let OciDistributionError::RequestError(r) = e else {
        return false;
    };
    if r.is_timeout() {
        return true;
    }
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(r);
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind::*;
            if matches!(
                io.kind(),
                ConnectionRefused
                    | TimedOut
                    | HostUnreachable
                    | NetworkUnreachable
                    | AddrNotAvailable
                    | ConnectionReset
            ) {
                return true;
            }
        }
        if c.to_string().contains("dns error") {
            return true;
        }
        cause = c.source();
    }
    false
}

impl Session {
    async fn open(
        endpoint: &Endpoint,
        opts: &PullOptions,
        insecure: bool,
    ) -> Result<Session, PullError> {
        let reference = oci_reference(&endpoint.reference);
        let registry = endpoint.reference.domain().to_string();
        let credentials = match &opts.credentials {
            Some(c) => Some(c.clone()),
            None => lookup_credentials(&opts.env, &registry, endpoint.reference.repository())?,
        };
        let auth = match credentials {
            Some(Credentials::Basic { username, password }) => {
                RegistryAuth::Basic(username, password)
            }
            Some(Credentials::IdentityToken(token)) => RegistryAuth::Bearer(token),
            None => RegistryAuth::Anonymous,
        };
        let client = client(&registry, insecure)?;
        client
            .auth(&reference, &auth, oci_client::RegistryOperation::Pull)
            .await
            .map_err(|e| classify_auth(e, &auth, &registry, &endpoint.reference, insecure))?;
        Ok(Session {
            client,
            auth,
            reference,
            registry,
        })
    }

    async fn manifest(
        &self,
        reference: &Reference,
    ) -> Result<(bytes::Bytes, String), OciDistributionError> {
        self.client
            .pull_manifest_raw(reference, &self.auth, MANIFEST_TYPES)
            .await
    }
}

/// A failed token request: with credentials, the token service refused them (a wrong
/// password); anonymous, the registry wants credentials.
pub(super) fn classify_auth(
    e: OciDistributionError,
    auth: &RegistryAuth,
    registry: &str,
    image: &ImageRef,
    insecure: bool,
) -> PullError {
    match (&e, auth) {
        (OciDistributionError::AuthenticationFailure(_), RegistryAuth::Basic(..)) => {
            PullError::BadCredentials {
                registry: registry.to_string(),
                image: image.to_string(),
            }
        }
        _ => classify(e, registry, image, insecure),
    }
}

/// Turns a registry error into one that says what to do.
pub(super) fn classify(
    e: OciDistributionError,
    registry: &str,
    image: &ImageRef,
    insecure: bool,
) -> PullError {
    if is_not_found(&e) {
        return PullError::NotFound {
            image: image.to_string(),
        };
    }
    if is_unauthorized(&e) {
        return PullError::Unauthorized {
            registry: registry.to_string(),
            image: image.to_string(),
        };
    }
    if is_unreachable(&e) {
        return PullError::Connect {
            registry: registry.to_string(),
            detail: root_cause(&e),
        };
    }
    if !insecure && matches!(e, OciDistributionError::RequestError(_)) {
        return PullError::Tls {
            registry: registry.to_string(),
            detail: root_cause(&e),
        };
    }
    PullError::Registry {
        image: image.to_string(),
        detail: root_cause(&e),
    }
}

/// Everything about the image manifest that the pull needs.
struct Resolved {
    session: Session,
    manifest_bytes: bytes::Bytes,
    manifest_digest: String,
    list_digest: Option<String>,
    media_type: String,
    manifest: ImageManifest,
}

fn media_type_of(bytes: &[u8]) -> String {
    #[derive(serde::Deserialize)]
    struct Probe {
        #[serde(rename = "mediaType", default)]
        media_type: Option<String>,
        #[serde(default)]
        manifests: Option<serde_json::Value>,
    }
    match serde_json::from_slice::<Probe>(bytes) {
        Ok(Probe {
            media_type: Some(m),
            ..
        }) => m,
        // OCI lets mediaType be omitted; an index is the one with `manifests`.
        Ok(Probe {
            manifests: Some(_), ..
        }) => "application/vnd.oci.image.index.v1+json".into(),
        _ => "application/vnd.oci.image.manifest.v1+json".into(),
    }
}

async fn resolve(endpoint: &Endpoint, opts: &PullOptions) -> Result<Resolved, PullError> {
    let insecure = endpoint.insecure || opts.tls_verify == Some(false);
    let session = Session::open(endpoint, opts, insecure).await?;
    let image = &endpoint.reference;
    let fail = |e| classify(e, &session.registry, image, insecure);
    let (mut bytes, mut digest) = session.manifest(&session.reference).await.map_err(fail)?;
    let mut media_type = media_type_of(&bytes);
    let mut list_digest = None;
    if media_type.ends_with("index.v1+json") || media_type.ends_with("manifest.list.v2+json") {
        let index: ImageIndex =
            serde_json::from_slice(&bytes).map_err(|e| PullError::BadManifest {
                image: image.to_string(),
                detail: e.to_string(),
            })?;
        let entries: Vec<IndexEntry> = index
            .manifests()
            .iter()
            .filter_map(|m| {
                let p = m.platform().as_ref()?;
                Some(IndexEntry {
                    digest: m.digest().to_string(),
                    os: p.os().to_string(),
                    arch: p.architecture().to_string(),
                    variant: p.variant().clone(),
                })
            })
            .collect();
        let chosen =
            select(&entries, &opts.platform).map_err(|available| PullError::NoPlatform {
                image: image.to_string(),
                platform: opts.platform.to_string(),
                available,
            })?;
        list_digest = Some(digest);
        let by_digest = session.reference.clone_with_digest(chosen.digest.clone());
        (bytes, digest) = session.manifest(&by_digest).await.map_err(fail)?;
        media_type = media_type_of(&bytes);
    }
    let manifest: ImageManifest =
        serde_json::from_slice(&bytes).map_err(|e| PullError::BadManifest {
            image: image.to_string(),
            detail: e.to_string(),
        })?;
    if let Some(layer) = manifest
        .layers()
        .iter()
        .find(|l| !LAYER_TYPES.contains(&l.media_type().to_string().as_str()))
    {
        return Err(PullError::UnsupportedLayer {
            image: image.to_string(),
            media_type: layer.media_type().to_string(),
        });
    }
    Ok(Resolved {
        session,
        manifest_bytes: bytes,
        manifest_digest: digest,
        list_digest,
        media_type,
        manifest,
    })
}

/// Tries each candidate name and each of its endpoints in order, as podman does for short names
/// and mirrors; the first that has the image wins.
async fn resolve_candidates(
    candidates: &[Candidate],
    opts: &PullOptions,
    progress: &Progress,
) -> Result<(Resolved, ImageRef), PullError> {
    let mut failures: Vec<PullError> = Vec::new();
    for candidate in candidates {
        progress.message(&format!("Trying to pull {}...", candidate.reference));
        for endpoint in &candidate.endpoints {
            match resolve(endpoint, opts).await {
                Ok(resolved) => return Ok((resolved, candidate.reference.clone())),
                Err(e) => failures.push(e),
            }
        }
    }
    // One failure says it best; several are listed, as each name may fail differently.
    match failures.len() {
        0 => Err(PullError::NotFound {
            image: "(no candidates)".into(),
        }),
        1 => Err(failures.remove(0)),
        _ => Err(PullError::AllCandidates {
            details: failures
                .iter()
                .map(|e| format!("  {e}"))
                .collect::<Vec<_>>()
                .join("\n"),
        }),
    }
}

/// Pulls `input` into the store and returns the image record.
pub async fn pull(
    store: &Store,
    candidates: &[Candidate],
    opts: &PullOptions,
    progress: &Progress,
) -> Result<ImageRecord, PullError> {
    let (resolved, name) = resolve_candidates(candidates, opts, progress).await?;
    let Resolved {
        session,
        manifest_bytes,
        manifest_digest,
        list_digest,
        media_type,
        manifest,
    } = resolved;
    let image_id = manifest
        .config()
        .digest()
        .to_string()
        .trim_start_matches("sha256:")
        .to_string();
    progress.message("Getting image source signatures");

    // An image pulled before has its verified config in the store: only the manifest is fetched.
    let config_digest = manifest.config().digest().to_string();
    let (config_bytes, config_fetched) = match store.image_file(&image_id, "config.json") {
        Ok(bytes) if sha256_digest(&bytes) == config_digest => (bytes, false),
        _ => (
            fetch_config(&session, manifest.config(), &name).await?,
            true,
        ),
    };
    let config: ImageConfig =
        serde_json::from_slice(&config_bytes).map_err(|e| PullError::BadManifest {
            image: name.to_string(),
            detail: format!("image config: {e}"),
        })?;
    let diff_ids = &config.rootfs.diff_ids;
    if diff_ids.len() != manifest.layers().len() {
        return Err(PullError::BadManifest {
            image: name.to_string(),
            detail: format!(
                "the manifest has {} layers but the config lists {} diff IDs",
                manifest.layers().len(),
                diff_ids.len()
            ),
        });
    }
    // The layer locks stay held until the image record names the layers, so a concurrent
    // `rmi` cannot remove a layer this image is about to use.
    let (_layer_locks, size) = fetch_layers(store, &session, &manifest, diff_ids, progress).await?;
    if config_fetched {
        progress.message(&format!("Copying config {} done", short(&image_id)));
    }
    progress.message("Writing manifest to image destination");

    let mut list = store.lock_images()?;
    store.write_image_file(&image_id, "config.json", &config_bytes)?;
    store.write_image_file(&image_id, "manifest.json", &manifest_bytes)?;
    crate::failpoint!("pull.documents-written");
    let name_text = name.to_string();
    let pos = list.position_or_add(&image_id, || {
        ImageRecord::unnamed(
            &image_id,
            &manifest_digest,
            &media_type,
            diff_ids.clone(),
            size,
            config.created,
        )
    });
    // A name belongs to one image: pulling moves it here.
    list.give_name(pos, &name_text, name.name());
    let image = &mut list.images[pos];
    for d in list_digest.iter().chain([&manifest_digest]) {
        if !image.digests.contains(d) {
            image.digests.push(d.clone());
        }
    }
    image.digest = manifest_digest;
    image.manifest_media_type = media_type;
    let record = image.clone();
    list.save()?;
    crate::events::record(
        store.root(),
        &crate::events::Event::image("pull", &record.id, &record.names[0]),
    );
    progress.message("Storing signatures");
    Ok(record)
}

fn sha256_digest(bytes: &[u8]) -> String {
    use sha2::Digest;
    format!("sha256:{}", hex::encode(sha2::Sha256::digest(bytes)))
}

fn short(digest: &str) -> &str {
    let hex = digest.trim_start_matches("sha256:");
    &hex[..hex.len().min(12)]
}

async fn fetch_config(
    session: &Session,
    desc: &oci_spec::image::Descriptor,
    name: &ImageRef,
) -> Result<Vec<u8>, PullError> {
    let desc = OciDescriptor {
        media_type: desc.media_type().to_string(),
        digest: desc.digest().to_string(),
        size: desc.size() as i64,
        ..Default::default()
    };
    let mut out = Vec::new();
    session
        .client
        .pull_blob(&session.reference, &desc, &mut out)
        .await
        .map_err(|e| match e {
            OciDistributionError::DigestError(d) => PullError::Digest {
                blob: desc.digest.clone(),
                image: name.to_string(),
                detail: d.to_string(),
            },
            e => classify(e, &session.registry, name, false),
        })?;
    Ok(out)
}

/// Downloads and extracts every layer the store lacks; returns the layers' locks (to be held
/// until the image record is written) and the total uncompressed size.
async fn fetch_layers(
    store: &Store,
    session: &Session,
    manifest: &ImageManifest,
    diff_ids: &[String],
    progress: &Progress,
) -> Result<(Vec<Lock>, u64), PullError> {
    store.init()?;
    // What killed pulls and removals left goes first (each under its free lock).
    store.remove_layer_leftovers()?;
    // Locks are taken in one global order (sorted diff IDs) so two pulls sharing layers cannot
    // deadlock; a second pull of the same layer waits and then finds it present.
    let mut order: Vec<&String> = diff_ids
        .iter()
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    order.sort();
    let mut locks = Vec::new();
    for diff_id in order {
        locks.push(store.lock_layer(diff_id)?);
    }
    let mut jobs = Vec::new();
    let mut total = 0u64;
    let mut seen = HashSet::new();
    for (desc, diff_id) in manifest.layers().iter().zip(diff_ids) {
        if !seen.insert(diff_id) {
            continue;
        }
        let present = match store.layer(diff_id) {
            Ok(present) => present,
            // A layer whose record cannot be read is not trusted: moved aside and pulled again.
            Err(StoreError::Damaged { path, reason }) => {
                let moved = store.quarantine_layer(diff_id)?;
                tracing::warn!(
                    "layer {diff_id}: {} cannot be read ({reason}); moved the layer to {} and pulling it again",
                    path.display(),
                    moved.display()
                );
                None
            }
            Err(e) => return Err(e.into()),
        };
        if let Some(record) = present {
            progress.message(&format!(
                "Copying blob {} skipped: already exists",
                short(desc.digest().as_ref())
            ));
            total += record.size;
            continue;
        }
        jobs.push(fetch_layer(store, session, desc, diff_id, progress));
    }
    let results = futures_util::future::join_all(jobs).await;
    progress.finish();
    for result in results {
        total += result?;
    }
    Ok((locks, total))
}

async fn fetch_layer(
    store: &Store,
    session: &Session,
    desc: &oci_spec::image::Descriptor,
    diff_id: &str,
    progress: &Progress,
) -> Result<u64, PullError> {
    let digest = desc.digest().to_string();
    let staging = store.layer_staging_dir(diff_id);
    // A staging directory can only be a killed pull's leftover: we hold the layer's lock.
    remove_tree(&staging)?;
    let bar = progress.layer(short(&digest), desc.size());
    let oci_desc = OciDescriptor {
        media_type: desc.media_type().to_string(),
        digest: digest.clone(),
        size: desc.size() as i64,
        ..Default::default()
    };
    let (tx, rx) = mpsc::channel::<Chunk>(32);
    let (diff_id, media_type) = (diff_id.to_string(), desc.media_type().to_string());
    let worker_store = store.clone();
    let dest = staging.clone();
    // Extraction, the flush to disk and the rename all block, so they run on the worker: the
    // network thread keeps feeding the other layers meanwhile.
    let blob_digest = digest.clone();
    let worker = tokio::task::spawn_blocking(move || {
        let extracted = extract_layer(ChannelReader::new(rx), &diff_id, &dest)
            .map_err(|e| layer_error(e, &blob_digest))?;
        let record = LayerRecord {
            diff_id,
            compressed_digest: extracted.blob_digest,
            media_type,
            size: extracted.size,
            blob_size: extracted.blob_size,
        };
        worker_store.commit_layer(&record)?;
        crate::failpoint!("pull.layer-committed");
        Ok::<u64, PullError>(record.size)
    });

    let download = async {
        let mut stream = session
            .client
            .pull_blob_stream(&session.reference, &oci_desc)
            .await
            .map_err(|e| e.to_string())?;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| e.to_string())?;
            bar.inc(chunk.len() as u64);
            if tx.send(Ok(chunk)).await.is_err() {
                // The worker stopped early; its error says why.
                break;
            }
        }
        Ok::<(), String>(())
    };
    if let Err(message) = download.await {
        let _ = tx.send(Err(message)).await;
    }
    drop(tx);
    let result = worker.await.expect("layer extraction does not panic");
    match &result {
        Ok(_) => bar.finish(),
        Err(_) => {
            bar.abandon();
            // Nothing half-made stays behind.
            let _ = remove_tree(&staging);
        }
    }
    result
}

fn layer_error(e: ExtractError, digest: &str) -> PullError {
    match e {
        ExtractError::Download(detail) if detail.to_lowercase().contains("digest") => {
            PullError::Digest {
                blob: digest.to_string(),
                image: String::new(),
                detail,
            }
        }
        ExtractError::Download(detail) => PullError::Download {
            blob: digest.to_string(),
            detail,
        },
        ExtractError::Io { path, source } => PullError::Io { path, source },
        ExtractError::Layer(source) => PullError::Layer {
            blob: digest.to_string(),
            source,
        },
        other => PullError::CorruptLayer {
            blob: digest.to_string(),
            detail: other.to_string(),
        },
    }
}
