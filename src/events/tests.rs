use super::*;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn container_event(status: &str, id: &str, name: &str, time: &str) -> Event {
    let mut e = Event::container(
        status,
        id,
        name,
        "127.0.0.1:5000/busybox:latest",
        &labels(&[("app", "web"), ("tier", "front")]),
    );
    e.time = at(time);
    e
}

fn filter(args: &[&str]) -> EventFilter {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    EventFilter::parse(&args, None, None, Utc::now()).unwrap()
}

#[test]
fn stored_lines_use_podmans_keys_and_round_trip() {
    let e = container_event("died", "abc", "web", "2024-01-02T03:04:05.5Z").with_exit_code(3);
    let text = serde_json::to_string(&e).unwrap();
    assert_eq!(
        text,
        r#"{"ContainerExitCode":3,"ID":"abc","Image":"127.0.0.1:5000/busybox:latest","Name":"web","Status":"died","Time":"2024-01-02T03:04:05.500Z","Type":"container","Attributes":{"app":"web","tier":"front"}}"#
    );
    assert_eq!(parse_event(text.as_bytes()), Some(e));
    // a line of podman's own events file
    let podman = r#"{"ID":"8d9e","Image":"quay.io/libpod/testimage:20240123","Name":"c1","Status":"start","Time":"2024-03-01T10:20:30.123456789+01:00","Type":"container","Attributes":{"a":"b"}}"#;
    let e = parse_event(podman.as_bytes()).unwrap();
    assert_eq!(e.time, at("2024-03-01T09:20:30.123456789Z"));
    assert_eq!(e.kind, EventType::Container);
    assert!(parse_event(b"not json").is_none());
}

#[test]
fn append_creates_a_private_log_and_adds_one_line_per_event() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let log = log_path(dir.path());
    append_limited(
        &log,
        &container_event("create", "a", "x", "2024-01-01T00:00:00Z"),
        0,
    )
    .unwrap();
    append_limited(&log, &Event::image("pull", "sha", "busybox"), 0).unwrap();
    let text = std::fs::read_to_string(&log).unwrap();
    assert_eq!(text.lines().count(), 2);
    assert!(text.ends_with('\n'));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&log), 0o600);
    assert_eq!(mode(log.parent().unwrap()), 0o700);
}

#[test]
fn concurrent_appends_never_interleave() {
    let dir = tempfile::tempdir().unwrap();
    let log = log_path(dir.path());
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let log = log.clone();
            std::thread::spawn(move || {
                let big = labels(&[("blob", &"x".repeat(5000))]);
                for i in 0..50 {
                    let e = Event::container("start", &format!("{t}-{i}"), "n", "img", &big);
                    append_limited(&log, &e, 0).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let text = std::fs::read_to_string(&log).unwrap();
    assert_eq!(text.lines().count(), 200);
    assert!(text.lines().all(|l| parse_event(l.as_bytes()).is_some()));
}

#[test]
fn filters_or_within_a_key_and_across_keys_and() {
    let a = container_event("start", "aaaa1111", "web", "2024-01-01T00:00:00Z");
    let b = container_event("stop", "bbbb2222", "db", "2024-01-01T00:00:01Z");
    let img = Event::image("pull", "cccc3333", "busybox");
    let all = [&a, &b, &img];
    let names = |f: &EventFilter| -> Vec<String> {
        all.iter()
            .filter(|e| f.matches(e))
            .map(|e| e.id.clone())
            .collect()
    };
    assert_eq!(
        names(&filter(&["container=web", "container=bbbb"])),
        ["aaaa1111", "bbbb2222"]
    );
    assert_eq!(
        names(&filter(&["container=web", "event=stop"])),
        Vec::<String>::new()
    );
    assert_eq!(
        names(&filter(&["event=stop", "event=pull"])),
        ["bbbb2222", "cccc3333"]
    );
    assert_eq!(names(&filter(&["type=image"])), ["cccc3333"]);
    assert_eq!(names(&filter(&["image=busybox"])), ["cccc3333"]);
    // the image filter is about image events only, as in podman
    assert_eq!(
        names(&filter(&["image=127.0.0.1:5000/busybox:latest"])),
        Vec::<String>::new()
    );
    assert_eq!(names(&filter(&["label=app"])), ["aaaa1111", "bbbb2222"]);
    assert_eq!(
        names(&filter(&["label=app=web", "container=db"])),
        ["bbbb2222"]
    );
    assert_eq!(names(&filter(&["label=app=db"])), Vec::<String>::new());
    // keys are grouped as typed: event= and status= must both match
    assert_eq!(
        names(&filter(&["event=start", "status=stop"])),
        Vec::<String>::new()
    );
    assert_eq!(
        names(&filter(&["EVENT=start", "event=stop"])),
        Vec::<String>::new()
    );
    let died = container_event("died", "d", "x", "2024-01-01T00:00:00Z");
    assert!(filter(&["event=die"]).matches(&died));
}

#[test]
fn bad_filters_use_podmans_messages() {
    let parse = |args: &[&str], since: Option<&str>| {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        EventFilter::parse(&args, since, None, Utc::now())
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        parse(&["foo=bar"], None),
        "failed to parse event filters: foo is an invalid filter"
    );
    assert_eq!(
        parse(&["nokey"], None),
        "failed to parse event filters: nokey is an invalid filter"
    );
    assert_eq!(
        parse(&[], Some("later")),
        "failed to parse event filters: unable to convert since time of later: unable to interpret time value"
    );
}

#[test]
fn since_and_until_are_strict() {
    let now = at("2024-01-01T00:10:00Z");
    let f = EventFilter::parse(&[], Some("2024-01-01T00:00:00Z"), Some("5m"), now).unwrap();
    assert!(!f.matches(&container_event("start", "a", "a", "2024-01-01T00:00:00Z")));
    assert!(f.matches(&container_event("start", "a", "a", "2024-01-01T00:00:01Z")));
    assert!(f.matches(&container_event("start", "a", "a", "2024-01-01T00:14:59Z")));
    assert!(!f.matches(&container_event("start", "a", "a", "2024-01-01T00:15:00Z")));
}

#[test]
fn human_lines_match_podman() {
    let e = container_event("start", "0123456789abcdef", "web", "2024-01-02T03:04:05.5Z");
    let line = human_line(&e, false);
    let time = output::go_local_time_string(e.time);
    assert_eq!(
        line,
        format!(
            "{time} container start 0123456789abcdef (image=127.0.0.1:5000/busybox:latest, name=web, app=web, tier=front)"
        )
    );
    assert!(human_line(&e, true).contains(" start 0123456789ab (image="));
    let mut img = Event::image("pull", "feed", "docker.io/library/busybox:latest");
    img.time = e.time;
    assert_eq!(
        human_line(&img, false),
        format!("{time} image pull feed docker.io/library/busybox:latest")
    );
}

#[test]
fn json_and_templates_use_podmans_fields() {
    let e = container_event("died", "abc", "web<1>", "2024-01-02T03:04:05.5Z").with_exit_code(1);
    let json = EventFormat::from_flag(Some("json"), true)
        .render(&e)
        .unwrap();
    assert_eq!(
        json,
        "{\"ContainerExitCode\":1,\"ID\":\"abc\",\"Image\":\"127.0.0.1:5000/busybox:latest\",\"Name\":\"web\\u003c1\\u003e\",\"Status\":\"died\",\"time\":1704164645,\"timeNano\":1704164645500000000,\"Type\":\"container\",\"Attributes\":{\"app\":\"web\",\"tier\":\"front\"}}\n"
    );
    let img = Event::image("pull", "feed", "busybox");
    let json = EventFormat::Json.render(&img).unwrap();
    assert!(
        json.ends_with("\"Type\":\"image\",\"Attributes\":null}\n"),
        "{json}"
    );
    let t = EventFormat::from_flag(Some("{{.ID}}--{{.Status}}--{{.Time}}--{{.Type}}"), true);
    assert_eq!(t.render(&e).unwrap(), "abc--died--1704164645--container\n");
    let t = EventFormat::from_flag(Some("{{.Attributes.app}} {{.ContainerExitCode}}"), true);
    assert_eq!(t.render(&e).unwrap(), "web 1\n");
    let t = EventFormat::from_flag(Some("{{.Nope}}"), true);
    assert!(t.render(&e).is_err());
}

#[test]
fn reading_without_stream_prints_what_matches_and_skips_junk() {
    let dir = tempfile::tempdir().unwrap();
    let log = log_path(dir.path());
    append_limited(
        &log,
        &container_event("create", "a", "x", "2024-01-01T00:00:00Z"),
        0,
    )
    .unwrap();
    std::fs::OpenOptions::new()
        .append(true)
        .open(&log)
        .unwrap()
        .write_all(b"junk\n")
        .unwrap();
    append_limited(
        &log,
        &container_event("start", "a", "x", "2024-01-01T00:00:01Z"),
        0,
    )
    .unwrap();
    let f = filter(&["event=start"]);
    let mut seen = Vec::new();
    read_events(
        &ReadEvents {
            log: &log,
            filter: &f,
            stream: false,
            from_start: true,
        },
        &mut |e| {
            seen.push(e.status.clone());
            true
        },
    )
    .unwrap();
    assert_eq!(seen, ["start"]);
    // a missing log is no error when not streaming
    let missing = dir.path().join("none/events.log");
    read_events(
        &ReadEvents {
            log: &missing,
            filter: &f,
            stream: false,
            from_start: true,
        },
        &mut |_| true,
    )
    .unwrap();
}

#[test]
fn streaming_waits_for_new_events_and_stops_at_until() {
    let dir = tempfile::tempdir().unwrap();
    let log = log_path(dir.path());
    append_limited(
        &log,
        &container_event("create", "old", "x", "2024-01-01T00:00:00Z"),
        0,
    )
    .unwrap();
    let writer = {
        let log = log.clone();
        std::thread::spawn(move || {
            for i in 0..3 {
                std::thread::sleep(Duration::from_millis(50));
                append_limited(
                    &log,
                    &Event::container("start", &format!("n{i}"), "x", "i", &BTreeMap::new()),
                    0,
                )
                .unwrap();
            }
        })
    };
    let f = EventFilter::parse(&[], None, Some("700ms"), Utc::now()).unwrap();
    let mut seen = Vec::new();
    let start = std::time::Instant::now();
    read_events(
        &ReadEvents {
            log: &log,
            filter: &f,
            stream: true,
            from_start: false,
        },
        &mut |e| {
            seen.push(e.id.clone());
            true
        },
    )
    .unwrap();
    writer.join().unwrap();
    let elapsed = start.elapsed();
    assert!(elapsed >= Duration::from_millis(600) && elapsed < Duration::from_secs(3));
    assert_eq!(seen, ["n0", "n1", "n2"]);
}
