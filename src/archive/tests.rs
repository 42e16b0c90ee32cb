use std::io::{Read, Write};

use super::*;

fn header(name: &str, kind: tar::EntryType, size: u64, link: Option<&str>) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    // Written raw: the tar crate would (rightly) refuse the hostile names these tests need.
    let field = &mut h.as_old_mut().name;
    field[..name.len()].copy_from_slice(name.as_bytes());
    if let Some(link) = link {
        let field = &mut h.as_old_mut().linkname;
        field[..link.len()].copy_from_slice(link.as_bytes());
    }
    h.set_entry_type(kind);
    h.set_size(size);
    h.set_mode(0o644);
    h.set_cksum();
    h
}

/// A tar file of (name, content) regular files plus raw extra entries.
fn tar_file(files: &[(&str, &[u8])], extra: &[tar::Header]) -> std::fs::File {
    let mut file = tempfile::tempfile().unwrap();
    {
        let mut b = tar::Builder::new(&mut file);
        for (name, content) in files {
            let mut h = header(name, tar::EntryType::Regular, content.len() as u64, None);
            h.set_cksum();
            b.append(&h, *content).unwrap();
        }
        for h in extra {
            b.append(h, std::io::empty()).unwrap();
        }
        b.finish().unwrap();
    }
    file
}

fn reader(files: &[(&str, &[u8])], extra: &[tar::Header]) -> Result<ArchiveReader, ArchiveError> {
    ArchiveReader::from_tar_file(tar_file(files, extra), "test.tar")
}

const CONFIG: &[u8] = br#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:aaaa"]}}"#;

#[test]
fn entry_names_are_plain_names() {
    assert_eq!(entry_name("./a//b/").unwrap(), "a/b");
    assert_eq!(entry_name("manifest.json").unwrap(), "manifest.json");
    assert!(matches!(
        entry_name("/etc/passwd"),
        Err(ArchiveError::UnsafeName { .. })
    ));
    let err = entry_name("a/../../b").unwrap_err().to_string();
    assert!(err.contains("\"a/../../b\"") && err.contains(".."), "{err}");
}

#[test]
fn links_are_followed_only_inside_the_archive() {
    assert_eq!(
        link_destination("x/layer.tar", "../y.tar").unwrap(),
        "y.tar"
    );
    assert_eq!(link_destination("a/b/c", "d").unwrap(), "a/b/d");
    assert!(matches!(
        link_destination("layer.tar", "../../etc/shadow"),
        Err(ArchiveError::LinkOutside { .. })
    ));
    let err = link_destination("x/layer.tar", "/etc/shadow")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "archive entry \"x/layer.tar\" is a link to \"/etc/shadow\", outside the archive; refusing the archive"
    );
}

#[test]
fn a_docker_archive_is_read_in_place_through_its_links() {
    let manifest =
        br#"[{"Config":"c.json","RepoTags":["example.com/a:1"],"Layers":["l/layer.tar"]}]"#;
    let archive = reader(
        &[
            ("manifest.json", manifest),
            ("c.json", CONFIG),
            ("aaaa.tar", b"layer bytes"),
        ],
        &[header(
            "l/layer.tar",
            tar::EntryType::Symlink,
            0,
            Some("../aaaa.tar"),
        )],
    )
    .unwrap();
    let (format, images) = read_images(&archive).unwrap();
    assert_eq!(format, ArchiveFormat::DockerArchive);
    assert_eq!(images.len(), 1);
    assert_eq!(images[0].names, ["example.com/a:1"]);
    assert_eq!(images[0].id, &sha256_digest(CONFIG)[7..]);
    assert_eq!(images[0].layers[0].diff_id, "sha256:aaaa");
    let mut bytes = String::new();
    archive
        .entry(&images[0].layers[0].name)
        .unwrap()
        .read_to_string(&mut bytes)
        .unwrap();
    assert_eq!(bytes, "layer bytes");
}

#[test]
fn an_oci_layout_is_read_with_its_digests_checked() {
    let config_digest = sha256_digest(CONFIG);
    let layer = b"layer";
    let layer_digest = sha256_digest(layer);
    let manifest = image_manifest(
        OCI_MANIFEST,
        &Descriptor::new(OCI_CONFIG, &config_digest, CONFIG.len() as u64),
        &[Descriptor::new(
            OCI_LAYER,
            &layer_digest,
            layer.len() as u64,
        )],
    );
    let mut descriptor = Descriptor::new(
        OCI_MANIFEST,
        &sha256_digest(&manifest),
        manifest.len() as u64,
    );
    descriptor.annotations = Some([(REF_NAME.to_string(), "example.com/a:1".to_string())].into());
    let index = oci_index(&[descriptor]);
    let blob = |d: &str| format!("blobs/sha256/{}", digest_hex(d).unwrap());
    let (config_name, layer_name, manifest_name) = (
        blob(&config_digest),
        blob(&layer_digest),
        blob(&sha256_digest(&manifest)),
    );
    let files: Vec<(&str, &[u8])> = vec![
        ("oci-layout", oci_layout()),
        ("index.json", &index),
        (&manifest_name, &manifest),
        (&config_name, CONFIG),
        (&layer_name, layer),
    ];
    let (format, images) = read_images(&reader(&files, &[]).unwrap()).unwrap();
    assert_eq!(format, ArchiveFormat::Oci);
    assert_eq!(images[0].names, ["example.com/a:1"]);
    assert_eq!(
        images[0].layers[0].digest.as_deref(),
        Some(layer_digest.as_str())
    );
    assert_eq!(images[0].manifest.as_ref().unwrap().1, OCI_MANIFEST);

    // A config that is not what the manifest says is refused.
    let mut files = files;
    files[3].1 = br#"{"rootfs":{"diff_ids":[]}}"#;
    let err = read_images(&reader(&files, &[]).unwrap())
        .unwrap_err()
        .to_string();
    assert!(err.contains("does not match its digest"), "{err}");
}

#[test]
fn hostile_entries_refuse_the_whole_archive() {
    let err = reader(&[("../escape", b"x")], &[])
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.contains("\"../escape\"") && err.contains("refusing the archive"),
        "{err}"
    );
    let err = reader(&[("/abs", b"x")], &[]).err().unwrap().to_string();
    assert!(err.contains("absolute"), "{err}");
    let link = header(
        "manifest.json",
        tar::EntryType::Symlink,
        0,
        Some("/etc/passwd"),
    );
    let err = reader(&[], &[link]).err().unwrap().to_string();
    assert!(err.contains("outside the archive"), "{err}");
    let hard = header(
        "manifest.json",
        tar::EntryType::Link,
        0,
        Some("../../etc/passwd"),
    );
    assert!(matches!(
        reader(&[], &[hard]),
        Err(ArchiveError::LinkOutside { .. })
    ));
}

#[test]
fn a_truncated_archive_names_the_entry_cut_short() {
    let file = tar_file(&[("manifest.json", &[b'x'; 4000])], &[]);
    file.set_len(2048).unwrap();
    let err = ArchiveReader::from_tar_file(file, "t").err().unwrap();
    assert!(
        matches!(err, ArchiveError::Truncated { ref name, .. } if name == "manifest.json"),
        "{err}"
    );
}

#[test]
fn something_else_is_no_archive_with_what_was_tried() {
    let archive = reader(&[("hello.txt", b"hi")], &[]).unwrap();
    let err = read_images(&archive).unwrap_err().to_string();
    assert!(
        err.starts_with(
            "payload does not match any of the supported image formats:\n * oci-archive: "
        ),
        "{err}"
    );
    assert!(
        err.contains("\n * docker-archive: the archive has no manifest.json"),
        "{err}"
    );
    let mut text = tempfile::tempfile().unwrap();
    text.write_all(b"hello\n").unwrap();
    assert!(matches!(
        ArchiveReader::from_tar_file(text, "t"),
        Err(ArchiveError::Tar { .. })
    ));
}

#[test]
fn repositories_map_repository_and_tag_to_the_id() {
    let text = repositories(&[
        ("example.com:5000/a:1".into(), "abc".into()),
        ("example.com:5000/a:2".into(), "abc".into()),
        ("example.com:5000/b@sha256:00".into(), "abc".into()),
    ]);
    assert_eq!(
        String::from_utf8(text).unwrap(),
        r#"{"example.com:5000/a":{"1":"abc","2":"abc"}}"#
    );
}

#[test]
fn a_written_tar_reads_back_and_a_short_stream_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out.tar");
    let mut w = ArchiveWriter::create(OutputKind::TarFile(dest.clone())).unwrap();
    w.add_bytes("manifest.json", b"[]").unwrap();
    assert!(w.has("manifest.json"));
    w.finish().unwrap();
    let archive = ArchiveReader::open(Input::Path(&dest), dir.path()).unwrap();
    assert_eq!(archive.read_document("manifest.json").unwrap(), b"[]");

    let other = dir.path().join("short.tar");
    let mut w = ArchiveWriter::create(OutputKind::TarFile(other.clone())).unwrap();
    assert!(w.add("x", 10, &b"short"[..]).is_err());
    drop(w);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing but out.tar is left"
    );
}

#[test]
fn a_compressed_archive_is_spooled_and_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut plain = tar_file(&[("manifest.json", b"[1]")], &[]);
    let mut bytes = Vec::new();
    std::io::Seek::rewind(&mut plain).unwrap();
    plain.read_to_end(&mut bytes).unwrap();
    let zst = dir.path().join("a.tar.zst");
    std::fs::write(&zst, zstd::encode_all(&bytes[..], 3).unwrap()).unwrap();
    let archive = ArchiveReader::open(Input::Path(&zst), dir.path()).unwrap();
    assert_eq!(archive.read_document("manifest.json").unwrap(), b"[1]");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "the spool has no name"
    );
}

#[test]
fn a_directory_is_read_without_following_links_out() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.json"), "{}").unwrap();
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("oci-layout")).unwrap();
    std::os::unix::fs::symlink("index.json", dir.path().join("inside")).unwrap();
    let archive = ArchiveReader::open(Input::Path(dir.path()), dir.path()).unwrap();
    assert_eq!(archive.read_document("inside").unwrap(), b"{}");
    let err = archive.entry("oci-layout").err().unwrap();
    assert!(matches!(err, ArchiveError::LinkOutside { .. }), "{err}");
    assert!(matches!(
        archive.entry("../x"),
        Err(ArchiveError::UnsafeName { .. })
    ));
}
