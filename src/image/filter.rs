//! `images --filter` and the positional name pattern, as podman reads them (pure).

use chrono::{DateTime, Utc};

use super::{LookupError, split_name};
use crate::store::ImageRecord;

#[derive(Debug, thiserror::Error)]
pub enum FilterError {
    #[error("invalid image filter {0:?}: use KEY=VALUE, e.g. dangling=true or reference=busybox")]
    Syntax(String),
    #[error("invalid image filter {0:?}: dangling takes true or false")]
    Dangling(String),
    #[error(
        "invalid image filter {filter:?}: unknown key {key:?}; burrow knows dangling, reference, label, before, since and after"
    )]
    UnknownKey { filter: String, key: String },
    #[error("could not find local image for filter filter {key:?}={value:?}: {source}")]
    UnknownImage {
        key: String,
        value: String,
        source: Box<LookupError>,
    },
}

#[derive(Debug, Default)]
pub struct ImageFilter {
    dangling: Option<bool>,
    references: Vec<String>,
    labels: Vec<(String, Option<String>)>,
    before: Option<DateTime<Utc>>,
    since: Option<DateTime<Utc>>,
}

/// When an image was made, or pulled if its config does not say.
fn created(image: &ImageRecord) -> DateTime<Utc> {
    image.created.unwrap_or(image.pulled)
}

impl ImageFilter {
    /// Parses `--filter` values; `pattern` is the positional `images PATTERN`. `before`,
    /// `since` and `after` name images, which `find` looks up.
    pub fn parse<'a>(
        filters: &[String],
        pattern: Option<&str>,
        find: impl Fn(&str) -> Result<&'a ImageRecord, LookupError>,
    ) -> Result<ImageFilter, FilterError> {
        let mut f = ImageFilter {
            references: pattern.iter().map(|p| p.to_string()).collect(),
            ..ImageFilter::default()
        };
        let created_of = |key: &str, value: &str| {
            find(value)
                .map(created)
                .map_err(|source| FilterError::UnknownImage {
                    key: key.to_string(),
                    value: value.to_string(),
                    source: Box::new(source),
                })
        };
        for filter in filters {
            let (key, value) = filter
                .split_once('=')
                .ok_or_else(|| FilterError::Syntax(filter.clone()))?;
            match key {
                "dangling" => {
                    f.dangling = Some(match value {
                        "true" | "1" => true,
                        "false" | "0" => false,
                        _ => return Err(FilterError::Dangling(filter.clone())),
                    })
                }
                "reference" => f.references.push(value.to_string()),
                "label" => f.labels.push(match value.split_once('=') {
                    Some((k, v)) => (k.to_string(), Some(v.to_string())),
                    None => (value.to_string(), None),
                }),
                "before" => f.before = Some(created_of(key, value)?),
                // podman takes `after` as another spelling of `since`.
                "since" | "after" => f.since = Some(created_of(key, value)?),
                _ => {
                    return Err(FilterError::UnknownKey {
                        filter: filter.clone(),
                        key: key.to_string(),
                    });
                }
            }
        }
        Ok(f)
    }

    /// Whether `matches` needs the image's labels (they cost a config read per image).
    pub fn needs_labels(&self) -> bool {
        !self.labels.is_empty()
    }

    pub fn matches(&self, image: &ImageRecord, labels: &serde_json::Value) -> bool {
        let created = created(image);
        self.dangling.is_none_or(|d| d == image.names.is_empty())
            && self.before.is_none_or(|b| created < b)
            && self.since.is_none_or(|s| created > s)
            && self
                .references
                .iter()
                .all(|p| image.names.iter().any(|n| reference_matches(p, n)))
            && self.labels.iter().all(|(k, v)| match (labels.get(k), v) {
                (Some(have), Some(want)) => have.as_str() == Some(want.as_str()),
                (Some(_), None) => true,
                (None, _) => false,
            })
    }
}

/// Shell-style matching with `*` and `?`, as podman's reference filter uses path.Match.
fn wildcard(pattern: &str, text: &str) -> bool {
    fn go(p: &[u8], t: &[u8]) -> bool {
        match (p.first(), t.first()) {
            (None, None) => true,
            (Some(b'*'), _) => go(&p[1..], t) || (!t.is_empty() && t[0] != b'/' && go(p, &t[1..])),
            (Some(b'?'), Some(&c)) if c != b'/' => go(&p[1..], &t[1..]),
            (Some(a), Some(b)) if a == b => go(&p[1..], &t[1..]),
            _ => false,
        }
    }
    go(pattern.as_bytes(), text.as_bytes())
}

/// Whether a stored name matches a reference filter: the whole name, or its trailing path
/// components (so `busybox` and `busy*` match `docker.io/library/busybox:latest`).
fn reference_matches(pattern: &str, name: &str) -> bool {
    let (repo, tag, _) = split_name(name);
    let with_tag = pattern
        .rfind('/')
        .map_or(pattern, |i| &pattern[i..])
        .contains(':');
    let subject = match (with_tag, tag) {
        (true, Some(tag)) => format!("{repo}:{tag}"),
        _ => repo.to_string(),
    };
    let parts: Vec<&str> = subject.split('/').collect();
    (0..parts.len()).any(|i| wildcard(pattern, &parts[i..].join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_filter_matches_trailing_components_and_wildcards() {
        let name = "docker.io/library/busybox:latest";
        assert!(reference_matches("busybox", name));
        assert!(reference_matches("busy*", name));
        assert!(reference_matches("library/busybox", name));
        assert!(reference_matches("busybox:latest", name));
        assert!(reference_matches("docker.io/library/busybox:lat*", name));
        assert!(!reference_matches("busybox:1.0", name));
        assert!(!reference_matches("usybox", name));
        assert!(!reference_matches("*box/x", name));
    }

    #[test]
    fn after_is_since_and_before_the_other_way() {
        let image = |id: &str, secs: i64| ImageRecord {
            id: id.into(),
            created: DateTime::from_timestamp(secs, 0),
            ..ImageRecord::default()
        };
        let images = [image("old", 1), image("mid", 2), image("new", 3)];
        let kept = |filter: &str| -> Vec<&str> {
            let f = ImageFilter::parse(&[filter.to_string()], None, |name| {
                images
                    .iter()
                    .find(|i| i.id == name)
                    .ok_or_else(|| LookupError::NotKnown(name.to_string()))
            })
            .unwrap();
            let none = serde_json::json!({});
            images
                .iter()
                .filter(|i| f.matches(i, &none))
                .map(|i| i.id.as_str())
                .collect()
        };
        assert_eq!(kept("after=mid"), ["new"]);
        assert_eq!(kept("since=mid"), ["new"]);
        assert_eq!(kept("before=mid"), ["old"]);
    }

    #[test]
    fn bad_filters_say_what_is_wrong() {
        let parse = |f: &str| {
            ImageFilter::parse(&[f.to_string()], None, |name| {
                Err(LookupError::NotKnown(name.to_string()))
            })
            .map(|_| ())
            .map_err(|e| e.to_string())
        };
        assert_eq!(
            parse("dangling"),
            Err(FilterError::Syntax("dangling".into()).to_string())
        );
        assert_eq!(
            parse("dangling=maybe"),
            Err(FilterError::Dangling("dangling=maybe".into()).to_string())
        );
        assert!(
            parse("color=blue")
                .unwrap_err()
                .contains("unknown key \"color\"")
        );
        assert_eq!(
            parse("after=nosuch"),
            Err(
                "could not find local image for filter filter \"after\"=\"nosuch\": nosuch: image not known"
                    .into()
            )
        );
        assert!(parse("label=a=b").is_ok());
    }
}
