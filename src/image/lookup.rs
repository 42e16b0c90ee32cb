//! Finding a stored image by what a user typed, in the order of containers/common libimage's
//! `LookupImage`: an ID given as `sha256:ID` or in full; the names a short name may be stored
//! under (alias, `localhost/`, each unqualified-search registry, then docker.io as podman does
//! for compatibility); an ID prefix; and last, for short names, any stored `REPO:TAG` whose
//! repository ends in `/NAME` (so `busybox` finds `127.0.0.1:5000/busybox:latest`).

use crate::config::reference::RawReference;
use crate::config::{ConfigEnv, ConfigError, ImageRef, RegistriesConf};
use crate::store::ImageRecord;

use super::split_name;

#[derive(Debug, thiserror::Error)]
pub enum LookupError {
    #[error("{0}: image not known")]
    NotKnown(String),
    #[error("{0}: invalid format: no 64-byte hexadecimal value")]
    NotAnId(String),
    #[error(transparent)]
    Config(#[from] ConfigError),
}

impl LookupError {
    pub fn is_not_known(&self) -> bool {
        matches!(self, LookupError::NotKnown(_))
    }
}

/// A stored image and how the input named it.
#[derive(Debug, Clone, Copy)]
pub struct Found<'a> {
    pub image: &'a ImageRecord,
    /// The stored name the input resolved to (`None` for an ID or ID prefix); `rmi` untags it
    /// rather than deleting an image that has other names.
    pub name: Option<&'a str>,
}

/// The stored image `input` refers to, with registries.conf read from `env` only when a name
/// has to be resolved.
pub fn lookup<'a>(
    images: &'a [ImageRecord],
    env: &ConfigEnv,
    input: &str,
) -> Result<Found<'a>, LookupError> {
    lookup_with(images, || RegistriesConf::load(env), input)
}

fn lookup_with<'a>(
    images: &'a [ImageRecord],
    registries: impl FnOnce() -> Result<RegistriesConf, ConfigError>,
    input: &str,
) -> Result<Found<'a>, LookupError> {
    let not_known = || LookupError::NotKnown(input.to_string());
    let by_id = |hex: &str| {
        images
            .iter()
            .find(|i| i.id == hex)
            .map(|image| Found { image, name: None })
            .ok_or_else(not_known)
    };
    if let Some(hex) = input.strip_prefix("sha256:") {
        if !is_full_id(hex) {
            return Err(LookupError::NotAnId(input.to_string()));
        }
        return by_id(hex);
    }
    if is_full_id(input) {
        return by_id(input);
    }
    // Docker's rule: in `name:tag@digest` the digest alone counts.
    let raw = RawReference::split(input);
    let name = match (raw.tag, raw.digest) {
        (Some(_), Some(digest)) => format!("{}@{digest}", raw.name),
        _ => input.to_string(),
    };
    let Ok(reference) = ImageRef::parse(&name) else {
        return Err(not_known());
    };
    let mut candidates = registries()?.local_candidates(&name)?;
    if !candidates.contains(&reference) {
        candidates.push(reference.clone());
    }
    if let Some(found) = candidates.iter().find_map(|c| by_name(images, c)) {
        return Ok(found);
    }
    if let Some(image) = by_id_prefix(images, &name) {
        return Ok(Found { image, name: None });
    }
    if reference.is_short_name() {
        let raw = RawReference::split(&name);
        if let Some(found) = by_repository_suffix(images, raw.name, raw.tag, raw.digest) {
            return Ok(found);
        }
    }
    Err(not_known())
}

fn is_full_id(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// An image stored under exactly `candidate`, or, for `repo@digest`, one of `repo` known by
/// that manifest digest (an image pulled by tag has no `repo@digest` name).
fn by_name<'a>(images: &'a [ImageRecord], candidate: &ImageRef) -> Option<Found<'a>> {
    let text = candidate.to_string();
    let named = images.iter().find_map(|image| {
        let name = image.names.iter().find(|n| **n == text)?;
        Some(Found {
            image,
            name: Some(name.as_str()),
        })
    });
    if named.is_some() {
        return named;
    }
    let digest = candidate.digest()?;
    let repository = candidate.name();
    images
        .iter()
        .filter(|i| i.digests.iter().any(|d| d == digest))
        .find_map(|image| {
            let name = image.names.iter().find(|n| split_name(n).0 == repository);
            (name.is_some() || image.repositories.contains(&repository)).then_some(Found {
                image,
                name: name.map(String::as_str),
            })
        })
}

/// The one image whose ID starts with `prefix`; an ambiguous prefix names none.
fn by_id_prefix<'a>(images: &'a [ImageRecord], prefix: &str) -> Option<&'a ImageRecord> {
    if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut matching = images.iter().filter(|i| i.id.starts_with(prefix));
    match (matching.next(), matching.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// libimage's last resort for short names: a stored `REPO:TAG` whose repository is `repo` or
/// ends in `/repo`, with the same tag (any tag when a digest is given, which the image must
/// then be known by). Among several, the most recently pulled image wins.
fn by_repository_suffix<'a>(
    images: &'a [ImageRecord],
    repo: &str,
    tag: Option<&str>,
    digest: Option<&str>,
) -> Option<Found<'a>> {
    let tag = tag.unwrap_or(crate::config::reference::DEFAULT_TAG);
    let suffix = format!("/{repo}");
    let mut newest_first: Vec<&ImageRecord> = images.iter().collect();
    newest_first.sort_by_key(|i| std::cmp::Reverse(i.pulled));
    newest_first.into_iter().find_map(|image| {
        if digest.is_some_and(|d| !image.digests.iter().any(|have| have == d)) {
            return None;
        }
        let name = image.names.iter().find(|n| {
            let (stored_repo, stored_tag, stored_digest) = split_name(n);
            stored_digest.is_none()
                && stored_tag.is_some()
                && (digest.is_some() || stored_tag == Some(tag))
                && (stored_repo == repo || stored_repo.ends_with(&suffix))
        })?;
        Some(Found {
            image,
            name: Some(name.as_str()),
        })
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use chrono::DateTime;

    use super::*;
    use crate::config::registries::parse_file;

    fn image(id: &str, names: &[&str], pulled_secs: i64) -> ImageRecord {
        ImageRecord {
            id: format!("{id:0<64}"),
            names: names.iter().map(|s| s.to_string()).collect(),
            digest: format!("sha256:{:f<64}", id),
            digests: vec![format!("sha256:{:f<64}", id)],
            repositories: names.iter().map(|n| split_name(n).0.to_string()).collect(),
            pulled: DateTime::from_timestamp(pulled_secs, 0).unwrap(),
            ..ImageRecord::default()
        }
    }

    const ONLY_BY_DIGEST: &str =
        "quay.io/x/only@sha256:1111111111111111111111111111111111111111111111111111111111111111";

    fn conf(text: &str) -> RegistriesConf {
        let path = Path::new("/etc/containers/registries.conf");
        RegistriesConf::from_files([parse_file(path, text).unwrap()])
    }

    fn images() -> Vec<ImageRecord> {
        vec![
            image("aaa111", &["docker.io/library/busybox:latest"], 1),
            image(
                "aab222",
                &["127.0.0.1:5000/busybox:latest", "localhost/mine:v1"],
                2,
            ),
            image("ccc333", &["127.0.0.1:5000/many/img0:latest"], 3),
            image("ddd444", &[ONLY_BY_DIGEST], 4),
        ]
    }

    /// The ID (first 6 digits) `input` finds, with search registries `search`, or the error.
    fn find(search: &str, input: &str) -> Result<String, String> {
        let images = images();
        let text = format!("unqualified-search-registries = [{search}]\n");
        lookup_with(&images, || Ok(conf(&text)), input)
            .map(|f| f.image.id[..6].to_string())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn finds_ids_and_refuses_short_sha256_ones() {
        let full = format!("{:0<64}", "ccc333");
        assert_eq!(find("", &full).as_deref(), Ok("ccc333"));
        assert_eq!(find("", &format!("sha256:{full}")).as_deref(), Ok("ccc333"));
        assert_eq!(find("", "ccc").as_deref(), Ok("ccc333"));
        assert_eq!(
            find("", "sha256:ccc"),
            Err("sha256:ccc: invalid format: no 64-byte hexadecimal value".into())
        );
        // An ambiguous prefix names no image.
        assert_eq!(find("", "aa"), Err("aa: image not known".into()));
    }

    #[test]
    fn normalises_docker_io_names_whatever_the_search_registries() {
        for input in [
            "docker.io/busybox",
            "docker.io/library/busybox",
            "docker.io/library/busybox:latest",
            "index.docker.io/busybox",
        ] {
            assert_eq!(
                find("\"quay.io\"", input).as_deref(),
                Ok("aaa111"),
                "{input}"
            );
        }
        // docker.io comes after localhost/ and the search registries.
        assert_eq!(
            find("\"quay.io\"", "library/busybox").as_deref(),
            Ok("aaa111")
        );
        assert_eq!(
            find("\"127.0.0.1:5000\"", "busybox").as_deref(),
            Ok("aab222")
        );
        assert_eq!(find("", "busybox").as_deref(), Ok("aaa111"));
    }

    #[test]
    fn finds_local_names_and_repository_suffixes() {
        assert_eq!(find("", "localhost/mine:v1").as_deref(), Ok("aab222"));
        assert_eq!(find("", "mine:v1").as_deref(), Ok("aab222"));
        assert_eq!(find("", "mine"), Err("mine: image not known".into()));
        assert_eq!(find("", "img0").as_deref(), Ok("ccc333"));
        assert_eq!(find("", "many/img0:latest").as_deref(), Ok("ccc333"));
        assert!(find("", "usybox:latest").is_err());
        // A fully-qualified name is never matched by suffix.
        assert_eq!(
            find("", "example.com/busybox"),
            Err("example.com/busybox: image not known".into())
        );
    }

    #[test]
    fn finds_by_digest_with_or_without_a_tag() {
        let digest = format!("sha256:{:f<64}", "aab222");
        for input in [
            format!("127.0.0.1:5000/busybox@{digest}"),
            format!("127.0.0.1:5000/busybox:latest@{digest}"),
            format!("127.0.0.1:5000/busybox:nosuchtag@{digest}"),
            format!("busybox@{digest}"),
            format!("busybox:1.0@{digest}"),
        ] {
            assert_eq!(find("", &input).as_deref(), Ok("aab222"), "{input}");
        }
        assert!(find("", &format!("other@{digest}")).is_err());
        assert!(find("", &format!("quay.io/busybox@{digest}")).is_err());
        assert_eq!(find("", ONLY_BY_DIGEST).as_deref(), Ok("ddd444"));
    }

    #[test]
    fn tells_a_name_from_an_id() {
        let images = images();
        let name = |input: &str| {
            lookup_with(&images, || Ok(conf("")), input)
                .unwrap()
                .name
                .map(str::to_string)
        };
        assert_eq!(name("aab2"), None);
        assert_eq!(name("mine:v1").as_deref(), Some("localhost/mine:v1"));
        assert_eq!(
            name("busybox").as_deref(),
            Some("docker.io/library/busybox:latest")
        );
        assert_eq!(
            name("img0").as_deref(),
            Some("127.0.0.1:5000/many/img0:latest")
        );
    }
}
