//! `push`: images go to a registry and come back the same (config digest, diff IDs), checked
//! with burrow and with skopeo as an independent client; bearer tokens, credentials, errors.

mod common;

use std::process::Command;

use common::*;
use serde_json::Value;

/// A repository name no other test (or earlier run) has pushed to.
fn fresh_repository(what: &str) -> String {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("pushed/{what}-{}-{nanos}-{n}", std::process::id())
}

fn skopeo(args: &[&str]) -> Vec<u8> {
    let output = Command::new("skopeo").args(args).output().unwrap();
    assert!(
        output.status.success(),
        "skopeo {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// The manifest and config as skopeo reads them from the registry.
fn skopeo_view(reference: &str) -> (Value, Value, String) {
    let url = format!("docker://{reference}");
    let raw = skopeo(&["inspect", "--tls-verify=false", "--raw", &url]);
    let config = skopeo(&["inspect", "--tls-verify=false", "--config", &url]);
    let inspect: Value =
        serde_json::from_slice(&skopeo(&["inspect", "--tls-verify=false", &url])).unwrap();
    (
        serde_json::from_slice(&raw).unwrap(),
        serde_json::from_slice(&config).unwrap(),
        inspect["Digest"].as_str().unwrap().to_string(),
    )
}

fn diff_ids(fixture_name: &str) -> Vec<String> {
    fixture(fixture_name)["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["diff_id"].as_str().unwrap().to_string())
        .collect()
}

/// Pulls `reference` into an empty store and checks it is `fixture_name`'s image.
fn pulls_back_as(reference: &str, fixture_name: &str) {
    let sb = Sandbox::new();
    let run = sb.ok(&["pull", "-q", "--tls-verify=false", reference]);
    assert_eq!(run.stdout().trim(), fixture_id(fixture_name));
    let layers = sb.ok(&[
        "image",
        "inspect",
        "--format",
        "{{json .RootFS.Layers}}",
        reference,
    ]);
    let layers: Vec<String> = serde_json::from_str(layers.stdout().trim()).unwrap();
    assert_eq!(layers, diff_ids(fixture_name));
}

#[test]
fn a_pushed_image_comes_back_with_its_config_digest_and_diff_ids() {
    // layers:latest holds gzip, zstd and uncompressed layers: the plain one goes up gzipped.
    let sb = Sandbox::new();
    sb.pull("layers:latest");
    let dest = format!("{}/{}:v1", registry(), fresh_repository("layers"));
    let digestfile = sb.home.join("digest");
    let run = sb.ok(&[
        "push",
        "--digestfile",
        digestfile.to_str().unwrap(),
        &image_ref("layers:latest"),
        &format!("docker://{dest}"),
    ]);
    assert!(run.stdout().is_empty(), "push printed {:?}", run.stdout());
    assert!(
        run.stderr()
            .contains("Writing manifest to image destination")
    );

    let (manifest, config, digest) = skopeo_view(&dest);
    assert_eq!(
        manifest["config"]["digest"].as_str().unwrap(),
        fixture("layers:latest")["config_digest"].as_str().unwrap()
    );
    assert_eq!(
        config["rootfs"]["diff_ids"],
        serde_json::json!(diff_ids("layers:latest"))
    );
    let media_types: Vec<&str> = manifest["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["mediaType"].as_str().unwrap())
        .collect();
    assert_eq!(
        media_types,
        [
            "application/vnd.oci.image.layer.v1.tar+gzip",
            "application/vnd.oci.image.layer.v1.tar+gzip",
            "application/vnd.oci.image.layer.v1.tar+zstd",
            "application/vnd.oci.image.layer.v1.tar+gzip",
            "application/vnd.oci.image.layer.v1.tar+gzip",
        ]
    );
    assert_eq!(std::fs::read_to_string(&digestfile).unwrap(), digest);
    pulls_back_as(&dest, "layers:latest");

    // Everything is there now: a second push uploads nothing.
    let again = sb.ok(&["push", &image_ref("layers:latest"), &dest]);
    assert!(
        again.stderr().contains("skipped: already exists"),
        "{}",
        again.stderr()
    );
}

#[test]
fn zstd_and_docker_schema_2_are_pushed_as_asked() {
    let sb = Sandbox::new();
    sb.pull("busybox:latest");
    let zstd = format!("{}/{}:zstd", registry(), fresh_repository("busybox"));
    sb.ok(&[
        "push",
        "-q",
        "--compression-format",
        "zstd",
        "busybox",
        &zstd,
    ]);
    let (manifest, config, _) = skopeo_view(&zstd);
    assert_eq!(
        manifest["layers"][0]["mediaType"],
        "application/vnd.oci.image.layer.v1.tar+zstd"
    );
    assert_eq!(
        config["rootfs"]["diff_ids"],
        serde_json::json!(diff_ids("busybox:latest"))
    );
    pulls_back_as(&zstd, "busybox:latest");

    let docker = format!("{}/{}:docker", registry(), fresh_repository("busybox"));
    sb.ok(&[
        "image", "push", "-q", "--format", "v2s2", "busybox", &docker,
    ]);
    let (manifest, _, _) = skopeo_view(&docker);
    assert_eq!(
        manifest["mediaType"],
        "application/vnd.docker.distribution.manifest.v2+json"
    );
    assert_eq!(
        manifest["config"]["mediaType"],
        "application/vnd.docker.container.image.v1+json"
    );
    assert_eq!(
        manifest["layers"][0]["mediaType"],
        "application/vnd.docker.image.rootfs.diff.tar.gzip"
    );
    pulls_back_as(&docker, "busybox:latest");

    sb.run(&[
        "push",
        "--format",
        "v2s2",
        "--compression-format",
        "zstd",
        "busybox",
        &docker,
    ])
    .assert_error(
        125,
        &["--compression-format zstd cannot be used with --format v2s2"],
    );
}

#[test]
fn pushing_to_the_token_registry_needs_credentials_and_renews_expired_tokens() {
    let mut sb = Sandbox::new();
    sb.pull("busybox:latest");
    let address = token_registry();
    let dest = format!("{address}/{}:v1", fresh_repository("token"));
    sb.run(&["push", "--tls-verify=false", "busybox", &dest])
        .assert_error(
            125,
            &[
                "authentication required",
                &format!("burrow login {address}"),
            ],
        );
    sb.run(&[
        "push",
        "--tls-verify=false",
        "--creds",
        "burrow:wrong",
        "busybox",
        &dest,
    ])
    .assert_error(
        125,
        &["unable to retrieve auth token: invalid username/password"],
    );

    sb.ok(&[
        "login",
        "--tls-verify=false",
        "-u",
        TOKEN_USER.0,
        "-p",
        TOKEN_USER.1,
        &address,
    ]);
    sb.ok(&["push", "--tls-verify=false", "busybox", &dest]);
    // Anonymous tokens may pull.
    pulls_back_as(&dest, "busybox:latest");

    // burrowshort's tokens die after 3 seconds; each blob waits 4 before it goes up.
    let (user, password) = TOKEN_SHORT_USER;
    let short = format!("{address}/{}:v1", fresh_repository("short"));
    sb.envs
        .push(("BURROW_FAILPOINT_PAUSE".into(), "push.before-blob=4".into()));
    sb.ok(&[
        "push",
        "--tls-verify=false",
        "--creds",
        &format!("{user}:{password}"),
        "busybox",
        &short,
    ]);
    pulls_back_as(&short, "busybox:latest");
}

#[test]
fn push_errors_name_the_image_the_registry_and_the_fix() {
    let sb = Sandbox::new();
    sb.run(&["push", "nosuch", &format!("{}/nosuch:1", registry())])
        .assert_error(125, &["nosuch: image not known"]);
    sb.pull("busybox:latest");
    sb.run(&[
        "push",
        "--tls-verify=false",
        "busybox",
        "127.0.0.1:1/nowhere:1",
    ])
    .assert_error(
        125,
        &["cannot connect to registry 127.0.0.1:1", "registries.conf"],
    );
    sb.run(&["push", "busybox", "oci-archive:/tmp/x.tar"])
        .assert_error(125, &["transport \"oci-archive\" is not supported by push"]);

    // A layer pulled by an older burrow has no blob to push.
    let diff_id = &diff_ids("busybox:latest")[0];
    let blob = sb.layer_diff(diff_id).with_file_name("blob");
    assert!(blob.exists(), "pull stored no blob at {}", blob.display());
    std::fs::remove_file(&blob).unwrap();
    sb.run(&[
        "push",
        "busybox",
        &format!("{}/{}", registry(), fresh_repository("old")),
    ])
    .assert_error(
        125,
        &[
            &format!("layer {diff_id} has no stored blob (pulled by an older burrow)"),
            "pull it again",
        ],
    );
}

/// Tokens the token service has issued to `account` (tests/fixtures/token_server.py logs one
/// line `token ACCOUNT SCOPES` per token; setup.sh keeps the log here).
fn tokens_issued_to(account: &str) -> usize {
    let log = std::fs::read_to_string("/var/tmp/burrow-token-service.log").unwrap_or_default();
    let prefix = format!("token {account} ");
    log.lines().filter(|l| l.starts_with(&prefix)).count()
}

#[test]
fn a_multi_layer_push_outlives_its_token() {
    let mut sb = Sandbox::new();
    sb.pull("layers:latest");
    let (user, password) = TOKEN_SHORT_USER;
    let dest = format!(
        "{}/{}:v1",
        token_registry(),
        fresh_repository("shortlayers")
    );
    // burrowshort's tokens die after 3 seconds; every blob waits 4 before it goes up, so
    // the registry refuses the first token once the first blob is due.
    sb.envs
        .push(("BURROW_FAILPOINT_PAUSE".into(), "push.before-blob=4".into()));
    let before = tokens_issued_to(user);
    sb.ok(&[
        "push",
        "--tls-verify=false",
        "--creds",
        &format!("{user}:{password}"),
        "layers",
        &dest,
    ]);
    let issued = tokens_issued_to(user) - before;
    assert!(
        issued >= 2,
        "burrow asked for {issued} token(s): it did not ask again after a 401"
    );
    pulls_back_as(&dest, "layers:latest");
}
