//! Image transports as podman names them (`docker-archive:FILE[:REF]`, `oci:DIR[:REF]`, ...):
//! where an image comes from besides a registry. Parsing only; `image::load` reads archives.

use std::path::PathBuf;

/// Where an image reference points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageSource {
    /// A registry: a plain reference, or `docker://REF`.
    Registry(String),
    /// An archive file or directory, and the image in it (`REF` or `@INDEX`) if one is named.
    Archive {
        transport: ArchiveTransport,
        path: PathBuf,
        reference: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveTransport {
    DockerArchive,
    OciArchive,
    Oci,
}

impl ArchiveTransport {
    pub fn name(self) -> &'static str {
        match self {
            ArchiveTransport::DockerArchive => "docker-archive",
            ArchiveTransport::OciArchive => "oci-archive",
            ArchiveTransport::Oci => "oci",
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TransportError {
    #[error(
        "{input}: burrow has its own image store and does not read podman's (containers-storage); move the image with: podman save IMAGE | burrow load"
    )]
    ContainersStorage { input: String },
    #[error(
        "{input}: the {transport} transport is not supported; burrow reads docker://, docker-archive:, oci-archive: and oci:"
    )]
    Unsupported { input: String, transport: String },
    #[error("{input}: no path given; use {transport}:PATH[:REFERENCE]")]
    NoPath { input: String, transport: String },
    #[error("{input}: invalid reference: docker:// must be followed by an image name")]
    EmptyDocker { input: String },
}

/// Transports podman knows that burrow does not read.
const OTHER_TRANSPORTS: &[&str] = &["dir", "docker-daemon", "ostree", "sif", "tarball", "atomic"];

/// What `input` names: a registry reference, or an archive with the image in it. A name such
/// as `localhost:5000/a` is a registry reference: only the transports' own names are
/// prefixes, as in containers/image.
pub fn parse_image_source(input: &str) -> Result<ImageSource, TransportError> {
    if let Some(rest) = input.strip_prefix("docker://") {
        if rest.is_empty() {
            return Err(TransportError::EmptyDocker {
                input: input.into(),
            });
        }
        return Ok(ImageSource::Registry(rest.to_string()));
    }
    let Some((prefix, rest)) = input.split_once(':') else {
        return Ok(ImageSource::Registry(input.to_string()));
    };
    let transport = match prefix {
        "docker-archive" => ArchiveTransport::DockerArchive,
        "oci-archive" => ArchiveTransport::OciArchive,
        "oci" => ArchiveTransport::Oci,
        "containers-storage" => {
            return Err(TransportError::ContainersStorage {
                input: input.into(),
            });
        }
        p if OTHER_TRANSPORTS.contains(&p) => {
            return Err(TransportError::Unsupported {
                input: input.into(),
                transport: p.into(),
            });
        }
        _ => return Ok(ImageSource::Registry(input.to_string())),
    };
    // containers/image splits at the first colon: the path holds none, the reference may.
    let (path, reference) = match rest.split_once(':') {
        Some((path, reference)) => (path, Some(reference).filter(|r| !r.is_empty())),
        None => (rest, None),
    };
    if path.is_empty() {
        return Err(TransportError::NoPath {
            input: input.into(),
            transport: transport.name().into(),
        });
    }
    Ok(ImageSource::Archive {
        transport,
        path: PathBuf::from(path),
        reference: reference.map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn archive(t: ArchiveTransport, path: &str, reference: Option<&str>) -> ImageSource {
        ImageSource::Archive {
            transport: t,
            path: path.into(),
            reference: reference.map(str::to_string),
        }
    }

    #[test]
    fn registry_references_stay_as_they_are() {
        for input in [
            "busybox",
            "127.0.0.1:5000/busybox:latest",
            "localhost:5000/a",
            "oci.io/x",
        ] {
            assert_eq!(
                parse_image_source(input),
                Ok(ImageSource::Registry(input.into()))
            );
        }
        assert_eq!(
            parse_image_source("docker://127.0.0.1:5000/busybox"),
            Ok(ImageSource::Registry("127.0.0.1:5000/busybox".into()))
        );
        assert!(parse_image_source("docker://").is_err());
    }

    #[test]
    fn archive_transports_split_path_and_reference_at_the_first_colon() {
        use ArchiveTransport::*;
        assert_eq!(
            parse_image_source("docker-archive:/tmp/a.tar"),
            Ok(archive(DockerArchive, "/tmp/a.tar", None))
        );
        assert_eq!(
            parse_image_source("docker-archive:a.tar:example.com:5000/x:1"),
            Ok(archive(
                DockerArchive,
                "a.tar",
                Some("example.com:5000/x:1")
            ))
        );
        assert_eq!(
            parse_image_source("docker-archive:a.tar:@1"),
            Ok(archive(DockerArchive, "a.tar", Some("@1")))
        );
        assert_eq!(
            parse_image_source("oci-archive:/x/o.tar:"),
            Ok(archive(OciArchive, "/x/o.tar", None))
        );
        assert_eq!(
            parse_image_source("oci:dir:latest"),
            Ok(archive(Oci, "dir", Some("latest")))
        );
        let err = parse_image_source("oci-archive:").unwrap_err().to_string();
        assert_eq!(
            err,
            "oci-archive:: no path given; use oci-archive:PATH[:REFERENCE]"
        );
    }

    #[test]
    fn podman_storage_and_other_transports_are_refused_with_the_way_out() {
        let err = parse_image_source("containers-storage:busybox")
            .unwrap_err()
            .to_string();
        assert!(err.contains("podman save IMAGE | burrow load"), "{err}");
        let err = parse_image_source("dir:/tmp/x").unwrap_err().to_string();
        assert!(err.contains("the dir transport is not supported"), "{err}");
    }
}
