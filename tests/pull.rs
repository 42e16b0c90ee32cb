//! `burrow pull` as an unprivileged user against the fixture registry.

mod common;

use std::fs;
use std::path::PathBuf;
use std::time::Duration;

use common::*;

fn diff_ids(name: &str) -> Vec<String> {
    fixture(name)["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["diff_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn pull_prints_the_image_id_and_stores_files_with_mapped_owners() {
    let sb = Sandbox::new();
    let run = sb.pull("busybox:latest");
    assert_eq!(run.stdout().trim(), fixture_id("busybox:latest"));
    assert!(
        run.stderr().contains(&format!(
            "Trying to pull {}...",
            image_ref("busybox:latest")
        )),
        "{}",
        run.stderr()
    );

    let diff = sb.layer_diff(&diff_ids("busybox:latest")[0]);
    // Root-owned in the image: the user's own files on the host.
    assert_eq!(owner(&diff.join("bin/busybox")), (sb.user.uid, sb.user.gid));
    // uid 1000 in the image: subuid_start + 999 on the host.
    assert_eq!(
        owner(&diff.join("home/app")),
        (sb.host_uid(1000), sb.host_uid(1000))
    );
    let meta = fs::symlink_metadata(diff.join("bin/sh")).unwrap();
    assert!(meta.file_type().is_symlink());

    let images = sb.ok(&["images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"]);
    assert_eq!(
        images.stdout(),
        format!(
            "{} {}\n",
            image_ref("busybox:latest"),
            &fixture_id("busybox:latest")[..12]
        )
    );
}

/// Push and save send a layer's bytes as the registry served them, so the pull keeps them.
#[test]
fn pulled_layers_keep_the_registry_blob_byte_for_byte() {
    use sha2::Digest;
    let sb = Sandbox::new();
    sb.ok(&["pull", "-q", &image_ref("layers:latest")]);
    let layers = fixture("layers:latest")["layers"].as_array().unwrap();
    assert!(layers.len() > 1);
    for layer in layers {
        let diff_dir = sb.layer_diff(layer["diff_id"].as_str().unwrap());
        let blob = fs::read(diff_dir.with_file_name("blob")).unwrap();
        let digest = format!("sha256:{}", hex::encode(sha2::Sha256::digest(&blob)));
        assert_eq!(digest, layer["digest"].as_str().unwrap());
        let record: serde_json::Value =
            serde_json::from_slice(&fs::read(diff_dir.with_file_name("layer.json")).unwrap())
                .unwrap();
        assert_eq!(record["compressed_digest"], layer["digest"]);
        assert_eq!(record["blob_size"], blob.len() as u64);
    }
}

#[test]
fn quiet_pull_prints_only_the_id() {
    let sb = Sandbox::new();
    let run = sb.ok(&["pull", "-q", &image_ref("busybox:latest")]);
    assert_eq!(run.stdout(), format!("{}\n", fixture_id("busybox:latest")));
    assert_eq!(run.stderr(), "");
}

#[test]
fn short_names_resolve_through_unqualified_search_registries() {
    let sb = Sandbox::new();
    let run = sb.ok(&["pull", "busybox"]);
    assert_eq!(run.stdout().trim(), fixture_id("busybox:latest"));
    let names = sb.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert_eq!(names.stdout().trim(), image_ref("busybox:latest"));
}

#[test]
fn every_layer_kind_gives_the_right_merged_view() {
    let sb = Sandbox::new();
    sb.pull("layers:latest");
    let layers: Vec<PathBuf> = diff_ids("layers:latest")
        .iter()
        .map(|d| sb.layer_diff(d))
        .collect();
    let merged = merged_view(&layers);
    assert_merged_matches(&sb, &merged, &fixture("layers:latest")["expect"]);
}

/// Checks a merged view against a fixture's `expect` (paths with type, mode, owner, size,
/// sha256, link target, hardlink partner, xattrs; and paths that must be hidden).
fn assert_merged_matches(
    sb: &Sandbox,
    merged: &std::collections::BTreeMap<String, MergedEntry>,
    expect: &serde_json::Value,
) {
    for (path, want) in expect["paths"].as_object().unwrap() {
        let rel = path.trim_start_matches('/');
        let got = merged
            .get(rel)
            .unwrap_or_else(|| panic!("{path} missing from the merged view"));
        let kind = match want["type"].as_str().unwrap() {
            "file" => 'f',
            "dir" => 'd',
            "symlink" => 'l',
            "fifo" => 'p',
            other => panic!("unknown type {other}"),
        };
        assert_eq!(got.kind, kind, "type of {path}");
        if let Some(mode) = want.get("mode").and_then(|v| v.as_str()) {
            assert_eq!(
                got.mode,
                u32::from_str_radix(mode, 8).unwrap(),
                "mode of {path}"
            );
        }
        if let Some(uid) = want.get("uid").and_then(|v| v.as_u64()) {
            assert_eq!(got.uid, sb.host_uid(uid as u32), "owner of {path}");
        }
        if let Some(gid) = want.get("gid").and_then(|v| v.as_u64()) {
            assert_eq!(got.gid, sb.host_uid(gid as u32), "group of {path}");
        }
        if let Some(target) = want.get("target").and_then(|v| v.as_str()) {
            assert_eq!(got.link, target, "target of {path}");
        }
        if let Some(size) = want.get("size").and_then(|v| v.as_u64()) {
            assert_eq!(got.size, size, "size of {path}");
        }
        if let Some(sha) = want.get("sha256").and_then(|v| v.as_str()) {
            assert_eq!(got.sha256.as_deref(), Some(sha), "content of {path}");
        }
        if let Some(partner) = want.get("hardlink_to").and_then(|v| v.as_str()) {
            assert_eq!(
                got.inode,
                merged[partner.trim_start_matches('/')].inode,
                "{path} and {partner} are one inode"
            );
        }
        if let Some(xattrs) = want.get("xattrs").and_then(|v| v.as_object()) {
            for (name, value) in xattrs {
                assert_eq!(
                    got.xattrs.get(name).map(String::as_str),
                    value.as_str(),
                    "xattr {name} of {path}"
                );
            }
        }
    }
    for path in expect["absent"].as_array().unwrap() {
        let rel = path.as_str().unwrap().trim_start_matches('/');
        assert!(
            !merged.contains_key(rel),
            "{rel} should be hidden by a whiteout or an opaque directory"
        );
    }
}

#[test]
fn docker_schema2_images_pull() {
    let sb = Sandbox::new();
    let run = sb.pull("busybox:docker");
    assert_eq!(run.stdout().trim(), fixture_id("busybox:docker"));
    let inspect = sb
        .ok(&["image", "inspect", &image_ref("busybox:docker")])
        .json();
    assert_eq!(
        inspect[0]["ManifestType"],
        "application/vnd.docker.distribution.manifest.v2+json"
    );
}

fn arch_file(sb: &Sandbox, id: &str) -> String {
    let inspect = sb.ok(&["image", "inspect", id]).json();
    let layers = inspect[0]["RootFS"]["Layers"].as_array().unwrap().clone();
    let top = sb.layer_diff(layers.last().unwrap().as_str().unwrap());
    fs::read_to_string(top.join("etc/arch"))
        .unwrap()
        .trim()
        .to_string()
}

#[test]
fn platforms_are_chosen_from_an_index() {
    let sb = Sandbox::new();
    let name = image_ref("multiarch:latest");
    let id = sb.ok(&["pull", "-q", &name]).stdout().trim().to_string();
    assert_eq!(arch_file(&sb, &id), "linux/amd64");
    let id = sb
        .ok(&["pull", "-q", "--platform", "linux/arm64", &name])
        .stdout()
        .trim()
        .to_string();
    assert_eq!(arch_file(&sb, &id), "linux/arm64/v8");
    let id = sb
        .ok(&["pull", "-q", "--arch", "arm", "--variant", "v7", &name])
        .stdout()
        .trim()
        .to_string();
    assert_eq!(arch_file(&sb, &id), "linux/arm/v7");
    sb.run(&["pull", "--platform", "linux/s390x", &name])
        .assert_error(
            125,
            &["linux/s390x", "linux/amd64", "linux/arm64", "--platform"],
        );
    let docker_list = image_ref("multiarch:docker");
    let id = sb
        .ok(&["pull", "-q", "--platform", "linux/arm64", &docker_list])
        .stdout()
        .trim()
        .to_string();
    assert_eq!(arch_file(&sb, &id), "linux/arm64/v8");
}

#[test]
fn layers_are_shared_and_a_second_pull_downloads_nothing() {
    let sb = Sandbox::new();
    sb.pull("busybox:latest");
    sb.pull("layers:latest");
    let unique: std::collections::HashSet<String> = diff_ids("busybox:latest")
        .into_iter()
        .chain(diff_ids("layers:latest"))
        .collect();
    assert_eq!(sb.layer_dirs().len(), unique.len(), "{:?}", sb.layer_dirs());
    let again = sb.pull("layers:latest");
    let err = again.stderr();
    assert!(
        !err.contains(" done"),
        "a present image downloaded blobs again:\n{err}"
    );
    assert!(err.contains("skipped: already exists"), "{err}");
}

#[test]
fn concurrent_pulls_neither_corrupt_nor_duplicate() {
    let sb = Sandbox::new();
    let names = [
        "big:latest",
        "big:latest",
        "layers:latest",
        "busybox:latest",
    ];
    let children: Vec<_> = names
        .iter()
        .map(|n| sb.spawn(&["pull", "-q", &image_ref(n)]))
        .collect();
    for (child, name) in children.into_iter().zip(names) {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "pull {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            fixture_id(name)
        );
    }
    let unique: std::collections::HashSet<String> =
        ["big:latest", "layers:latest", "busybox:latest"]
            .iter()
            .flat_map(|n| diff_ids(n))
            .collect();
    assert_eq!(sb.layer_dirs().len(), unique.len());
    let ids = sb.ok(&["images", "-q"]).stdout();
    assert_eq!(ids.lines().count(), 3, "{ids}");
}

#[test]
fn invalid_references_are_rejected() {
    let sb = Sandbox::new();
    sb.run(&["pull", "Foo:bar"])
        .assert_error(125, &["Foo:bar", "lowercase"]);
    sb.run(&["pull", "busybox:bad tag"])
        .assert_error(125, &["invalid reference"]);
}

#[test]
fn unknown_repository_or_tag_is_reported() {
    let sb = Sandbox::new();
    sb.run(&["pull", &image_ref("nope:latest")])
        .assert_error(125, &["nope:latest", "image not known"]);
    sb.run(&["pull", &image_ref("busybox:nosuchtag")])
        .assert_error(125, &["busybox:nosuchtag", "image not known"]);
    assert!(sb.ok(&["images", "-q"]).stdout().is_empty());
}

#[test]
fn a_registry_that_is_down_is_named() {
    let sb = Sandbox::new();
    sb.run(&["pull", "127.0.0.1:5999/busybox"])
        .assert_error(125, &["127.0.0.1:5999", "registries.conf"]);
}

#[test]
fn https_to_a_plain_http_registry_says_to_set_insecure() {
    let sb = Sandbox::new();
    sb.write_registries_conf("unqualified-search-registries = []\n");
    sb.run(&["pull", &image_ref("busybox:latest")])
        .assert_error(125, &[&registry(), "insecure = true"]);
    // The flag is the other way out.
    sb.ok(&["pull", "--tls-verify=false", &image_ref("busybox:latest")]);
}

/// Runs burrow as the test user in a mount namespace where every usual CA bundle and
/// certificate directory (the places openssl-probe, and so rustls-native-certs, look) is an
/// empty tmpfs, as on a machine without the ca-certificates package.
fn without_ca_certificates(sb: &Sandbox, args: &[&str]) -> Run {
    const HIDE_AND_DROP: &str = r#"set -e
for d in /etc/ssl /etc/pki /usr/share/ca-certificates /usr/local/share/ca-certificates /opt/etc/ssl; do
    if [ -d "$d" ]; then mount -t tmpfs tmpfs "$d"; fi
done
uid=$1 gid=$2
shift 2
exec setpriv --reuid="$uid" --regid="$gid" --clear-groups -- "$@""#;
    let (uid, gid) = (sb.user.uid.to_string(), sb.user.gid.to_string());
    let mut argv = vec![
        "--mount",
        "--propagation",
        "private",
        "sh",
        "-c",
        HIDE_AND_DROP,
        "sh",
        &uid,
        &gid,
    ];
    let burrow = binary().display().to_string();
    argv.push(&burrow);
    argv.extend_from_slice(args);
    // The sandbox's environment (no SSL_CERT_FILE or SSL_CERT_DIR), but started as root.
    let mut cmd = std::process::Command::new("unshare");
    cmd.args(&argv)
        .env_clear()
        .env("HOME", &sb.home)
        .env("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin")
        .env("LANG", "C.UTF-8")
        .env("USER", &sb.user.name)
        .current_dir(&sb.home)
        .stdin(std::process::Stdio::null());
    Run {
        args: args.iter().map(|s| s.to_string()).collect(),
        output: cmd.output().unwrap(),
    }
}

#[test]
fn no_ca_certificates_is_no_panic() {
    let sb = Sandbox::new();
    // A plain-HTTP registry needs no CA.
    let pulled = without_ca_certificates(&sb, &["pull", &image_ref("busybox:latest")]);
    pulled.assert_code(0);
    assert_eq!(pulled.stdout().trim(), fixture_id("busybox:latest"));
    assert_eq!(
        sb.ok(&["images", "-q", "--no-trunc"]).stdout().trim(),
        format!("sha256:{}", fixture_id("busybox:latest"))
    );
    // One that needs TLS (not insecure in registries.conf) is refused in one line that names
    // the missing bundle and its package.
    let tls = without_ca_certificates(&sb, &["pull", "localhost:5000/busybox:latest"]);
    tls.assert_code(125);
    let err = tls.stderr();
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("backtrace"), "{err}");
    let error_lines: Vec<&str> = err.lines().filter(|l| l.starts_with("Error: ")).collect();
    assert_eq!(error_lines.len(), 1, "{err}");
    for fragment in [
        "localhost:5000",
        "no CA certificates",
        "/etc/ssl/certs/ca-certificates.crt",
        "ca-certificates package",
    ] {
        assert!(
            error_lines[0].contains(fragment),
            "lacks {fragment:?}: {err}"
        );
    }
}

fn assert_nothing_stored(sb: &Sandbox) {
    assert!(sb.ok(&["images", "-q"]).stdout().is_empty());
    assert!(
        sb.leftovers().is_empty(),
        "left behind: {:?}",
        sb.leftovers()
    );
}

#[test]
fn a_blob_that_does_not_match_its_digest_stores_nothing() {
    let sb = Sandbox::new();
    sb.run(&["pull", &image_ref("corrupt:digest")])
        .assert_error(125, &["digest", "nothing was stored"]);
    assert_nothing_stored(&sb);
    // A good pull works right after.
    sb.pull("busybox:latest");
}

#[test]
fn a_corrupt_gzip_stream_stores_nothing() {
    let sb = Sandbox::new();
    sb.run(&["pull", &image_ref("corrupt:gzip")])
        .assert_error(125, &["corrupt"]);
    assert_nothing_stored(&sb);
}

#[test]
fn a_wrong_diff_id_stores_nothing() {
    let sb = Sandbox::new();
    sb.run(&["pull", &image_ref("corrupt:diffid")])
        .assert_error(125, &["diff", "config"]);
    assert_nothing_stored(&sb);
}

#[test]
fn hostile_layers_never_write_outside_their_directory() {
    let sb = Sandbox::new();
    let passwd = fs::read("/etc/passwd").unwrap();
    for name in [
        "evil:traversal",
        "evil:absolute",
        "evil:symlink",
        "evil:hardlink",
    ] {
        let run = sb.run(&["pull", &image_ref(name)]);
        assert!(
            run.code() == 0 || run.code() == 125,
            "{name}: {}",
            run.stderr()
        );
        if run.code() != 0 {
            assert!(run.stderr().contains("Error: "), "{}", run.stderr());
        }
    }
    assert_eq!(fs::read("/etc/passwd").unwrap(), passwd);
    for path in [
        "/tmp/burrow-evil-absolute",
        "/tmp/burrow-evil-symlink",
        "/tmp/escaped",
        "/tmp/escaped2",
    ] {
        assert!(
            !std::path::Path::new(path).exists(),
            "{path} was written on the host"
        );
    }
    for name in ["escaped", "escaped2"] {
        assert!(!sb.graph_root().join(name).exists());
        assert!(!sb.graph_root().join("layers").join(name).exists());
        assert!(!sb.home.join(name).exists());
    }
}

#[test]
fn an_owner_outside_the_subordinate_range_is_a_clear_error() {
    let sb = Sandbox::new();
    sb.run(&["pull", &image_ref("highuid:latest")])
        .assert_error(125, &["100000", "/etc/subuid", "usermod"]);
    assert_nothing_stored(&sb);
}

#[test]
fn a_user_without_subordinate_ids_is_warned_with_the_fix() {
    let sb = Sandbox::for_user(nosub_user());
    let run = sb.run(&["pull", &image_ref("busybox:latest")]);
    // busybox has files owned by uid 1000, which one mapped ID cannot own.
    run.assert_error(125, &["1000", "usermod --add-subuids"]);
    assert!(
        // A logrus-style warning line quotes its message, escaping the quotes inside.
        run.stderr()
            .contains(r#"level=warning msg="no subordinate IDs for user \"burrownosub\""#),
        "{}",
        run.stderr()
    );
}

#[test]
fn killing_a_pull_leaves_nothing_half_made() {
    let sb = Sandbox::new();
    let mut child = sb.spawn(&["pull", &image_ref("big:latest")]);
    let layers = sb.graph_root().join("layers");
    wait_for("a layer being extracted", Duration::from_secs(60), || {
        fs::read_dir(&layers)
            .map(|e| {
                e.flatten()
                    .any(|e| e.file_name().to_string_lossy().ends_with(".partial"))
            })
            .unwrap_or(false)
    });
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(sb.ok(&["images", "-q"]).stdout().is_empty());
    let run = sb.pull("big:latest");
    assert_eq!(run.stdout().trim(), fixture_id("big:latest"));
    assert!(sb.leftovers().is_empty(), "{:?}", sb.leftovers());
}

#[test]
fn a_full_disk_removes_the_partial_layer() {
    let sb = Sandbox::new();
    let small = sb.dir.join("small");
    fs::create_dir_all(&small).unwrap();
    let mount = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=8m,mode=0755"])
        .arg("tmpfs")
        .arg(&small)
        .status()
        .unwrap();
    assert!(mount.success());
    std::process::Command::new("chown")
        .arg(format!("{}:{}", sb.user.uid, sb.user.gid))
        .arg(&small)
        .status()
        .unwrap();
    let root = small.join("storage");
    let run = sb.run(&[
        "--root",
        root.to_str().unwrap(),
        "pull",
        &image_ref("big:latest"),
    ]);
    let leftovers: Vec<_> = fs::read_dir(root.join("layers"))
        .map(|e| {
            e.flatten()
                .map(|e| e.file_name())
                .filter(|n| n.to_string_lossy().contains('.'))
                .collect()
        })
        .unwrap_or_default();
    let _ = std::process::Command::new("umount").arg(&small).status();
    run.assert_error(125, &["No space left on device"]);
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn registries_conf_mirrors_blocks_and_aliases() {
    let sb = Sandbox::new();
    let reg = registry();
    sb.write_registries_conf(&format!(
        r#"unqualified-search-registries = ["{reg}"]

[[registry]]
location = "{reg}"
insecure = true

[[registry]]
location = "mirrored.invalid"
[[registry.mirror]]
location = "{reg}"
insecure = true

[[registry]]
location = "blocked.invalid"
blocked = true

[aliases]
"bb" = "{reg}/busybox"
"#
    ));
    // mirrored.invalid does not exist; its mirror serves the image, stored under the asked name.
    let run = sb.ok(&["pull", "-q", "mirrored.invalid/busybox:latest"]);
    assert_eq!(run.stdout().trim(), fixture_id("busybox:latest"));
    let names = sb
        .ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"])
        .stdout();
    assert_eq!(names.trim(), "mirrored.invalid/busybox:latest");

    sb.run(&["pull", "blocked.invalid/busybox"])
        .assert_error(125, &["blocked", "registries.conf"]);

    let alias = sb.ok(&["pull", "bb"]);
    assert!(
        alias.stderr().contains("Resolved \"bb\" as an alias"),
        "{}",
        alias.stderr()
    );
    let short = sb.ok(&["pull", "busybox"]);
    assert!(
        short
            .stderr()
            .contains("Resolving \"busybox\" using unqualified-search registries"),
        "{}",
        short.stderr()
    );
}
