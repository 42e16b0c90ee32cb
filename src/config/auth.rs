//! Registry credentials in the files podman and docker use (containers-auth.json(5)).
//!
//! Read order, as podman (containers/common + containers/image) does it:
//! - `$REGISTRY_AUTH_FILE` if set: only that file;
//! - else `$DOCKER_CONFIG/config.json` if DOCKER_CONFIG is set: only that file;
//! - else `$XDG_RUNTIME_DIR/containers/auth.json` (or `/run/containers/<uid>/auth.json`),
//!   `$XDG_CONFIG_HOME/containers/auth.json` (default `~/.config`), `~/.docker/config.json`,
//!   and the legacy `~/.dockercfg`.
//!
//! The first file with a usable entry wins. Within a file the most specific key wins
//! (`registry/ns/repo`, `registry/ns`, `registry`), then legacy URL-style keys such as
//! `https://index.docker.io/v1/`.
//!
//! Credential helpers are not run: a `credHelpers` entry for the registry is an error
//! telling the user to `burrow login`; docker's `credsStore` is ignored with a warning
//! (podman ignores it too), so anonymous pulls keep working.
//!
//! Writes (`burrow login`/`logout`) go to `$REGISTRY_AUTH_FILE`, else
//! `$DOCKER_CONFIG/config.json` (docker-compatible keys), else
//! `$XDG_RUNTIME_DIR/containers/auth.json`, else `$XDG_CONFIG_HOME/containers/auth.json`.

use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::env::ConfigEnv;
use super::error::ConfigError;
use super::reference::{ImageRef, RawReference};

/// The key docker itself uses for Docker Hub in config.json.
const DOCKER_HUB_LEGACY_KEY: &str = "https://index.docker.io/v1/";

/// Credentials for one registry.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    Basic {
        username: String,
        password: String,
    },
    /// An OAuth2 refresh token (`identitytoken`), exchanged at the registry's token server.
    IdentityToken(String),
}

impl std::fmt::Debug for Credentials {
    // Secrets must not end up in logs through {:?}.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::Basic { username, .. } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", &"<redacted>")
                .finish(),
            Credentials::IdentityToken(_) => f.write_str("IdentityToken(<redacted>)"),
        }
    }
}

/// Credentials with the file and key they were found under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundCredentials {
    pub credentials: Credentials,
    pub path: PathBuf,
    pub key: String,
}

/// How a credentials file is laid out and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthFileFormat {
    /// containers-auth.json: `{"auths": {...}}`, namespaced keys allowed.
    Containers,
    /// Docker's config.json: like auth.json for reading; written docker-compatibly
    /// (Docker Hub as `https://index.docker.io/v1/`, no namespaced keys).
    DockerConfig,
    /// `~/.dockercfg`: the top level is the `auths` map; keys are registries only.
    LegacyDockercfg,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthFile {
    pub path: PathBuf,
    pub format: AuthFileFormat,
}

/// Outcome of `remove_credentials`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoveOutcome {
    Removed {
        path: PathBuf,
    },
    /// Nothing under that key in the file burrow writes; `found_elsewhere` names another
    /// file that still has credentials for it (e.g. from docker login).
    NotLoggedIn {
        found_elsewhere: Option<PathBuf>,
    },
}

/// The files searched for credentials, in order. Files may not exist.
pub fn auth_file_search_path(env: &ConfigEnv) -> Vec<AuthFile> {
    let file = |path: PathBuf, format| AuthFile { path, format };
    if let Some(path) = &env.registry_auth_file {
        return vec![file(path.clone(), AuthFileFormat::Containers)];
    }
    if let Some(dir) = &env.docker_config {
        return vec![file(dir.join("config.json"), AuthFileFormat::DockerConfig)];
    }
    let mut files = Vec::new();
    match &env.xdg_runtime_dir {
        Some(dir) if !dir.exists() => {
            // podman only warns: a public image must still be pullable.
            tracing::warn!(
                "{} set by $XDG_RUNTIME_DIR does not exist; skipping its containers/auth.json",
                dir.display()
            );
        }
        Some(dir) => files.push(file(
            dir.join("containers/auth.json"),
            AuthFileFormat::Containers,
        )),
        None => files.push(file(
            env.system_path(&format!("/run/containers/{}/auth.json", env.uid)),
            AuthFileFormat::Containers,
        )),
    }
    files.push(file(
        env.config_home().join("containers/auth.json"),
        AuthFileFormat::Containers,
    ));
    files.push(file(
        env.home.join(".docker/config.json"),
        AuthFileFormat::DockerConfig,
    ));
    files.push(file(
        env.home.join(".dockercfg"),
        AuthFileFormat::LegacyDockercfg,
    ));
    files
}

/// The file `burrow login` writes and `burrow logout` edits.
pub fn auth_file_for_writing(env: &ConfigEnv) -> Result<AuthFile, ConfigError> {
    if let Some(path) = &env.registry_auth_file {
        return Ok(AuthFile {
            path: path.clone(),
            format: AuthFileFormat::Containers,
        });
    }
    if let Some(dir) = &env.docker_config {
        return Ok(AuthFile {
            path: dir.join("config.json"),
            format: AuthFileFormat::DockerConfig,
        });
    }
    let path = match &env.xdg_runtime_dir {
        Some(dir) if !dir.exists() => {
            return Err(ConfigError::RuntimeDirMissing { path: dir.clone() });
        }
        Some(dir) => dir.join("containers/auth.json"),
        // podman would use /run/containers/<uid>, which a rootless user cannot create.
        None => env.config_home().join("containers/auth.json"),
    };
    Ok(AuthFile {
        path,
        format: AuthFileFormat::Containers,
    })
}

/// Credentials for `repository` (e.g. `library/busybox`) on `registry` (host[:port]).
pub fn lookup_credentials(
    env: &ConfigEnv,
    registry: &str,
    repository: &str,
) -> Result<Option<Credentials>, ConfigError> {
    let key = if repository.is_empty() {
        registry.to_string()
    } else {
        format!("{registry}/{repository}")
    };
    Ok(lookup_credentials_for_key(env, &key)?.map(|found| found.credentials))
}

/// Credentials for a key: `registry`, `registry/namespace` or `registry/namespace/repo`.
pub fn lookup_credentials_for_key(
    env: &ConfigEnv,
    key: &str,
) -> Result<Option<FoundCredentials>, ConfigError> {
    validate_key(key)?;
    let registry = key.split_once('/').map_or(key, |(registry, _)| registry);
    for file in auth_file_search_path(env) {
        let Some(contents) = read_auth_file(&file)? else {
            continue;
        };
        if let Some(found) = find_in_file(&contents, &file, key, registry)? {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// Stores `username`/`password` under `key` in the write file, atomically, mode 0600,
/// keeping every other entry and field. Returns the file written.
pub fn store_credentials(
    env: &ConfigEnv,
    key: &str,
    username: &str,
    password: &str,
) -> Result<PathBuf, ConfigError> {
    validate_key(key)?;
    let file = auth_file_for_writing(env)?;
    let file_key = key_for_file(&file, key)?;
    let mut root = read_json_object(&file.path)?.unwrap_or_default();
    if let Some(helper) = cred_helper_for(&root, &file_key) {
        return Err(ConfigError::CredentialHelperUnsupported {
            registry: file_key,
            helper,
            path: file.path,
        });
    }
    let auths = auths_object(&mut root, &file.path)?;
    let encoded = BASE64.encode(format!("{username}:{password}"));
    let mut entry = Map::new();
    entry.insert("auth".to_string(), Value::String(encoded));
    auths.insert(file_key, Value::Object(entry));
    write_json_atomically(&file.path, &root)?;
    Ok(file.path)
}

/// Removes the entry for `key` from the write file.
pub fn remove_credentials(env: &ConfigEnv, key: &str) -> Result<RemoveOutcome, ConfigError> {
    validate_key(key)?;
    let file = auth_file_for_writing(env)?;
    let file_key = key_for_file(&file, key)?;
    if let Some(mut root) = read_json_object(&file.path)? {
        let removed = auths_object(&mut root, &file.path)?
            .remove(&file_key)
            .is_some();
        if removed {
            write_json_atomically(&file.path, &root)?;
            return Ok(RemoveOutcome::Removed { path: file.path });
        }
        if let Some(helper) = cred_helper_for(&root, &file_key) {
            return Err(ConfigError::CredentialHelperUnsupported {
                registry: file_key,
                helper,
                path: file.path,
            });
        }
    }
    let found_elsewhere = lookup_credentials_for_key(env, key)?.map(|found| found.path);
    Ok(RemoveOutcome::NotLoggedIn { found_elsewhere })
}

/// Empties `auths` in the write file (`logout --all`). `credHelpers` entries are left
/// alone because burrow cannot erase what the helpers store. Returns the file.
pub fn remove_all_credentials(env: &ConfigEnv) -> Result<PathBuf, ConfigError> {
    let file = auth_file_for_writing(env)?;
    if let Some(mut root) = read_json_object(&file.path)? {
        root.insert("auths".to_string(), Value::Object(Map::new()));
        write_json_atomically(&file.path, &root)?;
    }
    Ok(file.path)
}

/// Turns a `login`/`logout` argument into (key, registry) like podman: URLs become their
/// host[:port]; `registry/namespace` keys must be valid repository names without a tag
/// or digest and are kept as typed (docker.io/x is not turned into docker.io/library/x).
pub fn parse_credentials_key(arg: &str) -> Result<(String, String), ConfigError> {
    let invalid = |reason: String| ConfigError::InvalidCredentialsKey {
        key: arg.to_string(),
        reason,
    };
    let key = match arg
        .strip_prefix("https://")
        .or_else(|| arg.strip_prefix("http://"))
    {
        Some(rest) => {
            let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
            let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
            host.to_string()
        }
        None => arg.to_string(),
    };
    let registry = key
        .split_once('/')
        .map_or(key.as_str(), |(r, _)| r)
        .to_string();
    if registry.is_empty() {
        return Err(invalid(
            "no registry given; use host[:port], e.g. quay.io".to_string(),
        ));
    }
    if key != registry {
        let raw = RawReference::split(&key);
        if raw.tag.is_some() || raw.digest.is_some() {
            return Err(invalid(
                "a credentials key must not contain a tag or digest; use registry/namespace"
                    .to_string(),
            ));
        }
        match ImageRef::parse(&key) {
            Ok(parsed) if parsed.domain() == registry => {}
            Ok(_) => {
                return Err(invalid(format!(
                    "{registry:?} is not a registry host; use host[:port]/namespace, e.g. quay.io/{}",
                    &key[registry.len() + 1..]
                )));
            }
            Err(ConfigError::InvalidReference { reason, .. }) => {
                return Err(invalid(reason.to_string()));
            }
            Err(other) => return Err(other),
        }
    }
    Ok((key, registry))
}

fn validate_key(key: &str) -> Result<(), ConfigError> {
    let invalid = |reason: &str| ConfigError::InvalidCredentialsKey {
        key: key.to_string(),
        reason: reason.to_string(),
    };
    if key.starts_with("http://") || key.starts_with("https://") {
        return Err(invalid("remove the http:// or https:// prefix"));
    }
    if key.is_empty() {
        return Err(invalid("the key is empty; use host[:port]"));
    }
    if key.contains('@') {
        return Err(invalid("a key must not contain a digest ('@')"));
    }
    if let Some((_, path)) = key.split_once('/')
        && path.contains(':')
    {
        return Err(invalid(
            "a key must not contain a tag (':' after host[:port])",
        ));
    }
    Ok(())
}

/// docker's config.json keeps Docker Hub under its v1 URL and has no namespaced keys.
fn key_for_file(file: &AuthFile, key: &str) -> Result<String, ConfigError> {
    match file.format {
        AuthFileFormat::DockerConfig => {
            if key.contains('/') {
                return Err(ConfigError::InvalidCredentialsKey {
                    key: key.to_string(),
                    reason: format!(
                        "{} is a docker config.json, which cannot hold credentials for a namespace; log in to the registry host, or set REGISTRY_AUTH_FILE",
                        file.path.display()
                    ),
                });
            }
            Ok(if key == "docker.io" {
                DOCKER_HUB_LEGACY_KEY.to_string()
            } else {
                key.to_string()
            })
        }
        AuthFileFormat::Containers | AuthFileFormat::LegacyDockercfg => Ok(key.to_string()),
    }
}

#[derive(Debug, Default, Deserialize)]
struct AuthEntry {
    #[serde(default)]
    auth: String,
    #[serde(default, alias = "identityToken")]
    identitytoken: String,
}

#[derive(Debug, Default, Deserialize)]
struct AuthFileContents {
    #[serde(default)]
    auths: Option<BTreeMap<String, AuthEntry>>,
    #[serde(default, rename = "credHelpers")]
    cred_helpers: Option<BTreeMap<String, String>>,
    #[serde(default, rename = "credsStore")]
    creds_store: Option<String>,
}

/// Parsed contents, or None when the file does not exist.
fn read_auth_file(file: &AuthFile) -> Result<Option<AuthFileContents>, ConfigError> {
    let bytes = match std::fs::read(&file.path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        // A directory on the way that we may not enter (root's /run/containers) hides no file
        // of ours; a file we can see but not read is a real problem and reported below.
        Err(err)
            if err.kind() == std::io::ErrorKind::PermissionDenied
                && std::fs::symlink_metadata(&file.path).is_err() =>
        {
            return Ok(None);
        }
        Err(source) => {
            return Err(ConfigError::Read {
                path: file.path.clone(),
                source,
            });
        }
    };
    let json_error = |source| ConfigError::AuthFileJson {
        path: file.path.clone(),
        source,
    };
    let contents = match file.format {
        AuthFileFormat::LegacyDockercfg => AuthFileContents {
            auths: Some(serde_json::from_slice(&bytes).map_err(json_error)?),
            ..AuthFileContents::default()
        },
        AuthFileFormat::Containers | AuthFileFormat::DockerConfig => {
            serde_json::from_slice(&bytes).map_err(json_error)?
        }
    };
    Ok(Some(contents))
}

/// Looks `key` up in one file. None means "try the next file".
fn find_in_file(
    contents: &AuthFileContents,
    file: &AuthFile,
    key: &str,
    registry: &str,
) -> Result<Option<FoundCredentials>, ConfigError> {
    // Helpers are keyed by registry only, and are consulted before auths.
    if let Some(helper) = contents
        .cred_helpers
        .as_ref()
        .and_then(|helpers| helpers.get(registry))
    {
        return Err(ConfigError::CredentialHelperUnsupported {
            registry: registry.to_string(),
            helper: helper.clone(),
            path: file.path.clone(),
        });
    }
    let Some(auths) = &contents.auths else {
        return Ok(None);
    };
    let legacy = file.format == AuthFileFormat::LegacyDockercfg;

    let mut exact = None;
    if legacy {
        exact = auths.get_key_value(registry);
    } else {
        let mut candidate = key;
        loop {
            if let Some(found) = auths.get_key_value(candidate) {
                exact = Some(found);
                break;
            }
            match candidate.rsplit_once('/') {
                Some((parent, _)) => candidate = parent,
                None => break,
            }
        }
    }
    let matched = exact.or_else(|| {
        let wanted = normalize_registry(registry);
        auths
            .iter()
            .find(|(k, _)| normalize_auth_file_key(k, legacy) == wanted)
    });
    let Some((matched_key, entry)) = matched else {
        return Ok(None);
    };
    // As in containers/image, the first matching key decides for this file even when
    // its entry is empty.
    match decode_entry(&file.path, matched_key, entry)? {
        Some(credentials) => Ok(Some(FoundCredentials {
            credentials,
            path: file.path.clone(),
            key: matched_key.clone(),
        })),
        None => {
            // docker leaves an empty entry when the secret went to its credsStore. podman
            // ignores credsStore and pulls anonymously; failing here would break public
            // pulls for every Docker Desktop user, so only say why no credentials are used.
            if let Some(store) = contents.creds_store.as_deref().filter(|s| !s.is_empty()) {
                tracing::warn!(
                    "credentials for {registry} in {} are kept by the credential store docker-credential-{store}, which burrow does not support yet; continuing without them (run burrow login {registry} to use credentials)",
                    file.path.display()
                );
            }
            Ok(None)
        }
    }
}

/// Decodes one entry; None for an empty entry (docker's marker for "in a helper").
fn decode_entry(
    path: &Path,
    key: &str,
    entry: &AuthEntry,
) -> Result<Option<Credentials>, ConfigError> {
    if !entry.identitytoken.is_empty() {
        return Ok(Some(Credentials::IdentityToken(
            entry.identitytoken.clone(),
        )));
    }
    if entry.auth.is_empty() {
        return Ok(None);
    }
    let invalid = |reason: &str| ConfigError::InvalidAuthEntry {
        path: path.to_path_buf(),
        key: key.to_string(),
        reason: reason.to_string(),
    };
    let decoded = BASE64
        .decode(entry.auth.trim())
        .map_err(|_| invalid("the \"auth\" value is not valid base64"))?;
    let decoded = String::from_utf8(decoded)
        .map_err(|_| invalid("the decoded \"auth\" value is not UTF-8"))?;
    let Some((username, password)) = decoded.split_once(':') else {
        // docker and podman skip such entries rather than failing the pull.
        tracing::warn!(
            "ignoring the \"auth\" value of {key:?} in {}: it has no ':' between user name and password",
            path.display()
        );
        return Ok(None);
    };
    Ok(Some(Credentials::Basic {
        username: username.to_string(),
        password: password.trim_matches('\0').to_string(),
    }))
}

fn normalize_registry(registry: &str) -> &str {
    match registry {
        "registry-1.docker.io" | "docker.io" => "index.docker.io",
        other => other,
    }
}

/// `https://host/v1/` style keys reduced to their host, Docker Hub names unified.
fn normalize_auth_file_key(key: &str, legacy: bool) -> &str {
    let stripped = key.strip_prefix("http://").unwrap_or(key);
    let stripped = stripped.strip_prefix("https://").unwrap_or(stripped);
    let host = if legacy || stripped.len() != key.len() {
        stripped.split('/').next().unwrap_or(stripped)
    } else {
        stripped
    };
    normalize_registry(host)
}

fn cred_helper_for(root: &Map<String, Value>, key: &str) -> Option<String> {
    let registry = key.split_once('/').map_or(key, |(r, _)| r);
    root.get("credHelpers")?
        .get(registry)?
        .as_str()
        .map(str::to_string)
}

fn read_json_object(path: &Path) -> Result<Option<Map<String, Value>>, ConfigError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(ConfigError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|source| ConfigError::AuthFileJson {
            path: path.to_path_buf(),
            source,
        })
}

fn auths_object<'a>(
    root: &'a mut Map<String, Value>,
    path: &Path,
) -> Result<&'a mut Map<String, Value>, ConfigError> {
    let auths = root
        .entry("auths")
        .or_insert_with(|| Value::Object(Map::new()));
    if auths.is_null() {
        *auths = Value::Object(Map::new());
    }
    auths
        .as_object_mut()
        .ok_or_else(|| ConfigError::InvalidAuthEntry {
            path: path.to_path_buf(),
            key: "auths".to_string(),
            reason: "\"auths\" is not a JSON object".to_string(),
        })
}

/// Writes through a temporary file in the same directory and renames it over `path`, so
/// readers never see a partial file; the result has mode 0600.
fn write_json_atomically(path: &Path, root: &Map<String, Value>) -> Result<(), ConfigError> {
    let write_error = |source| ConfigError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(write_error)?;

    let mut bytes = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"\t");
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, formatter);
    serde::Serialize::serialize(root, &mut serializer)
        .map_err(|e| write_error(std::io::Error::other(e)))?;
    bytes.push(b'\n');

    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "auth.json".to_string());
    let mut attempt = 0u32;
    let (tmp_path, mut tmp) = loop {
        let candidate = dir.join(format!(".{file_name}.tmp-{}-{attempt}", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&candidate)
        {
            Ok(file) => break (candidate, file),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(err) => return Err(write_error(err)),
        }
    };
    let result = (|| {
        // The umask may have cleared bits; the final file must be exactly 0600.
        tmp.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        tmp.write_all(&bytes)?;
        tmp.sync_all()?;
        std::fs::rename(&tmp_path, path)
    })();
    if let Err(err) = result {
        let _ = std::fs::remove_file(&tmp_path);
        return Err(write_error(err));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::os::unix::fs::MetadataExt;

    struct Fixture {
        dir: tempfile::TempDir,
        env: ConfigEnv,
    }

    impl Fixture {
        fn new() -> Fixture {
            let dir = tempfile::tempdir().unwrap();
            let home = dir.path().join("home");
            let runtime = dir.path().join("run-user");
            fs::create_dir_all(&home).unwrap();
            fs::create_dir_all(&runtime).unwrap();
            let mut env = ConfigEnv::with_home(home, 1000, dir.path().join("root"));
            env.xdg_runtime_dir = Some(runtime);
            Fixture { dir, env }
        }

        fn runtime_auth(&self) -> PathBuf {
            self.env
                .xdg_runtime_dir
                .as_ref()
                .unwrap()
                .join("containers/auth.json")
        }

        fn config_auth(&self) -> PathBuf {
            self.env.home.join(".config/containers/auth.json")
        }

        fn docker_config(&self) -> PathBuf {
            self.env.home.join(".docker/config.json")
        }

        fn write(&self, path: &Path, value: serde_json::Value) {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, serde_json::to_vec(&value).unwrap()).unwrap();
        }

        fn lookup(&self, registry: &str, repository: &str) -> Option<Credentials> {
            lookup_credentials(&self.env, registry, repository)
                .unwrap_or_else(|e| panic!("{registry}/{repository}: {e}"))
        }
    }

    fn auth(user: &str, password: &str) -> serde_json::Value {
        serde_json::json!({ "auth": BASE64.encode(format!("{user}:{password}")) })
    }

    fn basic(user: &str, password: &str) -> Credentials {
        Credentials::Basic {
            username: user.to_string(),
            password: password.to_string(),
        }
    }

    #[test]
    fn search_path_default_order() {
        let f = Fixture::new();
        let paths: Vec<_> = auth_file_search_path(&f.env)
            .into_iter()
            .map(|a| (a.path, a.format))
            .collect();
        assert_eq!(
            paths,
            vec![
                (f.runtime_auth(), AuthFileFormat::Containers),
                (f.config_auth(), AuthFileFormat::Containers),
                (f.docker_config(), AuthFileFormat::DockerConfig),
                (
                    f.env.home.join(".dockercfg"),
                    AuthFileFormat::LegacyDockercfg
                ),
            ]
        );
        let mut env = f.env.clone();
        env.xdg_runtime_dir = None;
        env.xdg_config_home = Some(f.dir.path().join("cfg"));
        let paths: Vec<_> = auth_file_search_path(&env)
            .into_iter()
            .map(|a| a.path)
            .collect();
        assert_eq!(paths[0], env.system_path("/run/containers/1000/auth.json"));
        assert_eq!(paths[1], f.dir.path().join("cfg/containers/auth.json"));
    }

    #[test]
    fn override_variables_select_a_single_file() {
        let f = Fixture::new();
        let mut env = f.env.clone();
        env.docker_config = Some(f.dir.path().join("dockercfg"));
        assert_eq!(
            auth_file_search_path(&env),
            vec![AuthFile {
                path: f.dir.path().join("dockercfg/config.json"),
                format: AuthFileFormat::DockerConfig
            }]
        );
        env.registry_auth_file = Some(f.dir.path().join("my-auth.json"));
        assert_eq!(
            auth_file_search_path(&env),
            vec![AuthFile {
                path: f.dir.path().join("my-auth.json"),
                format: AuthFileFormat::Containers
            }]
        );
    }

    #[test]
    fn earlier_files_win() {
        let f = Fixture::new();
        f.write(
            &f.runtime_auth(),
            serde_json::json!({"auths": {"quay.io": auth("runtime", "p1")}}),
        );
        f.write(
            &f.config_auth(),
            serde_json::json!({"auths": {
                "quay.io": auth("config", "p2"),
                "ghcr.io": auth("config", "p3")
            }}),
        );
        f.write(
            &f.docker_config(),
            serde_json::json!({"auths": {
                "ghcr.io": auth("docker", "p4"),
                "registry.example.com:5000": auth("docker", "p5")
            }}),
        );
        assert_eq!(f.lookup("quay.io", "a/b"), Some(basic("runtime", "p1")));
        assert_eq!(f.lookup("ghcr.io", "a/b"), Some(basic("config", "p3")));
        assert_eq!(
            f.lookup("registry.example.com:5000", "x"),
            Some(basic("docker", "p5"))
        );
        assert_eq!(f.lookup("other.io", "x"), None);

        // REGISTRY_AUTH_FILE hides every other file.
        let only = f.dir.path().join("only.json");
        f.write(
            &only,
            serde_json::json!({"auths": {"ghcr.io": auth("only", "p6")}}),
        );
        let mut env = f.env.clone();
        env.registry_auth_file = Some(only);
        assert_eq!(
            lookup_credentials(&env, "ghcr.io", "a").unwrap(),
            Some(basic("only", "p6"))
        );
        assert_eq!(lookup_credentials(&env, "quay.io", "a").unwrap(), None);
    }

    #[test]
    fn most_specific_key_wins_within_a_file() {
        let f = Fixture::new();
        f.write(
            &f.runtime_auth(),
            serde_json::json!({"auths": {
                "quay.io": auth("registry", "1"),
                "quay.io/ns": auth("namespace", "2"),
                "quay.io/ns/repo": auth("repo", "3"),
            }}),
        );
        assert_eq!(f.lookup("quay.io", "ns/repo"), Some(basic("repo", "3")));
        assert_eq!(
            f.lookup("quay.io", "ns/other"),
            Some(basic("namespace", "2"))
        );
        assert_eq!(f.lookup("quay.io", "ns/repo/sub"), Some(basic("repo", "3")));
        assert_eq!(
            f.lookup("quay.io", "elsewhere/x"),
            Some(basic("registry", "1"))
        );
        // A namespace key is not a string prefix match.
        assert_eq!(f.lookup("quay.io", "nsx/y"), Some(basic("registry", "1")));
        let found = lookup_credentials_for_key(&f.env, "quay.io/ns/x")
            .unwrap()
            .unwrap();
        assert_eq!(found.key, "quay.io/ns");
        assert_eq!(found.path, f.runtime_auth());
    }

    #[test]
    fn legacy_docker_keys_match() {
        let f = Fixture::new();
        f.write(
            &f.docker_config(),
            serde_json::json!({"auths": {
                "https://index.docker.io/v1/": auth("hub", "h"),
                "http://registry.example.com:5000/v1/": auth("old", "o"),
                "https://other.example.com": auth("url", "u"),
            }}),
        );
        assert_eq!(
            f.lookup("docker.io", "library/busybox"),
            Some(basic("hub", "h"))
        );
        assert_eq!(
            f.lookup("registry.example.com:5000", "x"),
            Some(basic("old", "o"))
        );
        assert_eq!(f.lookup("other.example.com", "x"), Some(basic("url", "u")));

        // The plain host names docker.io is known by also match.
        f.write(
            &f.docker_config(),
            serde_json::json!({"auths": {"registry-1.docker.io": auth("r1", "x")}}),
        );
        assert_eq!(
            f.lookup("docker.io", "library/busybox"),
            Some(basic("r1", "x"))
        );

        // ~/.dockercfg has no "auths" wrapper and registry keys only.
        fs::remove_file(f.docker_config()).unwrap();
        f.write(
            &f.env.home.join(".dockercfg"),
            serde_json::json!({
                "https://index.docker.io/v1/": {"auth": BASE64.encode("legacy:l"), "email": "a@b"}
            }),
        );
        assert_eq!(
            f.lookup("docker.io", "library/busybox"),
            Some(basic("legacy", "l"))
        );
    }

    #[test]
    fn identity_tokens_and_password_padding() {
        let f = Fixture::new();
        f.write(
            &f.runtime_auth(),
            serde_json::json!({"auths": {
                "token.example.com": {"auth": BASE64.encode("<token>:"), "identitytoken": "refresh"},
                "nul.example.com": {"auth": BASE64.encode("u:p\0\0")},
                "colon.example.com": {"auth": BASE64.encode("u:p:q")},
            }}),
        );
        assert_eq!(
            f.lookup("token.example.com", "x"),
            Some(Credentials::IdentityToken("refresh".to_string()))
        );
        assert_eq!(f.lookup("nul.example.com", "x"), Some(basic("u", "p")));
        assert_eq!(f.lookup("colon.example.com", "x"), Some(basic("u", "p:q")));
    }

    #[test]
    fn empty_or_unusable_entries_fall_through_to_later_files() {
        let f = Fixture::new();
        f.write(
            &f.runtime_auth(),
            serde_json::json!({"auths": {
                "quay.io": {},
                "ghcr.io": {"auth": BASE64.encode("no-colon")},
            }}),
        );
        f.write(
            &f.config_auth(),
            serde_json::json!({"auths": {
                "quay.io": auth("later", "1"),
                "ghcr.io": auth("later", "2"),
            }}),
        );
        assert_eq!(f.lookup("quay.io", "x"), Some(basic("later", "1")));
        assert_eq!(f.lookup("ghcr.io", "x"), Some(basic("later", "2")));
    }

    #[test]
    fn bad_base64_is_an_error_naming_file_and_key() {
        let f = Fixture::new();
        f.write(
            &f.runtime_auth(),
            serde_json::json!({"auths": {"quay.io": {"auth": "!!!not base64"}}}),
        );
        let err = lookup_credentials(&f.env, "quay.io", "x").unwrap_err();
        assert!(matches!(err, ConfigError::InvalidAuthEntry { .. }));
        let msg = err.to_string();
        assert!(msg.contains("base64"), "{msg}");
        assert!(msg.contains("\"quay.io\""), "{msg}");
        assert!(
            msg.contains(&f.runtime_auth().display().to_string()),
            "{msg}"
        );
        // Other registries in the same file are unaffected.
        assert_eq!(f.lookup("ghcr.io", "x"), None);
    }

    #[test]
    fn invalid_json_is_an_error_naming_the_file() {
        let f = Fixture::new();
        fs::create_dir_all(f.config_auth().parent().unwrap()).unwrap();
        fs::write(f.config_auth(), "{\"auths\": ").unwrap();
        let err = lookup_credentials(&f.env, "quay.io", "x").unwrap_err();
        assert!(matches!(err, ConfigError::AuthFileJson { .. }));
        assert!(
            err.to_string()
                .contains(&f.config_auth().display().to_string()),
            "{err}"
        );
    }

    #[test]
    fn credential_helpers_are_reported_as_unsupported() {
        let f = Fixture::new();
        f.write(
            &f.docker_config(),
            serde_json::json!({
                "credHelpers": {"123.dkr.ecr.us-east-1.amazonaws.com": "ecr-login"},
                "credsStore": "desktop",
                "auths": {"https://index.docker.io/v1/": {}, "quay.io": auth("q", "1")}
            }),
        );
        let err =
            lookup_credentials(&f.env, "123.dkr.ecr.us-east-1.amazonaws.com", "app").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("docker-credential-ecr-login"), "{msg}");
        assert!(
            msg.contains("burrow login 123.dkr.ecr.us-east-1.amazonaws.com"),
            "{msg}"
        );
        // credsStore is ignored like podman does: the empty marker entry means "no
        // credentials here", so a public pull still works anonymously.
        assert_eq!(f.lookup("docker.io", "library/busybox"), None);
        assert_eq!(f.lookup("quay.io", "x"), Some(basic("q", "1")));
        assert_eq!(f.lookup("ghcr.io", "x"), None);
    }

    #[test]
    fn store_and_remove_round_trip() {
        let f = Fixture::new();
        // Another program's entries and fields must survive.
        f.write(
            &f.runtime_auth(),
            serde_json::json!({
                "auths": {"ghcr.io": auth("keep", "me")},
                "custom": {"x": 1}
            }),
        );
        let written = store_credentials(&f.env, "quay.io", "alice", "s3cret:with:colons").unwrap();
        assert_eq!(written, f.runtime_auth());
        let meta = fs::metadata(&written).unwrap();
        assert_eq!(meta.mode() & 0o777, 0o600);
        assert_eq!(
            f.lookup("quay.io", "x"),
            Some(basic("alice", "s3cret:with:colons"))
        );
        assert_eq!(f.lookup("ghcr.io", "x"), Some(basic("keep", "me")));
        let root: serde_json::Value = serde_json::from_slice(&fs::read(&written).unwrap()).unwrap();
        assert_eq!(root["custom"]["x"], 1);
        // No temporary files are left behind.
        let leftovers: Vec<_> = fs::read_dir(written.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("auth.json")]);

        // Overwrite, then namespaced key.
        store_credentials(&f.env, "quay.io", "bob", "2").unwrap();
        store_credentials(&f.env, "quay.io/team", "team", "3").unwrap();
        assert_eq!(f.lookup("quay.io", "team/app"), Some(basic("team", "3")));
        assert_eq!(f.lookup("quay.io", "x"), Some(basic("bob", "2")));

        assert_eq!(
            remove_credentials(&f.env, "quay.io").unwrap(),
            RemoveOutcome::Removed {
                path: f.runtime_auth()
            }
        );
        assert_eq!(f.lookup("quay.io", "x"), None);
        assert_eq!(f.lookup("quay.io", "team/app"), Some(basic("team", "3")));
        assert_eq!(
            remove_credentials(&f.env, "quay.io").unwrap(),
            RemoveOutcome::NotLoggedIn {
                found_elsewhere: None
            }
        );
        assert_eq!(
            fs::metadata(f.runtime_auth()).unwrap().mode() & 0o777,
            0o600
        );

        remove_all_credentials(&f.env).unwrap();
        assert_eq!(f.lookup("quay.io", "team/app"), None);
        assert_eq!(f.lookup("ghcr.io", "x"), None);
    }

    #[test]
    fn logout_reports_credentials_in_other_files() {
        let f = Fixture::new();
        f.write(
            &f.docker_config(),
            serde_json::json!({"auths": {"quay.io": auth("d", "1")}}),
        );
        assert_eq!(
            remove_credentials(&f.env, "quay.io").unwrap(),
            RemoveOutcome::NotLoggedIn {
                found_elsewhere: Some(f.docker_config())
            }
        );
        // Nothing was created by a logout that removed nothing.
        assert!(!f.runtime_auth().exists());
    }

    #[test]
    fn write_target_selection() {
        let f = Fixture::new();
        assert_eq!(
            auth_file_for_writing(&f.env).unwrap().path,
            f.runtime_auth()
        );

        let mut env = f.env.clone();
        env.xdg_runtime_dir = None;
        assert_eq!(auth_file_for_writing(&env).unwrap().path, f.config_auth());
        let written = store_credentials(&env, "quay.io", "u", "p").unwrap();
        assert_eq!(written, f.config_auth());
        assert_eq!(
            lookup_credentials(&env, "quay.io", "x").unwrap(),
            Some(basic("u", "p"))
        );

        env.xdg_runtime_dir = Some(f.dir.path().join("missing"));
        let err = store_credentials(&env, "quay.io", "u", "p").unwrap_err();
        assert!(matches!(err, ConfigError::RuntimeDirMissing { .. }));
        // Reading still works, skipping the missing directory.
        assert_eq!(
            lookup_credentials(&env, "quay.io", "x").unwrap(),
            Some(basic("u", "p"))
        );

        env.registry_auth_file = Some(f.dir.path().join("explicit/auth.json"));
        let written = store_credentials(&env, "quay.io", "e", "p").unwrap();
        assert_eq!(written, f.dir.path().join("explicit/auth.json"));
    }

    #[test]
    fn docker_config_is_written_docker_compatibly() {
        let f = Fixture::new();
        let mut env = f.env.clone();
        let dir = f.dir.path().join("docker");
        env.docker_config = Some(dir.clone());
        f.write(
            &dir.join("config.json"),
            serde_json::json!({"psFormat": "table {{.ID}}", "auths": {}}),
        );
        store_credentials(&env, "docker.io", "hub", "pw").unwrap();
        let root: serde_json::Value =
            serde_json::from_slice(&fs::read(dir.join("config.json")).unwrap()).unwrap();
        assert!(root["auths"][DOCKER_HUB_LEGACY_KEY].is_object());
        assert_eq!(root["psFormat"], "table {{.ID}}");
        assert_eq!(
            lookup_credentials(&env, "docker.io", "library/busybox").unwrap(),
            Some(basic("hub", "pw"))
        );
        let err = store_credentials(&env, "quay.io/ns", "u", "p").unwrap_err();
        assert!(err.to_string().contains("namespace"), "{err}");
        assert_eq!(
            remove_credentials(&env, "docker.io").unwrap(),
            RemoveOutcome::Removed {
                path: dir.join("config.json")
            }
        );
    }

    #[test]
    fn storing_over_a_credential_helper_is_refused() {
        let f = Fixture::new();
        f.write(
            &f.runtime_auth(),
            serde_json::json!({"credHelpers": {"quay.io": "pass"}}),
        );
        let err = store_credentials(&f.env, "quay.io", "u", "p").unwrap_err();
        assert!(matches!(
            err,
            ConfigError::CredentialHelperUnsupported { .. }
        ));
    }

    #[test]
    fn keys_are_validated() {
        let f = Fixture::new();
        for bad in ["https://quay.io", "quay.io/a@sha256:x", "quay.io/a:tag", ""] {
            assert!(
                matches!(
                    store_credentials(&f.env, bad, "u", "p"),
                    Err(ConfigError::InvalidCredentialsKey { .. })
                ),
                "{bad}"
            );
        }
        // A port is not a tag.
        assert!(store_credentials(&f.env, "localhost:5000", "u", "p").is_ok());
        assert!(store_credentials(&f.env, "localhost:5000/ns", "u", "p").is_ok());
    }

    #[test]
    fn credentials_key_parsing() {
        let ok = |arg: &str| parse_credentials_key(arg).unwrap_or_else(|e| panic!("{arg}: {e}"));
        assert_eq!(ok("quay.io"), ("quay.io".into(), "quay.io".into()));
        assert_eq!(
            ok("https://quay.io/v2/"),
            ("quay.io".into(), "quay.io".into())
        );
        assert_eq!(
            ok("http://user@localhost:5000/x"),
            ("localhost:5000".into(), "localhost:5000".into())
        );
        assert_eq!(
            ok("docker.io/vendor"),
            ("docker.io/vendor".into(), "docker.io".into())
        );
        assert_eq!(
            ok("quay.io/ns/repo"),
            ("quay.io/ns/repo".into(), "quay.io".into())
        );
        assert!(parse_credentials_key("quay.io/ns:tag").is_err());
        assert!(parse_credentials_key("quay.io/NS").is_err());
        assert!(parse_credentials_key("notahost/ns").is_err());
        assert!(parse_credentials_key("/ns").is_err());
    }

    #[test]
    fn debug_output_hides_secrets() {
        let shown = format!("{:?}", basic("alice", "hunter2"));
        assert!(shown.contains("alice"));
        assert!(!shown.contains("hunter2"));
        let shown = format!("{:?}", Credentials::IdentityToken("tok123".into()));
        assert!(!shown.contains("tok123"));
    }
}
