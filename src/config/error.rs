//! The error type of the config module.

use std::path::PathBuf;

/// Why an image reference was rejected. Shown after `invalid reference "...": `.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    #[error("reference is empty")]
    Empty,
    #[error("repository name must be lowercase")]
    Uppercase,
    #[error("repository name must not be more than 255 characters")]
    NameTooLong,
    #[error(
        "a 64-character hexadecimal string is an image id, not a repository name; refer to the image by name"
    )]
    HexIdentifier,
    #[error("invalid registry host {0:?}; use host[:port] such as quay.io or 127.0.0.1:5000")]
    InvalidDomain(String),
    #[error(
        "invalid repository path component {0:?}; use lowercase letters and digits, separated by '.', '_', '__' or '-'"
    )]
    InvalidPathComponent(String),
    #[error(
        "invalid tag {0:?}; a tag has 1 to 128 letters, digits, '_', '.' or '-' and does not start with '.' or '-'"
    )]
    InvalidTag(String),
    #[error("invalid digest {0:?}; use sha256: followed by 64 lowercase hex digits")]
    InvalidDigest(String),
    #[error("unsupported digest algorithm {0:?}; use sha256, sha384 or sha512")]
    UnsupportedDigestAlgorithm(String),
    #[error("a fully-qualified name with a registry is required, e.g. docker.io/library/NAME")]
    NotFullyQualified,
    #[error("not in canonical form; write it as {0}")]
    NotCanonical(String),
    #[error("a short name without a registry is required, e.g. NAME or NAMESPACE/NAME")]
    NotShortName,
    #[error("must not contain a tag")]
    HasTag,
    #[error("must not contain a digest")]
    HasDigest,
}

/// Errors of the config module: references, registries.conf and auth files.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("invalid reference {input:?}: {reason}")]
    InvalidReference {
        input: String,
        reason: ReferenceError,
    },

    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "registries configuration {} does not exist; create it or unset CONTAINERS_REGISTRIES_CONF",
        path.display()
    )]
    RegistriesConfMissing { path: PathBuf },

    #[error("invalid TOML in {} at line {line}, column {column}: {message}", path.display())]
    RegistriesToml {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    #[error(
        "{} uses the registries.conf v1 format ([registries.search], [registries.insecure], [registries.block]), which burrow does not read; convert it to v2 (unqualified-search-registries = [...] and [[registry]] tables, see containers-registries.conf(5))",
        path.display()
    )]
    RegistriesV1 { path: PathBuf },

    #[error("invalid registries configuration in {}: {reason}", path.display())]
    InvalidRegistriesConf { path: PathBuf, reason: String },

    #[error(
        "short name {name:?} did not resolve to an alias and no unqualified-search registries are defined in {origin}; pull a fully-qualified name such as docker.io/library/{name} or add unqualified-search-registries = [\"docker.io\"] to registries.conf"
    )]
    NoSearchRegistries { name: String, origin: String },

    #[error(
        "{reference} is blocked by the [[registry]] entry with prefix {prefix:?} in {}; remove \"blocked = true\" from that entry to use it",
        origin.display()
    )]
    RegistryBlocked {
        reference: String,
        prefix: String,
        origin: PathBuf,
    },

    #[error(
        "the [[registry]] entry with prefix {:?} in {} rewrites {} to {:?}, which is not a valid fully-qualified reference ({}); fix its location",
        .0.prefix, .0.origin.display(), .0.reference, .0.rewritten, .0.reason
    )]
    InvalidRewrite(Box<InvalidRewrite>),

    #[error("invalid JSON in credentials file {}: {source}; fix or remove the file", path.display())]
    AuthFileJson {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },

    #[error(
        "invalid credentials for {key:?} in {}: {reason}; run burrow login again or fix the file",
        path.display()
    )]
    InvalidAuthEntry {
        path: PathBuf,
        key: String,
        reason: String,
    },

    #[error(
        "credentials for {registry} are kept by the credential helper docker-credential-{helper} (configured in {}), and burrow does not support credential helpers yet; run burrow login {registry} instead",
        path.display()
    )]
    CredentialHelperUnsupported {
        registry: String,
        helper: String,
        path: PathBuf,
    },

    #[error("invalid registry credentials key {key:?}: {reason}")]
    InvalidCredentialsKey { key: String, reason: String },

    #[error(
        "directory {} set by $XDG_RUNTIME_DIR does not exist; create it or unset XDG_RUNTIME_DIR",
        path.display()
    )]
    RuntimeDirMissing { path: PathBuf },
}

/// Details of [`ConfigError::InvalidRewrite`], boxed to keep the error small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRewrite {
    pub reference: String,
    pub prefix: String,
    pub origin: PathBuf,
    pub rewritten: String,
    pub reason: ReferenceError,
}
