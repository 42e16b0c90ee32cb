//! Image references as users type them (`busybox`, `quay.io/a/b:1@sha256:...`).
//!
//! The grammar is the one of distribution/reference, which podman and docker share:
//! the first path component is a registry host only if it contains `.` or `:` or is
//! `localhost`; names on docker.io without a namespace get `library/`.

use std::fmt;

use super::error::{ConfigError, ReferenceError};

pub const DOCKER_HUB: &str = "docker.io";
pub const DEFAULT_TAG: &str = "latest";

/// distribution/reference's NameTotalLengthMax, applied like it to the normalized name
/// (`docker.io/library/busybox`), so that the string form of every parsed reference
/// parses again.
const NAME_TOTAL_LENGTH_MAX: usize = 255;
const TAG_LENGTH_MAX: usize = 128;

/// A normalized image reference: registry, repository path, tag and/or digest.
///
/// Equality ignores whether the registry was typed or filled in, so `busybox` and
/// `docker.io/library/busybox:latest` compare equal.
#[derive(Debug, Clone)]
pub struct ImageRef {
    domain: String,
    repository: String,
    tag: Option<String>,
    digest: Option<String>,
    short_name: bool,
}

impl PartialEq for ImageRef {
    fn eq(&self, other: &Self) -> bool {
        self.domain == other.domain
            && self.repository == other.repository
            && self.tag == other.tag
            && self.digest == other.digest
    }
}

impl Eq for ImageRef {}

impl std::hash::Hash for ImageRef {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.domain.hash(state);
        self.repository.hash(state);
        self.tag.hash(state);
        self.digest.hash(state);
    }
}

/// The pieces of a reference string before validation: `name[:tag][@digest]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawReference<'a> {
    pub name: &'a str,
    pub tag: Option<&'a str>,
    pub digest: Option<&'a str>,
}

impl<'a> RawReference<'a> {
    /// Splits without validating. A `:` is a tag separator only after the last `/`, so
    /// `localhost:5000/foo` has no tag.
    pub fn split(input: &'a str) -> RawReference<'a> {
        let (rest, digest) = match input.split_once('@') {
            Some((rest, digest)) => (rest, Some(digest)),
            None => (input, None),
        };
        let last_slash = rest.rfind('/');
        let (name, tag) = match rest.rfind(':') {
            Some(colon) if last_slash.is_none_or(|slash| colon > slash) => {
                (&rest[..colon], Some(&rest[colon + 1..]))
            }
            _ => (rest, None),
        };
        RawReference { name, tag, digest }
    }

    /// The registry part of `name` if the user typed one (docker's rule).
    pub fn typed_domain(&self) -> Option<&'a str> {
        let (first, _) = self.name.split_once('/')?;
        (first.contains('.') || first.contains(':') || first == "localhost").then_some(first)
    }
}

impl ImageRef {
    /// Parses what a user typed, filling in docker.io, `library/` and `latest` like podman.
    pub fn parse(input: &str) -> Result<ImageRef, ConfigError> {
        parse_reference(input).map_err(|reason| ConfigError::InvalidReference {
            input: input.to_string(),
            reason,
        })
    }

    /// Builds a reference from parts that are validated (and normalized) like parsed ones.
    /// The domain must be recognisable as one (contain `.` or `:`, or be `localhost`).
    pub fn from_parts(
        domain: &str,
        repository: &str,
        tag: Option<&str>,
        digest: Option<&str>,
    ) -> Result<ImageRef, ConfigError> {
        let mut text = format!("{domain}/{repository}");
        if let Some(tag) = tag {
            text.push(':');
            text.push_str(tag);
        }
        if let Some(digest) = digest {
            text.push('@');
            text.push_str(digest);
        }
        let parsed = ImageRef::parse(&text)?;
        if parsed.is_short_name() {
            return Err(ConfigError::InvalidReference {
                input: text,
                reason: ReferenceError::NotFullyQualified,
            });
        }
        Ok(parsed)
    }

    /// The registry host[:port], e.g. `docker.io` or `127.0.0.1:5000`.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The repository path inside the registry, e.g. `library/busybox`.
    pub fn repository(&self) -> &str {
        &self.repository
    }

    pub fn tag(&self) -> Option<&str> {
        self.tag.as_deref()
    }

    /// `algorithm:hex`, e.g. `sha256:...`.
    pub fn digest(&self) -> Option<&str> {
        self.digest.as_deref()
    }

    /// `domain/repository`, without tag or digest.
    pub fn name(&self) -> String {
        format!("{}/{}", self.domain, self.repository)
    }

    /// True if the user gave no registry, so short-name resolution applies.
    pub fn is_short_name(&self) -> bool {
        self.short_name
    }

    /// The same reference with a different tag (or none).
    pub fn with_tag(&self, tag: Option<&str>) -> Result<ImageRef, ConfigError> {
        let mut copy = self.clone();
        if let Some(tag) = tag {
            check_tag(tag).map_err(|reason| ConfigError::InvalidReference {
                input: format!("{}:{tag}", self.name()),
                reason,
            })?;
        }
        copy.tag = tag.map(str::to_string);
        Ok(copy)
    }

    /// The same reference without its tag; podman ignores the tag of `name:tag@digest`.
    pub fn without_tag(&self) -> ImageRef {
        let mut copy = self.clone();
        copy.tag = None;
        copy
    }

    pub(crate) fn set_tag_and_digest(&mut self, tag: Option<String>, digest: Option<String>) {
        self.tag = tag;
        self.digest = digest;
        if self.tag.is_none() && self.digest.is_none() {
            self.tag = Some(DEFAULT_TAG.to_string());
        }
    }
}

impl fmt::Display for ImageRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.domain, self.repository)?;
        if let Some(tag) = &self.tag {
            write!(f, ":{tag}")?;
        }
        if let Some(digest) = &self.digest {
            write!(f, "@{digest}")?;
        }
        Ok(())
    }
}

impl std::str::FromStr for ImageRef {
    type Err = ConfigError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ImageRef::parse(s)
    }
}

fn parse_reference(input: &str) -> Result<ImageRef, ReferenceError> {
    if input.is_empty() {
        return Err(ReferenceError::Empty);
    }
    if input.len() == 64 && input.bytes().all(is_lower_hex) {
        return Err(ReferenceError::HexIdentifier);
    }
    let raw = RawReference::split(input);
    let typed_domain = raw.typed_domain();
    let (domain, path) = match typed_domain {
        Some(domain) => (domain, &raw.name[domain.len() + 1..]),
        None => (DOCKER_HUB, raw.name),
    };
    check_domain(domain)?;
    check_path(path)?;
    if let Some(tag) = raw.tag {
        check_tag(tag)?;
    }
    if let Some(digest) = raw.digest {
        check_digest(digest)?;
    }

    let domain = if domain == "index.docker.io" {
        DOCKER_HUB
    } else {
        domain
    };
    let repository = if domain == DOCKER_HUB && !path.contains('/') {
        format!("library/{path}")
    } else {
        path.to_string()
    };
    if domain.len() + 1 + repository.len() > NAME_TOTAL_LENGTH_MAX {
        return Err(ReferenceError::NameTooLong);
    }
    let mut reference = ImageRef {
        domain: domain.to_string(),
        repository,
        tag: None,
        digest: None,
        short_name: typed_domain.is_none(),
    };
    reference.set_tag_and_digest(raw.tag.map(str::to_string), raw.digest.map(str::to_string));
    Ok(reference)
}

fn is_lower_hex(b: u8) -> bool {
    b.is_ascii_digit() || (b'a'..=b'f').contains(&b)
}

/// host[:port] where host is a DNS name, IPv4 address or bracketed IPv6 address.
pub(crate) fn check_domain(domain: &str) -> Result<(), ReferenceError> {
    let invalid = || ReferenceError::InvalidDomain(domain.to_string());
    let (host, port) = if let Some(rest) = domain.strip_prefix('[') {
        let (v6, after) = rest.split_once(']').ok_or_else(invalid)?;
        if v6.is_empty() || !v6.bytes().all(|b| b.is_ascii_hexdigit() || b == b':') {
            return Err(invalid());
        }
        match after {
            "" => (None, None),
            _ => (None, Some(after.strip_prefix(':').ok_or_else(invalid)?)),
        }
    } else {
        match domain.split_once(':') {
            Some((host, port)) => (Some(host), Some(port)),
            None => (Some(domain), None),
        }
    };
    if let Some(host) = host {
        let valid_label = |label: &str| {
            let bytes = label.as_bytes();
            !bytes.is_empty()
                && bytes
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
                && bytes[0] != b'-'
                && bytes[bytes.len() - 1] != b'-'
        };
        if !host.split('.').all(valid_label) {
            return Err(invalid());
        }
    }
    if let Some(port) = port
        && (port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(invalid());
    }
    Ok(())
}

/// Path components: `[a-z0-9]+` joined by `.`, `_`, `__` or runs of `-`.
fn check_path(path: &str) -> Result<(), ReferenceError> {
    for component in path.split('/') {
        if !is_path_component(component) {
            if is_path_component(&component.to_ascii_lowercase()) {
                return Err(ReferenceError::Uppercase);
            }
            return Err(ReferenceError::InvalidPathComponent(component.to_string()));
        }
    }
    Ok(())
}

fn is_path_component(component: &str) -> bool {
    let bytes = component.as_bytes();
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let mut i = 0;
    loop {
        let start = i;
        while i < bytes.len() && alnum(bytes[i]) {
            i += 1;
        }
        if i == start {
            return false;
        }
        if i == bytes.len() {
            return true;
        }
        let sep_start = i;
        match bytes[i] {
            b'.' => i += 1,
            b'_' => {
                i += 1;
                if i < bytes.len() && bytes[i] == b'_' {
                    i += 1;
                }
            }
            b'-' => {
                while i < bytes.len() && bytes[i] == b'-' {
                    i += 1;
                }
            }
            _ => return false,
        }
        debug_assert!(i > sep_start);
    }
}

fn check_tag(tag: &str) -> Result<(), ReferenceError> {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = tag.as_bytes();
    let valid = !bytes.is_empty()
        && bytes.len() <= TAG_LENGTH_MAX
        && word(bytes[0])
        && bytes.iter().all(|&b| word(b) || b == b'.' || b == b'-');
    if valid {
        Ok(())
    } else {
        Err(ReferenceError::InvalidTag(tag.to_string()))
    }
}

/// `algorithm:hex`, where only the algorithms go-digest registers are accepted.
fn check_digest(digest: &str) -> Result<(), ReferenceError> {
    let invalid = || ReferenceError::InvalidDigest(digest.to_string());
    let (algorithm, hex) = digest.split_once(':').ok_or_else(invalid)?;
    let algorithm_syntax_ok = !algorithm.is_empty()
        && algorithm
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'_' | b'-'));
    if !algorithm_syntax_ok {
        return Err(invalid());
    }
    let expected_len = match algorithm {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => {
            return Err(ReferenceError::UnsupportedDigestAlgorithm(
                algorithm.to_string(),
            ));
        }
    };
    if hex.len() != expected_len || !hex.bytes().all(is_lower_hex) {
        return Err(invalid());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn parse(s: &str) -> ImageRef {
        ImageRef::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn reason(s: &str) -> ReferenceError {
        match ImageRef::parse(s) {
            Err(ConfigError::InvalidReference { input, reason }) => {
                assert_eq!(input, s);
                reason
            }
            other => panic!("{s}: expected invalid reference, got {other:?}"),
        }
    }

    #[test]
    fn short_names_are_normalized_to_docker_hub() {
        let r = parse("busybox");
        assert_eq!(r.domain(), "docker.io");
        assert_eq!(r.repository(), "library/busybox");
        assert_eq!(r.tag(), Some("latest"));
        assert_eq!(r.digest(), None);
        assert!(r.is_short_name());
        assert_eq!(r.to_string(), "docker.io/library/busybox:latest");

        let r = parse("library/busybox:1.36");
        assert_eq!(r.to_string(), "docker.io/library/busybox:1.36");
        assert!(r.is_short_name());

        let r = parse("someone/tool");
        assert_eq!(r.to_string(), "docker.io/someone/tool:latest");
        assert!(r.is_short_name());
    }

    #[test]
    fn qualified_names_keep_their_registry() {
        let r = parse("docker.io/library/busybox");
        assert_eq!(r.to_string(), "docker.io/library/busybox:latest");
        assert!(!r.is_short_name());
        assert_eq!(r, parse("busybox"));

        assert_eq!(
            parse("docker.io/busybox").to_string(),
            "docker.io/library/busybox:latest"
        );
        assert_eq!(
            parse("index.docker.io/busybox").to_string(),
            "docker.io/library/busybox:latest"
        );

        let r = parse("127.0.0.1:5000/busybox:latest");
        assert_eq!(r.domain(), "127.0.0.1:5000");
        assert_eq!(r.repository(), "busybox");
        assert_eq!(r.to_string(), "127.0.0.1:5000/busybox:latest");
        assert!(!r.is_short_name());

        let r = parse("localhost/foo");
        assert_eq!(r.domain(), "localhost");
        assert_eq!(r.to_string(), "localhost/foo:latest");
        assert!(!r.is_short_name());

        let r = parse("localhost:5000/a/b/c:v1");
        assert_eq!(r.domain(), "localhost:5000");
        assert_eq!(r.repository(), "a/b/c");
        assert_eq!(r.tag(), Some("v1"));

        let r = parse("[::1]:5000/foo:1");
        assert_eq!(r.domain(), "[::1]:5000");
        assert_eq!(r.to_string(), "[::1]:5000/foo:1");

        // Upper case is allowed in host names, only the path must be lower case.
        assert_eq!(parse("Quay.IO/a/b").domain(), "Quay.IO");
    }

    #[test]
    fn digests_and_tags() {
        let digest = format!("sha256:{HEX}");
        let r = parse(&format!("quay.io/a/b@{digest}"));
        assert_eq!(r.domain(), "quay.io");
        assert_eq!(r.repository(), "a/b");
        assert_eq!(r.tag(), None);
        assert_eq!(r.digest(), Some(digest.as_str()));
        assert_eq!(r.to_string(), format!("quay.io/a/b@{digest}"));

        let r = parse(&format!("name:tag@{digest}"));
        assert_eq!(r.tag(), Some("tag"));
        assert_eq!(r.digest(), Some(digest.as_str()));
        assert_eq!(
            r.to_string(),
            format!("docker.io/library/name:tag@{digest}")
        );
        assert_eq!(
            r.without_tag().to_string(),
            format!("docker.io/library/name@{digest}")
        );

        let long_tag = "a".repeat(128);
        assert_eq!(
            parse(&format!("x:{long_tag}")).tag(),
            Some(long_tag.as_str())
        );
        assert_eq!(parse("x:_A.b-1").tag(), Some("_A.b-1"));
        let sha512 = "f".repeat(128);
        assert!(ImageRef::parse(&format!("x@sha512:{sha512}")).is_ok());
    }

    #[test]
    fn separators_follow_the_distribution_grammar() {
        for ok in [
            "a.b",
            "a_b",
            "a__b",
            "a-b",
            "a---b",
            "a1/b2/c3",
            "x.y_z__w-v",
        ] {
            assert!(ImageRef::parse(ok).is_ok(), "{ok} should be valid");
        }
        for bad in [
            "a..b", "a___b", "_a", "a_", "a-", "-a", ".a", "a/", "/a", "a//b", "a_.b",
        ] {
            assert!(
                matches!(reason(bad), ReferenceError::InvalidPathComponent(_)),
                "{bad} should have an invalid path component"
            );
        }
    }

    #[test]
    fn invalid_reference_classes() {
        assert_eq!(reason(""), ReferenceError::Empty);
        assert_eq!(reason("Foo:bar"), ReferenceError::Uppercase);
        assert_eq!(reason("quay.io/Org/app"), ReferenceError::Uppercase);
        assert_eq!(reason(HEX), ReferenceError::HexIdentifier);
        assert_eq!(
            reason(&format!("a/{}", "b".repeat(254))),
            ReferenceError::NameTooLong
        );
        assert_eq!(
            reason("busybox:-x"),
            ReferenceError::InvalidTag("-x".to_string())
        );
        assert_eq!(
            reason(&format!("x:{}", "a".repeat(129))),
            ReferenceError::InvalidTag("a".repeat(129))
        );
        assert_eq!(reason("x:"), ReferenceError::InvalidTag(String::new()));
        assert_eq!(
            reason("docker.io/library/busybox@sha256:abc"),
            ReferenceError::InvalidDigest("sha256:abc".to_string())
        );
        assert_eq!(
            reason(&format!("x@sha256:{}", HEX.to_uppercase())),
            ReferenceError::InvalidDigest(format!("sha256:{}", HEX.to_uppercase()))
        );
        assert_eq!(
            reason("x@sha256"),
            ReferenceError::InvalidDigest("sha256".to_string())
        );
        assert_eq!(
            reason("busybox@md5:0123456789abcdef0123456789abcdef"),
            ReferenceError::UnsupportedDigestAlgorithm("md5".to_string())
        );
        assert_eq!(
            reason("exa_mple.com/foo"),
            ReferenceError::InvalidDomain("exa_mple.com".to_string())
        );
        assert_eq!(
            reason("example.com:port/foo"),
            ReferenceError::InvalidDomain("example.com:port".to_string())
        );
        assert_eq!(
            reason("-bad.com/foo"),
            ReferenceError::InvalidDomain("-bad.com".to_string())
        );
        assert!(matches!(
            reason("a b"),
            ReferenceError::InvalidPathComponent(_)
        ));
    }

    #[test]
    fn name_length_limit_applies_to_the_normalized_name() {
        // Found by the fuzz target `reference` (input: "a" × 240): accepted, but its
        // string form docker.io/library/aaa…:latest was then refused as too long.
        let normalized_prefix = "docker.io/library/".len();
        assert_eq!(reason(&"a".repeat(240)), ReferenceError::NameTooLong);
        let longest = parse(&"a".repeat(255 - normalized_prefix));
        assert_eq!(longest.name().len(), 255);
        assert_eq!(parse(&longest.to_string()), longest);
        assert_eq!(
            reason(&"a".repeat(256 - normalized_prefix)),
            ReferenceError::NameTooLong
        );
        // index.docker.io/ is normalized to the shorter docker.io/ before the check.
        let path = format!("a/{}", "b".repeat(255 - "docker.io/a/".len()));
        let r = parse(&format!("index.docker.io/{path}"));
        assert_eq!(r.name(), format!("docker.io/{path}"));
    }

    #[test]
    fn error_message_names_input_and_reason() {
        let err = ImageRef::parse("Foo:bar").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid reference \"Foo:bar\": repository name must be lowercase"
        );
    }

    #[test]
    fn raw_split_keeps_port_out_of_tag() {
        assert_eq!(
            RawReference::split("localhost:5000/foo"),
            RawReference {
                name: "localhost:5000/foo",
                tag: None,
                digest: None
            }
        );
        assert_eq!(
            RawReference::split("localhost:5000/foo:1@sha256:x"),
            RawReference {
                name: "localhost:5000/foo",
                tag: Some("1"),
                digest: Some("sha256:x")
            }
        );
        assert_eq!(RawReference::split("busybox").typed_domain(), None);
        assert_eq!(RawReference::split("library/busybox").typed_domain(), None);
        assert_eq!(
            RawReference::split("localhost/busybox").typed_domain(),
            Some("localhost")
        );
        assert_eq!(
            RawReference::split("registry:5000/busybox").typed_domain(),
            Some("registry:5000")
        );
    }

    #[test]
    fn from_parts_and_with_tag() {
        let r = ImageRef::from_parts("quay.io", "a/b", Some("1"), None).unwrap();
        assert_eq!(r.to_string(), "quay.io/a/b:1");
        assert!(!r.is_short_name());
        // A domain that would not be recognised as one is rejected rather than silently
        // turned into a docker.io namespace.
        assert!(ImageRef::from_parts("mirror", "a", None, None).is_err());
        assert_eq!(
            ImageRef::from_parts("docker.io", "busybox", None, None)
                .unwrap()
                .to_string(),
            "docker.io/library/busybox:latest"
        );
        assert_eq!(r.with_tag(Some("2")).unwrap().to_string(), "quay.io/a/b:2");
        assert!(r.with_tag(Some("-bad")).is_err());
    }
}
