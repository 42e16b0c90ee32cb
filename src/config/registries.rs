//! registries.conf v2 (containers-registries.conf(5)) as podman reads it, and the pull
//! plan derived from it: short-name resolution, mirrors, prefix rewriting, blocking.
//!
//! File order (containers/image sysregistriesv2):
//! - `$CONTAINERS_REGISTRIES_CONF` if set (must exist), else `~/.config/containers/registries.conf`
//!   if it exists, else `/etc/containers/registries.conf` (may be missing).
//! - then drop-ins `*.conf`, each directory in lexical order: `/etc/containers/registries.conf.d`
//!   and then `~/.config/containers/registries.conf.d`; the system directory is skipped when
//!   the per-user registries.conf is the main file.
//! - podman resolves these user paths under `$HOME/.config`, not `$XDG_CONFIG_HOME`.
//!
//! Later files override earlier ones: `[[registry]]` entries replace by prefix,
//! `unqualified-search-registries` and `short-name-mode` replace when present, aliases merge
//! per name (an empty value removes an alias).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::env::{ConfigEnv, shown};
use super::error::{ConfigError, InvalidRewrite, ReferenceError};
use super::reference::{ImageRef, RawReference, check_domain};

const SYSTEM_REGISTRIES_CONF: &str = "/etc/containers/registries.conf";
const SYSTEM_REGISTRIES_CONF_D: &str = "/etc/containers/registries.conf.d";
const USER_REGISTRIES_CONF: &str = ".config/containers/registries.conf";
const USER_REGISTRIES_CONF_D: &str = ".config/containers/registries.conf.d";
const ROOT_SHORT_NAME_ALIASES: &str = "/var/cache/containers/short-name-aliases.conf";
const USER_SHORT_NAME_ALIASES: &str = "containers/short-name-aliases.conf";

/// How podman would handle ambiguous short names. burrow never prompts (it must work
/// without a TTY), so every mode resolves like `permissive` without a TTY: all
/// unqualified-search registries are tried in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShortNameMode {
    Disabled,
    #[default]
    Permissive,
    Enforcing,
}

/// Restriction of one mirror to digest or tag pulls (`pull-from-mirror`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PullFromMirror {
    #[default]
    All,
    DigestOnly,
    TagOnly,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mirror {
    pub location: String,
    pub insecure: bool,
    pub pull_from_mirror: PullFromMirror,
}

/// One `[[registry]]` entry after validation; `prefix` defaults to `location`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registry {
    pub prefix: String,
    /// Empty only for wildcard prefixes (`*.example.com`), meaning "the matched host".
    pub location: String,
    pub insecure: bool,
    pub blocked: bool,
    pub mirror_by_digest_only: bool,
    pub mirrors: Vec<Mirror>,
    /// The file the entry came from, for error messages.
    pub origin: PathBuf,
}

/// Where to fetch an image from: a reference on some registry, and whether TLS
/// verification is skipped (and plain HTTP allowed) for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub reference: ImageRef,
    pub insecure: bool,
}

/// One name an input may resolve to, with its endpoints in the order to try them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The name the image is stored under locally.
    pub reference: ImageRef,
    /// Mirrors first, then the primary location (after prefix rewriting).
    pub endpoints: Vec<Endpoint>,
}

/// The result of resolving a pull input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullResolution {
    pub candidates: Vec<Candidate>,
    /// What podman prints to stderr before pulling a short name, e.g.
    /// `Resolving "busybox" using unqualified-search registries (/etc/containers/registries.conf)`.
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Alias {
    /// `None` when a later file reset the alias with an empty value.
    value: Option<ImageRef>,
    origin: PathBuf,
}

/// The files that make up the configuration, in load order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigSources {
    pub main: PathBuf,
    /// True when the main file was named by CONTAINERS_REGISTRIES_CONF and must exist.
    pub main_required: bool,
    pub drop_in_dirs: Vec<PathBuf>,
    /// podman's machine-written alias cache; its aliases win over registries.conf ones.
    pub short_name_aliases: PathBuf,
}

impl ConfigSources {
    /// Computes the paths like containers/image does; checks only whether the per-user
    /// registries.conf exists.
    pub fn locate(env: &ConfigEnv) -> ConfigSources {
        let system_dir = env.system_path(SYSTEM_REGISTRIES_CONF_D);
        let user_file = env.home_path(USER_REGISTRIES_CONF);
        let user_dir = env.home_path(USER_REGISTRIES_CONF_D);
        let short_name_aliases = if env.uid == 0 {
            env.system_path(ROOT_SHORT_NAME_ALIASES)
        } else {
            env.cache_home().join(USER_SHORT_NAME_ALIASES)
        };
        if let Some(path) = &env.containers_registries_conf {
            return ConfigSources {
                main: path.clone(),
                main_required: true,
                drop_in_dirs: vec![system_dir, user_dir],
                short_name_aliases,
            };
        }
        if user_file.exists() {
            // With a per-user registries.conf the system drop-ins are not read at all.
            return ConfigSources {
                main: user_file,
                main_required: false,
                drop_in_dirs: vec![user_dir],
                short_name_aliases,
            };
        }
        ConfigSources {
            main: env.system_path(SYSTEM_REGISTRIES_CONF),
            main_required: false,
            drop_in_dirs: vec![system_dir, user_dir],
            short_name_aliases,
        }
    }

    fn describe(&self) -> String {
        let mut parts = vec![shown(&self.main)];
        parts.extend(self.drop_in_dirs.iter().map(|d| shown(d)));
        parts.join(", ")
    }
}

/// The merged registries configuration.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegistriesConf {
    /// Keyed by prefix, so iteration is in prefix order like containers/image.
    registries: BTreeMap<String, Registry>,
    search: Vec<String>,
    search_origin: Option<PathBuf>,
    short_name_mode: ShortNameMode,
    aliases: BTreeMap<String, Alias>,
    /// From the alias cache file; consulted before `aliases`.
    cached_aliases: BTreeMap<String, Alias>,
    /// Description of the files consulted, for messages when nothing was found.
    sources: String,
}

/// One registries.conf file after parsing and validation, before merging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFile {
    path: PathBuf,
    registries: Vec<Registry>,
    search: Option<Vec<String>>,
    short_name_mode: Option<ShortNameMode>,
    aliases: BTreeMap<String, Alias>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawFile {
    #[serde(default)]
    registry: Vec<RawRegistry>,
    unqualified_search_registries: Option<Vec<String>>,
    short_name_mode: Option<String>,
    #[serde(default)]
    aliases: BTreeMap<String, String>,
    /// Only present in the v1 format (`[registries.search]` and friends).
    registries: Option<toml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawRegistry {
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    insecure: bool,
    #[serde(default)]
    blocked: bool,
    #[serde(default)]
    mirror_by_digest_only: bool,
    #[serde(default)]
    mirror: Vec<RawMirror>,
    #[serde(default)]
    pull_from_mirror: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawMirror {
    #[serde(default)]
    location: String,
    #[serde(default)]
    insecure: bool,
    #[serde(default)]
    pull_from_mirror: String,
}

impl RegistriesConf {
    /// Loads registries.conf, its drop-ins and the short-name alias cache like podman.
    pub fn load(env: &ConfigEnv) -> Result<RegistriesConf, ConfigError> {
        let sources = ConfigSources::locate(env);
        let mut conf = RegistriesConf {
            sources: sources.describe(),
            ..RegistriesConf::default()
        };
        match read_optional(&sources.main)? {
            Some(text) => conf.merge(parse_file(&sources.main, &text)?),
            None if sources.main_required => {
                return Err(ConfigError::RegistriesConfMissing {
                    path: sources.main.clone(),
                });
            }
            None => {}
        }
        for path in drop_in_files(&sources.drop_in_dirs)? {
            // A file removed between listing and reading is an expected race.
            if let Some(text) = read_optional(&path)? {
                conf.merge(parse_file(&path, &text)?);
            }
        }
        if let Some(text) = read_optional(&sources.short_name_aliases)? {
            let cache = parse_file(&sources.short_name_aliases, &text)?;
            conf.cached_aliases = cache.aliases;
        }
        Ok(conf)
    }

    /// Builds a configuration from already parsed files, applied in order.
    pub fn from_files(files: impl IntoIterator<Item = ParsedFile>) -> RegistriesConf {
        let mut conf = RegistriesConf::default();
        for file in files {
            if conf.sources.is_empty() {
                conf.sources = shown(&file.path);
            }
            conf.merge(file);
        }
        conf
    }

    fn merge(&mut self, file: ParsedFile) {
        for registry in file.registries {
            self.registries.insert(registry.prefix.clone(), registry);
        }
        if let Some(search) = file.search {
            self.search = search;
            self.search_origin = Some(file.path.clone());
        } else if self.search_origin.is_none() {
            // podman names the first loaded file when no file sets the list.
            self.search_origin = Some(file.path.clone());
        }
        if let Some(mode) = file.short_name_mode {
            self.short_name_mode = mode;
        }
        self.aliases.extend(file.aliases);
    }

    pub fn search_registries(&self) -> &[String] {
        &self.search
    }

    /// All `[[registry]]` entries, in prefix order.
    pub fn registries(&self) -> impl Iterator<Item = &Registry> {
        self.registries.values()
    }

    /// The alias for a short name (as typed, without tag or digest) and where it is set.
    pub fn alias(&self, short_name: &str) -> Option<(&ImageRef, &Path)> {
        let alias = self
            .cached_aliases
            .get(short_name)
            .or_else(|| self.aliases.get(short_name))?;
        alias.value.as_ref().map(|v| (v, alias.origin.as_path()))
    }

    /// The `[[registry]]` entry with the longest prefix matching `name`
    /// (`host[:port]/path`, without tag or digest).
    pub fn find_registry(&self, name: &str) -> Option<&Registry> {
        let mut best: Option<&Registry> = None;
        for registry in self.registries.values() {
            if prefix_match_len(name, &registry.prefix).is_some()
                && best.is_none_or(|b| registry.prefix.len() > b.prefix.len())
            {
                best = Some(registry);
            }
        }
        best
    }

    /// Resolves `input` like podman pull: a fully-qualified name gives one candidate; a
    /// short name gives its alias, or one candidate per unqualified-search registry.
    pub fn resolve_pull(&self, input: &str) -> Result<PullResolution, ConfigError> {
        let parsed = ImageRef::parse(input)?;
        if !parsed.is_short_name() {
            let logical = strip_tag_if_digested(parsed);
            let endpoints = self.plan_endpoints(&logical)?;
            return Ok(PullResolution {
                candidates: vec![Candidate {
                    reference: logical,
                    endpoints,
                }],
                description: None,
            });
        }

        let raw = RawReference::split(input);
        // Like podman (and docker), the tag of name:tag@digest is ignored.
        let tag = raw.tag.filter(|_| raw.digest.is_none()).map(str::to_string);
        let digest = raw.digest.map(str::to_string);

        if let Some((alias, origin)) = self.alias(raw.name) {
            let mut logical = alias.clone();
            logical.set_tag_and_digest(tag, digest);
            let endpoints = self.plan_endpoints(&logical)?;
            return Ok(PullResolution {
                candidates: vec![Candidate {
                    reference: logical,
                    endpoints,
                }],
                description: Some(format!(
                    "Resolved {:?} as an alias ({})",
                    raw.name,
                    origin.display()
                )),
            });
        }

        if self.search.is_empty() {
            return Err(ConfigError::NoSearchRegistries {
                name: raw.name.to_string(),
                origin: self.search_origin_description(),
            });
        }
        let mut candidates = Vec::new();
        let mut first_blocked = None;
        for registry in &self.search {
            let mut logical = ImageRef::parse(&format!("{registry}/{}", raw.name))?;
            logical.set_tag_and_digest(tag.clone(), digest.clone());
            match self.plan_endpoints(&logical) {
                Ok(endpoints) => candidates.push(Candidate {
                    reference: logical,
                    endpoints,
                }),
                // podman fails only that candidate and goes on with the next one.
                Err(err @ ConfigError::RegistryBlocked { .. }) => {
                    tracing::debug!("skipping candidate {logical}: {err}");
                    first_blocked.get_or_insert(err);
                }
                Err(err) => return Err(err),
            }
        }
        if candidates.is_empty()
            && let Some(err) = first_blocked
        {
            return Err(err);
        }
        Ok(PullResolution {
            candidates,
            description: Some(format!(
                "Resolving {:?} using unqualified-search registries ({})",
                raw.name,
                self.search_origin_description()
            )),
        })
    }

    /// Names under which a short name may already be stored locally, in podman's order:
    /// the alias, `localhost/NAME`, then each unqualified-search registry.
    pub fn local_candidates(&self, input: &str) -> Result<Vec<ImageRef>, ConfigError> {
        let parsed = ImageRef::parse(input)?;
        if !parsed.is_short_name() {
            return Ok(vec![parsed]);
        }
        let raw = RawReference::split(input);
        let tag = raw.tag.map(str::to_string);
        let digest = raw.digest.map(str::to_string);
        let mut names = Vec::new();
        if let Some((alias, _)) = self.alias(raw.name) {
            let mut named = alias.clone();
            named.set_tag_and_digest(tag.clone(), digest.clone());
            names.push(named);
        }
        for registry in std::iter::once("localhost").chain(self.search.iter().map(String::as_str)) {
            let mut named = ImageRef::parse(&format!("{registry}/{}", raw.name))?;
            named.set_tag_and_digest(tag.clone(), digest.clone());
            if !names.contains(&named) {
                names.push(named);
            }
        }
        Ok(names)
    }

    /// The endpoint for pushing `reference`: never rewritten or mirrored, but blocked and
    /// insecure settings apply.
    pub fn push_endpoint(&self, reference: &ImageRef) -> Result<Endpoint, ConfigError> {
        let insecure = match self.find_registry(&reference.name()) {
            Some(registry) if registry.blocked => return Err(blocked(reference, registry)),
            Some(registry) => registry.insecure,
            None => false,
        };
        Ok(Endpoint {
            reference: reference.clone(),
            insecure,
        })
    }

    /// Whether TLS verification is skipped for a registry host (used by login/logout).
    pub fn is_insecure_host(&self, host: &str) -> bool {
        self.find_registry(host).is_some_and(|r| r.insecure)
    }

    fn search_origin_description(&self) -> String {
        match &self.search_origin {
            Some(path) => shown(path),
            None => format!("any registries.conf (none found among {})", self.sources),
        }
    }

    /// Mirrors (filtered by pull-from-mirror / mirror-by-digest-only) then the primary
    /// location, each rewritten from the matched prefix. Endpoints that land on a blocked
    /// registry are dropped, as containers/image refuses them when connecting.
    fn plan_endpoints(&self, logical: &ImageRef) -> Result<Vec<Endpoint>, ConfigError> {
        let Some(registry) = self.find_registry(&logical.name()) else {
            return Ok(vec![Endpoint {
                reference: logical.clone(),
                insecure: false,
            }]);
        };
        if registry.blocked {
            return Err(blocked(logical, registry));
        }
        let digested = logical.digest().is_some();
        let mirrors = registry.mirrors.iter().filter(|mirror| {
            if registry.mirror_by_digest_only {
                return digested;
            }
            match mirror.pull_from_mirror {
                PullFromMirror::All => true,
                PullFromMirror::DigestOnly => digested,
                PullFromMirror::TagOnly => !digested,
            }
        });
        let sources = mirrors
            .map(|m| (m.location.as_str(), m.insecure))
            .chain(std::iter::once((
                registry.location.as_str(),
                registry.insecure,
            )));

        let mut endpoints = Vec::new();
        let mut first_blocked = None;
        for (location, insecure) in sources {
            let reference = rewrite(logical, registry, location)?;
            if let Some(target) = self.find_registry(&reference.name())
                && target.blocked
            {
                first_blocked.get_or_insert_with(|| blocked(&reference, target));
                continue;
            }
            endpoints.push(Endpoint {
                reference,
                insecure,
            });
        }
        match first_blocked {
            Some(err) if endpoints.is_empty() => Err(err),
            _ => Ok(endpoints),
        }
    }
}

fn blocked(reference: &ImageRef, registry: &Registry) -> ConfigError {
    ConfigError::RegistryBlocked {
        reference: reference.to_string(),
        prefix: registry.prefix.clone(),
        origin: registry.origin.clone(),
    }
}

fn strip_tag_if_digested(reference: ImageRef) -> ImageRef {
    if reference.digest().is_some() {
        reference.without_tag()
    } else {
        reference
    }
}

/// Replaces the part of `logical` matched by the registry's prefix with `location`.
fn rewrite(
    logical: &ImageRef,
    registry: &Registry,
    location: &str,
) -> Result<ImageRef, ConfigError> {
    if location.is_empty() {
        return Ok(logical.clone());
    }
    let name = logical.name();
    let matched = prefix_match_len(&name, &registry.prefix).unwrap_or(name.len());
    let new_name = format!("{location}{}", &name[matched..]);
    let mut text = new_name.clone();
    if let Some(tag) = logical.tag() {
        text.push(':');
        text.push_str(tag);
    }
    if let Some(digest) = logical.digest() {
        text.push('@');
        text.push_str(digest);
    }
    let invalid = |reason: ReferenceError| {
        ConfigError::InvalidRewrite(Box::new(InvalidRewrite {
            reference: logical.to_string(),
            prefix: registry.prefix.clone(),
            origin: registry.origin.clone(),
            rewritten: text.clone(),
            reason,
        }))
    };
    let rewritten = match ImageRef::parse(&text) {
        Ok(r) => r,
        Err(ConfigError::InvalidReference { reason, .. }) => return Err(invalid(reason)),
        Err(other) => return Err(other),
    };
    if rewritten.is_short_name() {
        return Err(invalid(ReferenceError::NotFullyQualified));
    }
    if rewritten.name() != new_name {
        return Err(invalid(ReferenceError::NotCanonical(rewritten.to_string())));
    }
    Ok(rewritten)
}

/// How much of `name` a registry prefix matches, or None.
///
/// A plain prefix matches the whole name or a leading run of path components. A wildcard
/// `*.example.com` matches any host ending in `.example.com` (port allowed after it).
/// containers/image also lets `example.com` match `example.com:5000/...`, which it calls
/// unintended; burrow does not.
fn prefix_match_len(name: &str, prefix: &str) -> Option<usize> {
    if let Some(suffix) = prefix.strip_prefix('*').filter(|s| s.starts_with('.')) {
        let index = name.find(suffix)?;
        if name[..index].contains('/') {
            return None;
        }
        let end = index + suffix.len();
        return match name.as_bytes().get(end) {
            None | Some(b':' | b'/' | b'@') => Some(end),
            Some(_) => None,
        };
    }
    if name == prefix {
        return Some(prefix.len());
    }
    (name.starts_with(prefix) && name.as_bytes().get(prefix.len()) == Some(&b'/'))
        .then_some(prefix.len())
}

/// Reads a file, mapping "does not exist" to None.
fn read_optional(path: &Path) -> Result<Option<String>, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(ConfigError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// `*.conf` files of each directory (not recursing), lexically ordered per directory,
/// directories in the given order. Missing directories are skipped.
fn drop_in_files(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, ConfigError> {
    let mut files = Vec::new();
    for dir in dirs {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => {
                return Err(ConfigError::Read {
                    path: dir.clone(),
                    source,
                });
            }
        };
        let mut in_dir = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|source| ConfigError::Read {
                path: dir.clone(),
                source,
            })?;
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            let name = entry.file_name();
            if !is_dir && name.as_encoded_bytes().ends_with(b".conf") {
                in_dir.push(entry.path());
            }
        }
        in_dir.sort();
        files.extend(in_dir);
    }
    Ok(files)
}

/// Parses and validates one registries.conf (or drop-in, or alias cache) file.
pub fn parse_file(path: &Path, text: &str) -> Result<ParsedFile, ConfigError> {
    let raw: RawFile = toml::from_str(text).map_err(|err| {
        let (line, column) = err
            .span()
            .map(|span| line_column(text, span.start))
            .unwrap_or((1, 1));
        ConfigError::RegistriesToml {
            path: path.to_path_buf(),
            line,
            column,
            message: err.message().trim_end().to_string(),
        }
    })?;
    if raw.registries.is_some() {
        return Err(ConfigError::RegistriesV1 {
            path: path.to_path_buf(),
        });
    }
    let invalid = |reason: String| ConfigError::InvalidRegistriesConf {
        path: path.to_path_buf(),
        reason,
    };

    let mut registries: Vec<Registry> = Vec::new();
    for raw_registry in raw.registry {
        let registry = validate_registry(raw_registry, path).map_err(invalid)?;
        let key = |r: &Registry| {
            if r.location.is_empty() {
                r.prefix.clone()
            } else {
                r.location.clone()
            }
        };
        for other in registries.iter().filter(|o| key(o) == key(&registry)) {
            for (setting, conflict) in [
                ("insecure", other.insecure != registry.insecure),
                ("blocked", other.blocked != registry.blocked),
            ] {
                if conflict {
                    return Err(invalid(format!(
                        "registry {:?} is defined multiple times with conflicting {setting:?} settings; make the entries agree",
                        key(&registry)
                    )));
                }
            }
        }
        // The first entry for a prefix wins within a file.
        if !registries.iter().any(|o| o.prefix == registry.prefix) {
            registries.push(registry);
        }
    }

    let search = match raw.unqualified_search_registries {
        Some(list) => {
            let mut out = Vec::with_capacity(list.len());
            for entry in list {
                let host = parse_location(&entry).map_err(invalid)?;
                if host.is_empty() || host.contains('/') || check_domain(&host).is_err() {
                    return Err(invalid(format!(
                        "invalid unqualified-search-registries entry {entry:?}; use host[:port] such as docker.io"
                    )));
                }
                out.push(host);
            }
            Some(out)
        }
        None => None,
    };

    let short_name_mode = match raw.short_name_mode.as_deref() {
        None | Some("") => None,
        Some("disabled") => Some(ShortNameMode::Disabled),
        Some("permissive") => Some(ShortNameMode::Permissive),
        Some("enforcing") => Some(ShortNameMode::Enforcing),
        Some(other) => {
            return Err(invalid(format!(
                "invalid short-name-mode {other:?}; use enforcing, permissive or disabled"
            )));
        }
    };

    let mut aliases = BTreeMap::new();
    for (name, value) in raw.aliases {
        let value = validate_alias(&name, &value).map_err(invalid)?;
        aliases.insert(
            name,
            Alias {
                value,
                origin: path.to_path_buf(),
            },
        );
    }

    Ok(ParsedFile {
        path: path.to_path_buf(),
        registries,
        search,
        short_name_mode,
        aliases,
    })
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn parse_location(input: &str) -> Result<String, String> {
    let trimmed = input.trim_end_matches('/');
    if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
        return Err(format!(
            "invalid location {input:?}: URI schemes are not supported; remove the http:// or https:// part"
        ));
    }
    Ok(trimmed.to_string())
}

fn parse_pull_from_mirror(value: &str, mirror: &str) -> Result<PullFromMirror, String> {
    match value {
        "" | "all" => Ok(PullFromMirror::All),
        "digest-only" => Ok(PullFromMirror::DigestOnly),
        "tag-only" => Ok(PullFromMirror::TagOnly),
        other => Err(format!(
            "unsupported pull-from-mirror value {other:?} for mirror {mirror:?}; use all, digest-only or tag-only"
        )),
    }
}

fn validate_registry(raw: RawRegistry, origin: &Path) -> Result<Registry, String> {
    let location = parse_location(&raw.location)?;
    let prefix = if raw.prefix.is_empty() {
        if location.is_empty() {
            return Err(
                "a [[registry]] entry has neither prefix nor location; set location".to_string(),
            );
        }
        location.clone()
    } else {
        let prefix = parse_location(&raw.prefix)?;
        let wildcard = prefix.starts_with("*.");
        if !wildcard && location.is_empty() {
            return Err(format!(
                "the [[registry]] entry with prefix {prefix:?} has no location; set location, or use a wildcard prefix like *.example.com"
            ));
        }
        if wildcard && prefix.contains(['/', '@', ':']) {
            return Err(format!(
                "wildcard prefix {prefix:?} must have the form *.example.com, without path, port, tag or digest"
            ));
        }
        prefix
    };
    if !raw.pull_from_mirror.is_empty() {
        return Err(format!(
            "pull-from-mirror must not be set on the [[registry]] entry {prefix:?} itself; set it on its [[registry.mirror]] entries"
        ));
    }
    let mut mirrors = Vec::with_capacity(raw.mirror.len());
    for mirror in raw.mirror {
        let location = parse_location(&mirror.location)?;
        if location.is_empty() {
            return Err(format!(
                "a [[registry.mirror]] of the entry {prefix:?} has no location; set location"
            ));
        }
        if raw.mirror_by_digest_only && !mirror.pull_from_mirror.is_empty() {
            return Err(format!(
                "the entry {prefix:?} sets mirror-by-digest-only and its mirror {location:?} sets pull-from-mirror; use only one of them"
            ));
        }
        let pull_from_mirror = parse_pull_from_mirror(&mirror.pull_from_mirror, &location)?;
        mirrors.push(Mirror {
            location,
            insecure: mirror.insecure,
            pull_from_mirror,
        });
    }
    Ok(Registry {
        prefix,
        location,
        insecure: raw.insecure,
        blocked: raw.blocked,
        mirror_by_digest_only: raw.mirror_by_digest_only,
        mirrors,
        origin: origin.to_path_buf(),
    })
}

/// Checks an alias: the name is a short name without tag or digest; the value is empty
/// (reset) or a fully-qualified name without tag or digest.
fn validate_alias(name: &str, value: &str) -> Result<Option<ImageRef>, String> {
    let bad_name = |reason: ReferenceError| format!("invalid short-name alias {name:?}: {reason}");
    let raw = RawReference::split(name);
    if raw.digest.is_some() {
        return Err(bad_name(ReferenceError::HasDigest));
    }
    if raw.tag.is_some() {
        return Err(bad_name(ReferenceError::HasTag));
    }
    if raw.typed_domain().is_some() {
        return Err(bad_name(ReferenceError::NotShortName));
    }
    if let Err(ConfigError::InvalidReference { reason, .. }) = ImageRef::parse(name) {
        return Err(bad_name(reason));
    }
    if value.is_empty() {
        return Ok(None);
    }
    let bad_value = |reason: ReferenceError| {
        format!("invalid value {value:?} of short-name alias {name:?}: {reason}")
    };
    let raw = RawReference::split(value);
    if raw.digest.is_some() {
        return Err(bad_value(ReferenceError::HasDigest));
    }
    if raw.tag.is_some() {
        return Err(bad_value(ReferenceError::HasTag));
    }
    match ImageRef::parse(value) {
        Ok(parsed) if parsed.is_short_name() => Err(bad_value(ReferenceError::NotFullyQualified)),
        Ok(parsed) => Ok(Some(parsed)),
        Err(ConfigError::InvalidReference { reason, .. }) => Err(bad_value(reason)),
        Err(other) => Err(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIGEST: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn conf(text: &str) -> RegistriesConf {
        let path = Path::new("/etc/containers/registries.conf");
        RegistriesConf::from_files([parse_file(path, text).unwrap_or_else(|e| panic!("{e}"))])
    }

    fn parse_err(text: &str) -> ConfigError {
        parse_file(Path::new("/r.conf"), text).expect_err("config should be rejected")
    }

    /// (logical, [(endpoint, insecure)]) for each candidate.
    fn plan(conf: &RegistriesConf, input: &str) -> Vec<(String, Vec<(String, bool)>)> {
        conf.resolve_pull(input)
            .map(|r| r.candidates)
            .unwrap_or_else(|e| panic!("{input}: {e}"))
            .into_iter()
            .map(|c| {
                (
                    c.reference.to_string(),
                    c.endpoints
                        .into_iter()
                        .map(|e| (e.reference.to_string(), e.insecure))
                        .collect(),
                )
            })
            .collect()
    }

    fn direct(name: &str) -> (String, Vec<(String, bool)>) {
        (name.to_string(), vec![(name.to_string(), false)])
    }

    #[test]
    fn qualified_name_without_config_is_one_direct_candidate() {
        let c = conf("");
        assert_eq!(plan(&c, "quay.io/a/b:1"), vec![direct("quay.io/a/b:1")]);
        assert_eq!(
            plan(&c, "127.0.0.1:5000/busybox"),
            vec![direct("127.0.0.1:5000/busybox:latest")]
        );
        let resolution = c.resolve_pull("quay.io/a/b").unwrap();
        assert_eq!(resolution.description, None);
    }

    #[test]
    fn short_name_expands_over_search_registries_in_order() {
        let c = conf(r#"unqualified-search-registries = ["quay.io", "docker.io"]"#);
        assert_eq!(
            plan(&c, "busybox"),
            vec![
                direct("quay.io/busybox:latest"),
                direct("docker.io/library/busybox:latest")
            ]
        );
        assert_eq!(
            plan(&c, "library/busybox:1.36"),
            vec![
                direct("quay.io/library/busybox:1.36"),
                direct("docker.io/library/busybox:1.36")
            ]
        );
        let d = format!("busybox@{DIGEST}");
        assert_eq!(
            plan(&c, &d)[1],
            direct(&format!("docker.io/library/busybox@{DIGEST}"))
        );
        // The tag of name:tag@digest is dropped, like podman.
        assert_eq!(
            plan(&c, &format!("busybox:1@{DIGEST}"))[1],
            direct(&format!("docker.io/library/busybox@{DIGEST}"))
        );
        assert_eq!(
            c.resolve_pull("busybox:1").unwrap().description.as_deref(),
            Some(
                "Resolving \"busybox\" using unqualified-search registries (/etc/containers/registries.conf)"
            )
        );
    }

    #[test]
    fn qualified_tag_and_digest_keeps_only_the_digest() {
        let c = conf("");
        assert_eq!(
            plan(&c, &format!("quay.io/a/b:1@{DIGEST}")),
            vec![direct(&format!("quay.io/a/b@{DIGEST}"))]
        );
    }

    #[test]
    fn short_name_without_search_registries_is_an_error() {
        let c = conf("");
        let err = c.resolve_pull("busybox").map(|r| r.candidates).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, ConfigError::NoSearchRegistries { .. }));
        assert!(msg.contains("docker.io/library/busybox"), "{msg}");
        assert!(msg.contains("unqualified-search-registries"), "{msg}");
        assert!(msg.contains("/etc/containers/registries.conf"), "{msg}");
        // An explicitly empty list in a later file also clears the list.
        let c = RegistriesConf::from_files([
            parse_file(
                Path::new("/a"),
                r#"unqualified-search-registries = ["docker.io"]"#,
            )
            .unwrap(),
            parse_file(Path::new("/b"), "unqualified-search-registries = []").unwrap(),
        ]);
        match c.resolve_pull("busybox").map(|r| r.candidates).unwrap_err() {
            ConfigError::NoSearchRegistries { origin, .. } => assert_eq!(origin, "/b"),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn alias_wins_over_search_registries() {
        let c = conf(
            r#"
unqualified-search-registries = ["docker.io"]
[aliases]
"fedora" = "registry.fedoraproject.org/fedora"
"opensuse/leap" = "registry.opensuse.org/opensuse/leap"
"alpine" = "docker.io/alpine"
"#,
        );
        assert_eq!(
            plan(&c, "fedora:40"),
            vec![direct("registry.fedoraproject.org/fedora:40")]
        );
        assert_eq!(
            plan(&c, "opensuse/leap"),
            vec![direct("registry.opensuse.org/opensuse/leap:latest")]
        );
        // Alias values are normalized.
        assert_eq!(
            plan(&c, "alpine"),
            vec![direct("docker.io/library/alpine:latest")]
        );
        assert_eq!(
            c.resolve_pull("fedora").unwrap().description.as_deref(),
            Some("Resolved \"fedora\" as an alias (/etc/containers/registries.conf)")
        );
        // A qualified name is never aliased.
        assert_eq!(
            plan(&c, "quay.io/fedora"),
            vec![direct("quay.io/fedora:latest")]
        );
    }

    #[test]
    fn invalid_aliases_are_rejected() {
        for (text, needle) in [
            (
                r#"[aliases]
"quay.io/x" = "quay.io/x""#,
                "short name",
            ),
            (
                r#"[aliases]
"x:1" = "quay.io/x""#,
                "tag",
            ),
            (
                r#"[aliases]
"x" = "x""#,
                "fully-qualified",
            ),
            (
                r#"[aliases]
"x" = "quay.io/x:1""#,
                "tag",
            ),
            (
                r#"[aliases]
"x" = "quay.io/X""#,
                "lowercase",
            ),
        ] {
            let msg = parse_err(text).to_string();
            assert!(msg.contains(needle), "{text}: {msg}");
            assert!(msg.contains("/r.conf"), "{msg}");
        }
    }

    #[test]
    fn mirrors_come_first_then_primary() {
        let c = conf(
            r#"
[[registry]]
location = "docker.io"
[[registry.mirror]]
location = "mirror-a.example.com"
[[registry.mirror]]
location = "mirror-b.example.com:5000/hub"
insecure = true
"#,
        );
        assert_eq!(
            plan(&c, "docker.io/library/busybox"),
            vec![(
                "docker.io/library/busybox:latest".to_string(),
                vec![
                    (
                        "mirror-a.example.com/library/busybox:latest".to_string(),
                        false
                    ),
                    (
                        "mirror-b.example.com:5000/hub/library/busybox:latest".to_string(),
                        true
                    ),
                    ("docker.io/library/busybox:latest".to_string(), false),
                ]
            )]
        );
    }

    #[test]
    fn mirror_usage_restrictions() {
        let c = conf(
            r#"
[[registry]]
location = "quay.io"
[[registry.mirror]]
location = "digests.example.com"
pull-from-mirror = "digest-only"
[[registry.mirror]]
location = "tags.example.com"
pull-from-mirror = "tag-only"

[[registry]]
location = "ghcr.io"
mirror-by-digest-only = true
[[registry.mirror]]
location = "m.example.com"
"#,
        );
        let hosts = |input: &str| -> Vec<String> {
            c.resolve_pull(input).map(|r| r.candidates).unwrap()[0]
                .endpoints
                .iter()
                .map(|e| e.reference.domain().to_string())
                .collect()
        };
        assert_eq!(hosts("quay.io/a:1"), ["tags.example.com", "quay.io"]);
        assert_eq!(
            hosts(&format!("quay.io/a@{DIGEST}")),
            ["digests.example.com", "quay.io"]
        );
        assert_eq!(hosts("ghcr.io/a:1"), ["ghcr.io"]);
        assert_eq!(
            hosts(&format!("ghcr.io/a@{DIGEST}")),
            ["m.example.com", "ghcr.io"]
        );
        assert!(
            parse_err(
                r#"
[[registry]]
location = "ghcr.io"
mirror-by-digest-only = true
[[registry.mirror]]
location = "m.example.com"
pull-from-mirror = "all"
"#
            )
            .to_string()
            .contains("mirror-by-digest-only")
        );
        assert!(
            parse_err(
                r#"
[[registry]]
location = "ghcr.io"
pull-from-mirror = "all"
"#
            )
            .to_string()
            .contains("pull-from-mirror")
        );
        assert!(
            parse_err(
                r#"
[[registry]]
location = "ghcr.io"
[[registry.mirror]]
location = "m.example.com"
pull-from-mirror = "sometimes"
"#
            )
            .to_string()
            .contains("sometimes")
        );
    }

    #[test]
    fn prefix_rewriting() {
        let c = conf(
            r#"
[[registry]]
prefix = "example.com/foo"
location = "internal.example.com/bar"
"#,
        );
        assert_eq!(
            plan(&c, "example.com/foo/myimage:1"),
            vec![(
                "example.com/foo/myimage:1".to_string(),
                vec![("internal.example.com/bar/myimage:1".to_string(), false)]
            )]
        );
        // The prefix matches the repository itself too.
        assert_eq!(
            plan(&c, "example.com/foo")[0].1[0].0,
            "internal.example.com/bar:latest"
        );
        // Only whole path components match.
        assert_eq!(
            plan(&c, "example.com/foobar/x"),
            vec![direct("example.com/foobar/x:latest")]
        );
        assert_eq!(
            plan(&c, "example.com/x"),
            vec![direct("example.com/x:latest")]
        );
    }

    #[test]
    fn longest_prefix_wins() {
        let c = conf(
            r#"
[[registry]]
location = "example.com"
insecure = true

[[registry]]
prefix = "example.com/team"
location = "team-mirror.example.com"
"#,
        );
        assert_eq!(
            plan(&c, "example.com/team/app"),
            vec![(
                "example.com/team/app:latest".to_string(),
                vec![("team-mirror.example.com/app:latest".to_string(), false)]
            )]
        );
        assert_eq!(
            plan(&c, "example.com/other/app"),
            vec![(
                "example.com/other/app:latest".to_string(),
                vec![("example.com/other/app:latest".to_string(), true)]
            )]
        );
        assert_eq!(
            c.find_registry("example.com").unwrap().prefix,
            "example.com"
        );
        // A different port is a different registry.
        assert!(c.find_registry("example.com:5000/x").is_none());
    }

    #[test]
    fn wildcard_prefixes() {
        let c = conf(
            r#"
[[registry]]
prefix = "*.example.com"
insecure = true

[[registry]]
prefix = "*.corp.example.com"
location = "proxy.internal"

[[registry]]
location = "exact.example.com"
"#,
        );
        assert_eq!(
            plan(&c, "a.example.com/x"),
            vec![(
                "a.example.com/x:latest".to_string(),
                vec![("a.example.com/x:latest".to_string(), true)]
            )]
        );
        assert_eq!(
            plan(&c, "a.b.example.com:5000/x")[0].1,
            vec![("a.b.example.com:5000/x:latest".to_string(), true)]
        );
        // Longer wildcard wins, and a location rewrites the matched host.
        assert_eq!(
            plan(&c, "git.corp.example.com/team/x")[0].1,
            vec![("proxy.internal/team/x:latest".to_string(), false)]
        );
        // An exact entry longer than the wildcard wins.
        assert_eq!(
            plan(&c, "exact.example.com/x")[0].1,
            vec![("exact.example.com/x:latest".to_string(), false)]
        );
        // The bare domain and look-alikes do not match.
        assert!(c.find_registry("example.com/x").is_none());
        assert!(c.find_registry("a.example.com.evil.org/x").is_none());
        assert!(c.find_registry("quay.io/a.example.com/x").is_none());

        for bad in ["*.example.com/ns", "*.example.com:5000"] {
            let text = format!("[[registry]]\nprefix = \"{bad}\"\n");
            assert!(parse_err(&text).to_string().contains("wildcard"), "{bad}");
        }
    }

    #[test]
    fn blocked_registry_is_an_error_naming_the_entry() {
        let c = conf(
            r#"
unqualified-search-registries = ["blocked.example.com", "docker.io"]
[[registry]]
prefix = "blocked.example.com"
location = "blocked.example.com"
blocked = true
"#,
        );
        let err = c
            .resolve_pull("blocked.example.com/a/b")
            .map(|r| r.candidates)
            .unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, ConfigError::RegistryBlocked { .. }));
        assert!(msg.contains("blocked.example.com/a/b:latest"), "{msg}");
        assert!(msg.contains("prefix \"blocked.example.com\""), "{msg}");
        assert!(msg.contains("/etc/containers/registries.conf"), "{msg}");
        // Short names skip blocked candidates and keep the rest.
        assert_eq!(
            plan(&c, "busybox"),
            vec![direct("docker.io/library/busybox:latest")]
        );
        assert!(
            c.push_endpoint(&ImageRef::parse("blocked.example.com/x").unwrap())
                .is_err()
        );

        let only_blocked = conf(
            r#"
unqualified-search-registries = ["blocked.example.com"]
[[registry]]
location = "blocked.example.com"
blocked = true
"#,
        );
        assert!(matches!(
            only_blocked.resolve_pull("busybox").map(|r| r.candidates),
            Err(ConfigError::RegistryBlocked { .. })
        ));
    }

    #[test]
    fn mirror_on_a_blocked_registry_is_skipped() {
        let c = conf(
            r#"
[[registry]]
location = "quay.io"
[[registry.mirror]]
location = "bad.example.com"

[[registry]]
location = "bad.example.com"
blocked = true
"#,
        );
        assert_eq!(plan(&c, "quay.io/a"), vec![direct("quay.io/a:latest")]);
    }

    #[test]
    fn insecure_flags() {
        let c = conf(
            r#"
[[registry]]
location = "localhost:5000"
insecure = true
"#,
        );
        assert_eq!(
            plan(&c, "localhost:5000/busybox"),
            vec![(
                "localhost:5000/busybox:latest".to_string(),
                vec![("localhost:5000/busybox:latest".to_string(), true)]
            )]
        );
        assert!(c.is_insecure_host("localhost:5000"));
        assert!(!c.is_insecure_host("localhost"));
        assert!(
            c.push_endpoint(&ImageRef::parse("localhost:5000/x").unwrap())
                .unwrap()
                .insecure
        );
        assert!(
            !c.push_endpoint(&ImageRef::parse("quay.io/x").unwrap())
                .unwrap()
                .insecure
        );
    }

    #[test]
    fn conflicting_duplicate_entries_are_rejected() {
        let msg = parse_err(
            r#"
[[registry]]
location = "quay.io"
insecure = true
[[registry]]
prefix = "quay.io/ns"
location = "quay.io"
"#,
        )
        .to_string();
        assert!(msg.contains("conflicting \"insecure\""), "{msg}");
        // Same prefix twice in one file: the first entry wins.
        let c = conf(
            r#"
[[registry]]
location = "quay.io"
[[registry.mirror]]
location = "first.example.com"
[[registry]]
location = "quay.io"
[[registry.mirror]]
location = "second.example.com"
"#,
        );
        assert_eq!(
            c.find_registry("quay.io").unwrap().mirrors[0].location,
            "first.example.com"
        );
    }

    #[test]
    fn invalid_rewrite_names_the_entry() {
        let c = conf(
            r#"
[[registry]]
prefix = "example.com/foo"
location = "mirror"
"#,
        );
        let msg = c
            .resolve_pull("example.com/foo/x")
            .map(|r| r.candidates)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("prefix \"example.com/foo\""), "{msg}");
        assert!(msg.contains("mirror/x:latest"), "{msg}");
    }

    #[test]
    fn location_validation() {
        let msg = parse_err("[[registry]]\nlocation = \"https://quay.io\"\n").to_string();
        assert!(msg.contains("URI schemes"), "{msg}");
        assert!(
            parse_err("[[registry]]\ninsecure = true\n")
                .to_string()
                .contains("neither prefix nor location")
        );
        assert!(
            parse_err("[[registry]]\nprefix = \"quay.io\"\n")
                .to_string()
                .contains("no location")
        );
        assert!(
            parse_err(
                "[[registry]]\nlocation = \"quay.io\"\n[[registry.mirror]]\ninsecure = true\n"
            )
            .to_string()
            .contains("no location")
        );
        let c = conf("[[registry]]\nlocation = \"quay.io/\"\n");
        assert_eq!(c.find_registry("quay.io/x").unwrap().location, "quay.io");
        assert!(
            parse_err(r#"unqualified-search-registries = ["quay.io/ns"]"#)
                .to_string()
                .contains("unqualified-search-registries entry")
        );
        assert!(
            parse_err(r#"short-name-mode = "loud""#)
                .to_string()
                .contains("short-name-mode")
        );
    }

    #[test]
    fn short_name_mode_is_parsed_and_overridden() {
        assert_eq!(conf("").short_name_mode, ShortNameMode::Permissive);
        let c = RegistriesConf::from_files([
            parse_file(Path::new("/a"), r#"short-name-mode = "enforcing""#).unwrap(),
            parse_file(Path::new("/b"), "").unwrap(),
        ]);
        assert_eq!(c.short_name_mode, ShortNameMode::Enforcing);
        let c = RegistriesConf::from_files([
            parse_file(Path::new("/a"), r#"short-name-mode = "enforcing""#).unwrap(),
            parse_file(Path::new("/b"), r#"short-name-mode = "disabled""#).unwrap(),
        ]);
        assert_eq!(c.short_name_mode, ShortNameMode::Disabled);
    }

    #[test]
    fn v1_format_is_rejected_with_file_name() {
        let err = parse_err("[registries.search]\nregistries = [\"docker.io\"]\n");
        assert!(matches!(err, ConfigError::RegistriesV1 { .. }));
        let msg = err.to_string();
        assert!(msg.contains("/r.conf"), "{msg}");
        assert!(msg.contains("convert it to v2"), "{msg}");
    }

    #[test]
    fn toml_errors_carry_line_and_column() {
        let err = parse_err("# comment\nunqualified-search-registries = [\"docker.io\"\n");
        match &err {
            ConfigError::RegistriesToml { path, line, .. } => {
                assert_eq!(path, Path::new("/r.conf"));
                assert_eq!(*line, 2);
            }
            other => panic!("{other}"),
        }
        let err = parse_err("[[registry]]\nlocation = \"quay.io\"\ninsecure = \"yes\"\n");
        match &err {
            ConfigError::RegistriesToml { line, column, .. } => {
                assert_eq!((*line, *column), (3, 12));
            }
            other => panic!("{other}"),
        }
        assert!(
            err.to_string()
                .starts_with("invalid TOML in /r.conf at line 3, column 12: ")
        );
    }

    #[test]
    fn local_candidates_follow_podman_order() {
        let c = conf(
            r#"
unqualified-search-registries = ["quay.io", "docker.io"]
[aliases]
"fedora" = "registry.fedoraproject.org/fedora"
"#,
        );
        let names = |input: &str| -> Vec<String> {
            c.local_candidates(input)
                .unwrap()
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        assert_eq!(
            names("busybox"),
            [
                "localhost/busybox:latest",
                "quay.io/busybox:latest",
                "docker.io/library/busybox:latest"
            ]
        );
        assert_eq!(
            names("fedora:40")[0],
            "registry.fedoraproject.org/fedora:40"
        );
        assert_eq!(names("quay.io/x"), ["quay.io/x:latest"]);
    }

    #[test]
    fn prefix_matching_rules() {
        assert_eq!(
            prefix_match_len("example.com/foo/x", "example.com/foo"),
            Some(15)
        );
        assert_eq!(
            prefix_match_len("example.com/foo", "example.com/foo"),
            Some(15)
        );
        assert_eq!(
            prefix_match_len("example.com/foox", "example.com/foo"),
            None
        );
        assert_eq!(prefix_match_len("example.com", "example.com/foo"), None);
        assert_eq!(
            prefix_match_len("a.example.com/x", "*.example.com"),
            Some(13)
        );
        assert_eq!(prefix_match_len("a.example.com", "*.example.com"), Some(13));
        assert_eq!(
            prefix_match_len("a.example.community/x", "*.example.com"),
            None
        );
    }

    mod files {
        use super::*;
        use std::fs;

        struct Fixture {
            _dir: tempfile::TempDir,
            env: ConfigEnv,
        }

        impl Fixture {
            fn new() -> Fixture {
                let dir = tempfile::tempdir().unwrap();
                let home = dir.path().join("home");
                let root = dir.path().join("root");
                fs::create_dir_all(&home).unwrap();
                fs::create_dir_all(&root).unwrap();
                let env = ConfigEnv::with_home(home, 1000, root);
                Fixture { _dir: dir, env }
            }

            fn write(&self, path: &Path, text: &str) {
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(path, text).unwrap();
            }

            fn system(&self, rel: &str, text: &str) -> PathBuf {
                let path = self.env.system_path(rel);
                self.write(&path, text);
                path
            }

            fn home(&self, rel: &str, text: &str) -> PathBuf {
                let path = self.env.home.join(rel);
                self.write(&path, text);
                path
            }
        }

        #[test]
        fn nothing_configured_loads_empty() {
            let f = Fixture::new();
            let c = RegistriesConf::load(&f.env).unwrap();
            assert!(c.search_registries().is_empty());
            assert_eq!(c.registries().count(), 0);
            let msg = c
                .resolve_pull("busybox")
                .map(|r| r.candidates)
                .unwrap_err()
                .to_string();
            assert!(msg.contains("etc/containers/registries.conf"), "{msg}");
        }

        #[test]
        fn drop_ins_override_in_order() {
            let f = Fixture::new();
            f.system(
                "/etc/containers/registries.conf",
                r#"
unqualified-search-registries = ["registry.fedoraproject.org", "docker.io"]
[[registry]]
location = "docker.io"
[[registry.mirror]]
location = "system-mirror.example.com"
[[registry]]
location = "quay.io"
insecure = true
[aliases]
"a" = "quay.io/system/a"
"b" = "quay.io/system/b"
"c" = "quay.io/system/c"
"#,
            );
            f.system(
                "/etc/containers/registries.conf.d/10-first.conf",
                r#"
unqualified-search-registries = ["quay.io"]
[aliases]
"a" = "quay.io/first/a"
"#,
            );
            f.system(
                "/etc/containers/registries.conf.d/20-second.conf",
                r#"
[[registry]]
location = "docker.io"
[[registry.mirror]]
location = "dropin-mirror.example.com"
[aliases]
"b" = "quay.io/second/b"
"c" = ""
"#,
            );
            // Not a .conf file: ignored.
            f.system(
                "/etc/containers/registries.conf.d/30-x.conf.bak",
                "garbage = [",
            );
            f.home(
                ".config/containers/registries.conf.d/00-user.conf",
                r#"
unqualified-search-registries = ["docker.io"]
[aliases]
"a" = "quay.io/user/a"
"#,
            );
            let c = RegistriesConf::load(&f.env).unwrap();
            // The user drop-in directory comes after the system one despite its name.
            assert_eq!(c.search_registries(), ["docker.io"]);
            assert_eq!(c.alias("a").unwrap().0.name(), "quay.io/user/a");
            assert_eq!(c.alias("b").unwrap().0.name(), "quay.io/second/b");
            // Reset by an empty value, so search registries apply.
            assert!(c.alias("c").is_none());
            let docker = c.find_registry("docker.io").unwrap();
            assert_eq!(docker.mirrors.len(), 1);
            assert_eq!(docker.mirrors[0].location, "dropin-mirror.example.com");
            assert!(docker.origin.ends_with("20-second.conf"));
            // Entries with other prefixes survive.
            assert!(c.find_registry("quay.io").unwrap().insecure);
            assert_eq!(
                plan(&c, "c"),
                vec![(
                    "docker.io/library/c:latest".to_string(),
                    vec![
                        (
                            "dropin-mirror.example.com/library/c:latest".to_string(),
                            false
                        ),
                        ("docker.io/library/c:latest".to_string(), false)
                    ]
                )]
            );
        }

        #[test]
        fn user_registries_conf_replaces_system_files_and_drop_ins() {
            let f = Fixture::new();
            f.system(
                "/etc/containers/registries.conf",
                r#"unqualified-search-registries = ["system.example.com"]"#,
            );
            f.system(
                "/etc/containers/registries.conf.d/50.conf",
                r#"unqualified-search-registries = ["system-dropin.example.com"]"#,
            );
            let user = f.home(
                ".config/containers/registries.conf",
                r#"unqualified-search-registries = ["user.example.com"]"#,
            );
            let sources = ConfigSources::locate(&f.env);
            assert_eq!(sources.main, user);
            assert_eq!(
                sources.drop_in_dirs,
                [f.env.home.join(".config/containers/registries.conf.d")]
            );
            let c = RegistriesConf::load(&f.env).unwrap();
            assert_eq!(c.search_registries(), ["user.example.com"]);
        }

        #[test]
        fn containers_registries_conf_overrides_main_file() {
            let mut f = Fixture::new();
            f.system(
                "/etc/containers/registries.conf",
                r#"unqualified-search-registries = ["system.example.com"]"#,
            );
            f.home(
                ".config/containers/registries.conf",
                r#"unqualified-search-registries = ["user.example.com"]"#,
            );
            let custom = f.home(
                "custom.conf",
                r#"unqualified-search-registries = ["custom.example.com"]"#,
            );
            f.system(
                "/etc/containers/registries.conf.d/50.conf",
                "[aliases]\n\"x\" = \"quay.io/x\"\n",
            );
            f.env.containers_registries_conf = Some(custom.clone());
            let sources = ConfigSources::locate(&f.env);
            assert_eq!(sources.main, custom);
            assert_eq!(
                sources.drop_in_dirs,
                [
                    f.env.system_path("/etc/containers/registries.conf.d"),
                    f.env.home.join(".config/containers/registries.conf.d")
                ]
            );
            let c = RegistriesConf::load(&f.env).unwrap();
            assert_eq!(c.search_registries(), ["custom.example.com"]);
            // podman still reads the drop-in directories.
            assert!(c.alias("x").is_some());

            f.env.containers_registries_conf = Some(f.env.home.join("missing.conf"));
            let err = RegistriesConf::load(&f.env).unwrap_err();
            assert!(matches!(err, ConfigError::RegistriesConfMissing { .. }));
            assert!(err.to_string().contains("missing.conf"));
        }

        #[test]
        fn bad_drop_in_is_reported_with_its_path() {
            let f = Fixture::new();
            let bad = f.system(
                "/etc/containers/registries.conf.d/99-bad.conf",
                "[registries.block]\nregistries = []\n",
            );
            match RegistriesConf::load(&f.env).unwrap_err() {
                ConfigError::RegistriesV1 { path } => assert_eq!(path, bad),
                other => panic!("{other}"),
            }
        }

        #[test]
        fn alias_cache_file_wins() {
            let f = Fixture::new();
            f.system(
                "/etc/containers/registries.conf",
                "[aliases]\n\"tool\" = \"quay.io/conf/tool\"\n",
            );
            let cache = f.home(
                ".cache/containers/short-name-aliases.conf",
                "[aliases]\n\"tool\" = \"quay.io/cache/tool\"\n",
            );
            let c = RegistriesConf::load(&f.env).unwrap();
            let (value, origin) = c.alias("tool").unwrap();
            assert_eq!(value.name(), "quay.io/cache/tool");
            assert_eq!(origin, cache);

            let mut root_env = f.env.clone();
            root_env.uid = 0;
            assert_eq!(
                ConfigSources::locate(&root_env).short_name_aliases,
                f.env
                    .system_path("/var/cache/containers/short-name-aliases.conf")
            );
        }

        #[test]
        fn loads_containers_common_style_alias_drop_in() {
            // Layout of the shortnames.conf that distributions ship in registries.conf.d.
            let f = Fixture::new();
            f.system(
                "/etc/containers/registries.conf.d/000-shortnames.conf",
                r#"[aliases]
  # almalinux
  "almalinux" = "docker.io/library/almalinux"
  # containers
  "podman" = "quay.io/podman/stable"
  # openSUSE
  "opensuse/leap" = "registry.opensuse.org/opensuse/leap"
"#,
            );
            let c = RegistriesConf::load(&f.env).unwrap();
            assert_eq!(
                plan(&c, "podman:v5"),
                vec![direct("quay.io/podman/stable:v5")]
            );
            assert_eq!(
                plan(&c, "almalinux"),
                vec![direct("docker.io/library/almalinux:latest")]
            );
            let description = c
                .resolve_pull("opensuse/leap")
                .unwrap()
                .description
                .unwrap();
            assert!(
                description.starts_with("Resolved \"opensuse/leap\" as an alias ("),
                "{description}"
            );
            assert!(
                description.ends_with("000-shortnames.conf)"),
                "{description}"
            );
        }
    }
}
