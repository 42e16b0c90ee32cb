//! Platform choice in a manifest list or image index (pure).

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Platform {
    pub os: String,
    pub arch: String,
    pub variant: Option<String>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PlatformError {
    #[error("invalid platform \"{0}\": use OS/ARCH[/VARIANT], e.g. linux/arm64/v8")]
    Invalid(String),
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.os, self.arch)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

/// Go's name for an architecture, as image indexes use it.
fn go_arch(rust_arch: &str) -> &str {
    match rust_arch {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "arm" => "arm",
        "powerpc64" => "ppc64le",
        "s390x" => "s390x",
        "riscv64" => "riscv64",
        other => other,
    }
}

/// The variant a runtime of this architecture expects when an index entry names none.
fn default_variant(arch: &str) -> Option<&'static str> {
    match arch {
        "arm64" => Some("v8"),
        "arm" => Some("v7"),
        _ => None,
    }
}

impl Platform {
    /// The platform burrow runs on.
    pub fn host() -> Platform {
        Platform {
            os: std::env::consts::OS.to_string(),
            arch: go_arch(std::env::consts::ARCH).to_string(),
            variant: None,
        }
    }

    /// Parses `--platform OS/ARCH[/VARIANT]`.
    pub fn parse(text: &str) -> Result<Platform, PlatformError> {
        let parts: Vec<&str> = text.split('/').collect();
        let valid =
            |s: &&str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !(2..=3).contains(&parts.len()) || !parts.iter().all(valid) {
            return Err(PlatformError::Invalid(text.to_string()));
        }
        Ok(Platform {
            os: parts[0].to_string(),
            arch: parts[1].to_string(),
            variant: parts.get(2).map(|s| s.to_string()),
        })
    }

    /// Whether an index entry's platform serves this one. With no variant asked for, any variant
    /// of the architecture matches; `select` prefers the architecture's default.
    fn matches(&self, os: &str, arch: &str, variant: Option<&str>) -> bool {
        if self.os != os || self.arch != arch {
            return false;
        }
        match &self.variant {
            None => true,
            Some(want) => {
                let have = variant.or(default_variant(arch));
                have == Some(want.as_str())
            }
        }
    }
}

/// One entry of an index, reduced to what choosing needs.
#[derive(Debug, Clone)]
pub struct IndexEntry {
    pub digest: String,
    pub os: String,
    pub arch: String,
    pub variant: Option<String>,
}

impl IndexEntry {
    fn platform(&self) -> Platform {
        Platform {
            os: self.os.clone(),
            arch: self.arch.clone(),
            variant: self.variant.clone(),
        }
    }
}

/// Chooses the entry for `want`: an exact variant match first, then the architecture's default
/// variant, then the first entry of that OS and architecture. On failure, the error lists what
/// the index offers.
pub fn select<'a>(entries: &'a [IndexEntry], want: &Platform) -> Result<&'a IndexEntry, String> {
    let candidates: Vec<&IndexEntry> = entries
        .iter()
        .filter(|e| want.matches(&e.os, &e.arch, e.variant.as_deref()))
        .collect();
    let preferred = want.variant.as_deref().or(default_variant(&want.arch));
    candidates
        .iter()
        .find(|e| e.variant.as_deref() == preferred)
        .or(candidates.first())
        .copied()
        .ok_or_else(|| {
            entries
                .iter()
                .map(|e| e.platform().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(d: &str, os: &str, arch: &str, variant: Option<&str>) -> IndexEntry {
        IndexEntry {
            digest: d.into(),
            os: os.into(),
            arch: arch.into(),
            variant: variant.map(Into::into),
        }
    }

    fn index() -> Vec<IndexEntry> {
        vec![
            entry("a", "linux", "amd64", None),
            entry("b", "linux", "arm", Some("v6")),
            entry("c", "linux", "arm", Some("v7")),
            entry("d", "linux", "arm64", None),
        ]
    }

    #[test]
    fn parses_and_prints_platforms() {
        let p = Platform::parse("linux/arm/v7").unwrap();
        assert_eq!(p.to_string(), "linux/arm/v7");
        assert!(Platform::parse("linux").is_err());
        assert!(Platform::parse("linux//v7").is_err());
        assert!(Platform::parse("a/b/c/d").is_err());
    }

    #[test]
    fn chooses_by_os_arch_and_variant() {
        let idx = index();
        let pick = |s: &str| select(&idx, &Platform::parse(s).unwrap()).map(|e| e.digest.clone());
        assert_eq!(pick("linux/amd64").unwrap(), "a");
        assert_eq!(pick("linux/arm/v6").unwrap(), "b");
        // No variant asked: arm's default v7 wins over the first entry.
        assert_eq!(pick("linux/arm").unwrap(), "c");
        // arm64 entries without a variant count as v8.
        assert_eq!(pick("linux/arm64/v8").unwrap(), "d");
        let err = pick("linux/s390x").unwrap_err();
        assert_eq!(err, "linux/amd64, linux/arm/v6, linux/arm/v7, linux/arm64");
    }

    #[test]
    fn host_platform_uses_go_names() {
        let host = Platform::host();
        assert_eq!(host.os, "linux");
        assert_ne!(host.arch, "x86_64");
    }
}
