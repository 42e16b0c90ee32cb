//! Bearer-token auth, as Docker Hub, ghcr.io and quay.io ask for it: pulls through the
//! fixtures' token registry (tests/fixtures/README.md), anonymous and with credentials.

mod common;

use common::*;

/// A sandbox whose registries.conf lets it talk plain HTTP to the token registry.
fn token_sandbox() -> (Sandbox, String) {
    let address = token_registry();
    let sb = Sandbox::new();
    sb.write_registries_conf(&format!(
        "unqualified-search-registries = [\"{address}\"]\n[[registry]]\nlocation = \"{address}\"\ninsecure = true\n"
    ));
    (sb, address)
}

#[test]
fn an_anonymous_pull_gets_a_pull_token_for_the_repository() {
    let (sb, address) = token_sandbox();
    let run = sb.ok(&["pull", "-q", &format!("{address}/busybox:latest")]);
    assert_eq!(run.stdout().trim(), fixture_id("busybox:latest"));
    assert_eq!(
        sb.ok(&["run", "--rm", "busybox", "cat", "/etc/hostname"])
            .code(),
        0
    );
    sb.run(&["pull", &format!("{address}/nothing-here:latest")])
        .assert_error(
            125,
            &["nothing-here:latest: image not known to the registry"],
        );
}

#[test]
fn login_stores_credentials_that_the_token_service_accepts() {
    let (sb, address) = token_sandbox();
    let (user, password) = TOKEN_USER;
    sb.run(&["login", "-u", user, "-p", "wrong", &address])
        .assert_error(
            125,
            &[&format!(
                "logging into \"{address}\": invalid username/password"
            )],
        );
    assert!(
        sb.ok(&["login", "-u", user, "-p", password, &address])
            .stdout()
            .contains("Login Succeeded!")
    );
    let run = sb.ok(&["pull", "-q", &format!("{address}/busybox:latest")]);
    assert_eq!(run.stdout().trim(), fixture_id("busybox:latest"));
}

#[test]
fn a_wrong_password_is_refused_by_the_token_service_with_podmans_text() {
    let (sb, address) = token_sandbox();
    let image = format!("{address}/busybox:latest");
    sb.run(&[
        "pull",
        "--creds",
        &format!("{}:wrong", TOKEN_USER.0),
        &image,
    ])
    .assert_error(
        125,
        &[
            &format!("{image}: unable to retrieve auth token: invalid username/password"),
            &format!("burrow login {address}"),
        ],
    );
    assert!(sb.ok(&["images", "-q"]).stdout().is_empty());
    let run = sb.ok(&[
        "pull",
        "-q",
        "--creds",
        &format!("{}:{}", TOKEN_USER.0, TOKEN_USER.1),
        &image,
    ]);
    assert_eq!(run.stdout().trim(), fixture_id("busybox:latest"));
}
