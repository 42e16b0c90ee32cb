//! save, load and the archive transports, as the unprivileged user against the real registry:
//! round trips into an empty store keep the image ID, podman reads what burrow writes and the
//! other way round, and bad archives are refused leaving nothing behind.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// A second, empty store of the same user.
fn other_root(sb: &Sandbox) -> String {
    sb.home.join("root2").display().to_string()
}

fn id_in(sb: &Sandbox, root: &str, name: &str) -> String {
    sb.ok(&[
        "--root", root, "image", "inspect", "--format", "{{.Id}}", name,
    ])
    .stdout()
    .trim()
    .to_string()
}

fn file(sb: &Sandbox, name: &str) -> String {
    sb.home.join(name).display().to_string()
}

/// Nothing of an image in `root`: no record, no layer, no staging leftover.
fn assert_store_empty(sb: &Sandbox, root: &str) {
    let listed = sb.ok(&["--root", root, "images", "-a", "-q"]).stdout();
    assert!(listed.trim().is_empty(), "images left: {listed}");
    let layers: Vec<_> = fs::read_dir(Path::new(root).join("layers"))
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(layers.is_empty(), "layers left: {layers:?}");
}

#[test]
fn each_format_round_trips_into_an_empty_store_with_the_same_id() {
    let sb = Sandbox::new();
    let name = image_ref("layers:latest");
    sb.pull("layers:latest");
    let id = fixture_id("layers:latest");
    for format in ["docker-archive", "oci-archive"] {
        let out = file(&sb, &format!("{format}.tar"));
        let root = sb.home.join(format!("root-{format}")).display().to_string();
        sb.ok(&["save", "--format", format, "-o", &out, &name]);
        let loaded = sb.ok(&["--root", &root, "load", "-i", &out]);
        assert_eq!(
            loaded.stdout(),
            format!("Loaded image: {name}\n"),
            "{format}"
        );
        assert_eq!(id_in(&sb, &root, &name), id, "{format}");
        // Every layer (gzip, zstd and uncompressed in the registry) came back with its diff ID.
        let layers = sb.ok(&[
            "--root",
            &root,
            "image",
            "inspect",
            "--format",
            "{{.RootFS.Layers}}",
            &name,
        ]);
        for layer in fixture("layers:latest")["layers"].as_array().unwrap() {
            assert!(
                layers.stdout().contains(layer["diff_id"].as_str().unwrap()),
                "{format}: {}",
                layers.stdout()
            );
        }
    }
    // Directories: oci-dir is the oci: transport; docker-dir is containers/image's dir: layout.
    let dir = file(&sb, "oci-dir");
    sb.ok(&["save", "--format", "oci-dir", "-o", &dir, &name]);
    let root = other_root(&sb);
    let pulled = sb.ok(&["--root", &root, "pull", &format!("oci:{dir}")]);
    assert_eq!(pulled.stdout().trim(), id);
    let dir = file(&sb, "docker-dir");
    sb.ok(&["save", "--format", "docker-dir", "-o", &dir, &name]);
    assert_eq!(
        fs::read_to_string(Path::new(&dir).join("version")).unwrap(),
        "Directory Transport Version: 1.1\n"
    );
    let config = fs::read(Path::new(&dir).join(&id)).unwrap();
    assert!(String::from_utf8_lossy(&config).contains("diff_ids"));
}

#[test]
fn several_images_share_one_docker_archive_and_load_together() {
    let sb = Sandbox::new();
    sb.pull("busybox:latest");
    sb.pull("many/img0:latest");
    let (a, b) = (image_ref("busybox:latest"), image_ref("many/img0:latest"));
    let out = file(&sb, "two.tar");
    sb.ok(&["save", "-m", "-o", &out, &a, &b]);
    let root = other_root(&sb);
    let loaded = sb.ok(&["--root", &root, "load", "-q", "-i", &out]);
    assert_eq!(
        loaded.stdout(),
        format!("Loaded image: {a}\nLoaded image: {b}\n")
    );
    assert_eq!(id_in(&sb, &root, &a), fixture_id("busybox:latest"));
    assert_eq!(id_in(&sb, &root, &b), fixture_id("many/img0:latest"));
    // The shared busybox layer is in the archive once.
    let listing = Command::new("tar").arg("tf").arg(&out).output().unwrap();
    let shared = fixture("busybox:latest")["layers"][0]["diff_id"]
        .as_str()
        .unwrap();
    let text = String::from_utf8_lossy(&listing.stdout);
    assert_eq!(text.matches(&shared[7..]).count(), 1, "{text}");
    // podman's refusal for the formats that hold one image.
    sb.run(&[
        "save",
        "--format",
        "oci-archive",
        "-o",
        &file(&sb, "x.tar"),
        &a,
        &b,
    ])
    .assert_error(
        125,
        &["unsupported format \"oci-archive\" for saving multiple images (only docker-archive)"],
    );
    assert!(!sb.home.join("x.tar").exists());
}

#[test]
fn compressed_archives_and_stdin_load_and_untagged_images_load_by_id() {
    let sb = sandbox_with_busybox();
    let id = fixture_id("busybox:latest");
    let out = file(&sb, "byid.tar");
    sb.ok(&["save", "-o", &out, &id[..12]]);
    for (tool, ext) in [("gzip", "gz"), ("zstd", "zst")] {
        let packed = format!("{out}.{ext}");
        let status = Command::new("sh")
            .args(["-c", &format!("{tool} -c {out} > {packed}")])
            .status()
            .unwrap();
        assert!(status.success());
        let root = sb.home.join(format!("root-{ext}")).display().to_string();
        let stdin = fs::File::open(&packed).unwrap();
        let out = sb
            .command(&["--root", &root, "load"])
            .stdin(stdin)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!("Loaded image: sha256:{id}\n")
        );
        assert_eq!(id_in(&sb, &root, &id), id);
    }
}

#[test]
fn run_and_pull_take_archive_transports() {
    let sb = sandbox_with_busybox();
    let name = image_ref("busybox:latest");
    let out = file(&sb, "bb.tar");
    sb.ok(&["save", "-o", &out, &name]);
    let root = other_root(&sb);
    let run = sb.ok(&[
        "--root",
        &root,
        "run",
        "--rm",
        &format!("docker-archive:{out}"),
        "echo",
        "from the archive",
    ]);
    assert_eq!(run.stdout(), "from the archive\n");
    assert_eq!(id_in(&sb, &root, &name), fixture_id("busybox:latest"));
    sb.ok(&["--root", &root, "pull", &format!("docker://{name}")]);
    sb.run(&["pull", "containers-storage:busybox"])
        .assert_error(
            125,
            &[
                "burrow has its own image store",
                "podman save IMAGE | burrow load",
            ],
        );
    sb.run(&[
        "pull",
        &format!("docker-archive:{out}:example.com/nothere:1"),
    ])
    .assert_error(125, &["no image named example.com/nothere:1", &name]);
}

#[test]
fn podman_and_burrow_read_each_others_archives() {
    let sb = Sandbox::new();
    let name = image_ref("layers:latest");
    let busybox = image_ref("busybox:latest");
    // podman save → burrow load
    sb.real_podman(&["pull", "-q", "--tls-verify=false", &busybox]);
    let from_podman = file(&sb, "from-podman.tar");
    sb.real_podman(&["save", "-o", &from_podman, &busybox]);
    let loaded = sb.ok(&["load", "-i", &from_podman]);
    assert_eq!(loaded.stdout(), format!("Loaded image: {busybox}\n"));
    assert_eq!(
        id_in(&sb, &other_root_default(&sb), &busybox),
        fixture_id("busybox:latest")
    );
    let oci_from_podman = file(&sb, "from-podman-oci.tar");
    sb.real_podman(&[
        "save",
        "--format",
        "oci-archive",
        "-o",
        &oci_from_podman,
        &busybox,
    ]);
    let root = other_root(&sb);
    sb.ok(&["--root", &root, "load", "-i", &oci_from_podman]);
    assert_eq!(id_in(&sb, &root, &busybox), fixture_id("busybox:latest"));
    // burrow save → podman load (the multi-layer image, zstd layer included)
    sb.pull("layers:latest");
    for format in ["docker-archive", "oci-archive"] {
        let from_burrow = file(&sb, &format!("from-burrow-{format}.tar"));
        sb.ok(&["save", "--format", format, "-o", &from_burrow, &name]);
        sb.real_podman(&["load", "-q", "-i", &from_burrow]);
        let id = sb.real_podman(&["image", "inspect", "--format", "{{.Id}}", &name]);
        assert_eq!(
            String::from_utf8_lossy(&id.stdout).trim(),
            fixture_id("layers:latest"),
            "{format}"
        );
        sb.real_podman(&["rmi", &name]);
    }
}

/// The default root of the sandbox, as a --root argument.
fn other_root_default(sb: &Sandbox) -> String {
    sb.graph_root().display().to_string()
}

/// A tar whose raw entries the test chooses (names the tar crate would refuse to write).
fn hostile_tar(path: &Path, entries: &[(&str, tar::EntryType, &[u8], Option<&str>)]) {
    let mut out = fs::File::create(path).unwrap();
    let mut b = tar::Builder::new(&mut out);
    for (name, kind, data, link) in entries {
        let mut h = tar::Header::new_gnu();
        h.as_old_mut().name[..name.len()].copy_from_slice(name.as_bytes());
        if let Some(link) = link {
            h.as_old_mut().linkname[..link.len()].copy_from_slice(link.as_bytes());
        }
        h.set_entry_type(*kind);
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        b.append(&h, *data).unwrap();
    }
    b.finish().unwrap();
}

#[test]
fn bad_archives_are_refused_and_leave_nothing() {
    let sb = sandbox_with_busybox();
    let root = other_root(&sb);
    let give = |p: &PathBuf| {
        Command::new("chown")
            .arg(format!("{}:{}", sb.user.uid, sb.user.gid))
            .arg(p)
            .status()
            .unwrap();
        p.display().to_string()
    };

    let text = sb.home.join("notes.txt");
    fs::write(&text, "hello\n").unwrap();
    sb.run(&["--root", &root, "load", "-i", &give(&text)])
        .assert_error(
            125,
            &[
                "payload does not match any of the supported image formats:\n * oci-archive: ",
                "\n * docker-archive: ",
            ],
        );
    assert_store_empty(&sb, &root);

    // Cut inside the second layer: the first is stored, then removed again.
    sb.pull("layers:latest");
    let whole = sb.home.join("layers.tar");
    sb.ok(&[
        "save",
        "-o",
        &whole.display().to_string(),
        &image_ref("layers:latest"),
    ]);
    let bytes = fs::read(&whole).unwrap();
    let cut = sb.home.join("cut.tar");
    fs::write(&cut, &bytes[..2_300_000]).unwrap();
    sb.run(&["--root", &root, "load", "-i", &give(&cut)])
        .assert_error(125, &["truncated"]);
    assert_store_empty(&sb, &root);
    // A stream cut short (stdin) is spooled first and refused the same way.
    let out = sb
        .command(&["--root", &root, "load"])
        .stdin(fs::File::open(&cut).unwrap())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(125),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_store_empty(&sb, &root);

    // A layer whose content is not what the config says, after three good ones: those are
    // stored, then removed again.
    let damaged = sb.home.join("damaged.tar");
    let fourth = &fixture("layers:latest")["layers"][3]["diff_id"]
        .as_str()
        .unwrap()[7..];
    {
        let mut original = tar::Archive::new(fs::File::open(&whole).unwrap());
        let mut out = tar::Builder::new(fs::File::create(&damaged).unwrap());
        for entry in original.entries().unwrap() {
            let mut entry = entry.unwrap();
            let mut header = entry.header().clone();
            let path = entry.path().unwrap().into_owned();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut data).unwrap();
            if path.to_string_lossy() == format!("{fourth}.tar") {
                data[100_000] ^= 0xff;
            }
            out.append_data(&mut header, &path, &data[..]).unwrap();
        }
        out.finish().unwrap();
    }
    sb.run(&["--root", &root, "load", "-i", &give(&damaged)])
        .assert_error(125, &[fourth, "nothing was loaded"]);
    assert_store_empty(&sb, &root);

    let climbing = sb.home.join("climb.tar");
    hostile_tar(
        &climbing,
        &[
            ("../../escape", tar::EntryType::Regular, b"x", None),
            ("manifest.json", tar::EntryType::Regular, b"[]", None),
        ],
    );
    sb.run(&["--root", &root, "load", "-i", &give(&climbing)])
        .assert_error(
            125,
            &["archive entry \"../../escape\" is not a name inside the archive"],
        );
    assert_store_empty(&sb, &root);

    let linked = sb.home.join("link.tar");
    hostile_tar(
        &linked,
        &[(
            "manifest.json",
            tar::EntryType::Symlink,
            b"",
            Some("/etc/passwd"),
        )],
    );
    sb.run(&["--root", &root, "load", "-i", &give(&linked)])
        .assert_error(
            125,
            &["\"manifest.json\" is a link to \"/etc/passwd\", outside the archive"],
        );
    assert_store_empty(&sb, &root);
}

#[test]
fn a_failed_save_leaves_no_file() {
    let sb = sandbox_with_busybox();
    let out = file(&sb, "never.tar");
    sb.run(&[
        "save",
        "-o",
        &out,
        &image_ref("busybox:latest"),
        "no-such-image",
    ])
    .assert_error(125, &["no-such-image: image not known"]);
    assert!(
        fs::read_dir(&sb.home)
            .unwrap()
            .flatten()
            .all(|e| !e.file_name().to_string_lossy().contains("never"))
    );
}
