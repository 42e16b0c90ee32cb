use super::*;

#[test]
fn names_follow_podmans_rule() {
    for good in ["a", "v1", "my_vol.2-x", "0abc"] {
        assert!(validate_name(good).is_ok(), "{good}");
    }
    for bad in [
        "", "a/b", "/abs", ".hidden", "-x", "_x", "a:b", "a b", "..", "é",
    ] {
        let err = validate_name(bad).unwrap_err().to_string();
        assert!(err.contains("[a-zA-Z0-9][a-zA-Z0-9_.-]*"), "{bad}: {err}");
    }
}

#[test]
fn random_names_are_64_hex_digits() {
    let name = random_name().unwrap();
    assert_eq!(name.len(), 64);
    assert!(name.bytes().all(|b| b.is_ascii_hexdigit()));
    assert!(validate_name(&name).is_ok());
}

#[test]
fn staged_names_carry_the_creators_pid() {
    assert_eq!(plan::partial_pid("data.123.partial"), Some(123));
    assert_eq!(plan::partial_pid("a.b.77.partial"), Some(77));
    assert_eq!(plan::partial_pid("data.removing"), None);
    assert_eq!(plan::partial_pid("data.x.partial"), None);
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn options_are_checked_as_podmans_local_driver() {
    let parsed = parse_options(&pairs(&[("o", "uid=1000,gid=10,nodev")])).unwrap();
    assert_eq!(parsed.uid, Some(1000));
    assert_eq!(parsed.gid, Some(10));
    assert_eq!(parsed.options["UID"], "1000");
    assert_eq!(parsed.options["o"], "uid=1000,gid=10,nodev");
    let err = parse_options(&pairs(&[("foo", "bar")])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid mount option foo for driver 'local': invalid argument"
    );
    assert!(parse_options(&pairs(&[("o", "uid=x")])).is_err());
    let err = parse_options(&pairs(&[("type", "tmpfs")])).unwrap_err();
    assert!(err.to_string().contains("only root"), "{err}");
    assert!(parse_options(&pairs(&[("size", "10m")])).is_ok());
}

fn record(name: &str) -> VolumeRecord {
    VolumeRecord {
        name: name.into(),
        driver: "local".into(),
        labels: Default::default(),
        options: Default::default(),
        created: Utc::now(),
        anonymous: false,
        needs_copy_up: true,
        uid: None,
        gid: None,
    }
}

#[test]
fn create_is_all_or_nothing_and_names_are_unique() {
    let dir = tempfile::tempdir().unwrap();
    let volumes = VolumeStore::new(dir.path().join("volumes"));
    volumes.create(&record("v1")).unwrap();
    assert!(volumes.data_dir("v1").is_dir());
    assert_eq!(volumes.find("v1").unwrap().name, "v1");
    let again = volumes.create(&record("v1")).unwrap_err();
    assert_eq!(
        again.to_string(),
        "volume with name v1 already exists: volume already exists"
    );
    assert!(matches!(
        volumes.find("nope"),
        Err(VolumeError::NotFound { .. })
    ));
    // A dead creator's staging is swept; no volume shows for it.
    let dead = dir.path().join("volumes/.v2.999999999.partial");
    std::fs::create_dir_all(dead.join("_data")).unwrap();
    let names: Vec<String> = volumes
        .list()
        .unwrap()
        .into_iter()
        .map(|v| v.name)
        .collect();
    assert_eq!(names, ["v1"]);
    assert!(!dead.exists());
}

#[test]
fn removal_frees_the_name_first() {
    let dir = tempfile::tempdir().unwrap();
    let volumes = VolumeStore::new(dir.path().to_path_buf());
    volumes.create(&record("v1")).unwrap();
    let lock = volumes.lock("v1").unwrap().unwrap();
    let doomed = volumes.unpublish(lock).unwrap();
    assert!(volumes.get("v1").unwrap().is_none());
    assert_eq!(volumes.abandoned_removals(), vec![doomed]);
    volumes.create(&record("v1")).unwrap();
}
