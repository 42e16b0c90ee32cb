//! `burrow top` as the unprivileged test user: each of psgo's columns shows what podman shows
//! for the same container (values read from podman 4.3 on this machine).

mod common;

use common::*;

/// The one process row of `top NAME DESCRIPTOR`, as printed.
fn column(sb: &Sandbox, name: &str, descriptor: &str) -> String {
    let out = sb.ok(&["top", name, descriptor]).stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "one header and one process: {out:?}");
    lines[1].to_string()
}

#[test]
fn top_columns_show_the_containers_view_of_its_process() {
    let sb = sandbox_with_busybox();
    sb.ok(&["run", "-d", "--name", "t", "busybox", "sleep", "1000"]);
    let me = sb.user.name.as_str();
    for (descriptor, shown) in [
        ("user", "root"),
        ("ruser", "root"),
        ("pid", "1"),
        ("ppid", "0"),
        ("pgid", "1"),
        // psgo joins the command line's NUL-separated pieces, the empty last one included
        ("args", "sleep 1000 "),
        ("comm", "sleep"),
        ("tty", "?"),
        ("group", "root"),
        ("rgroup", "root"),
        ("groups", ""),
        ("nice", "0"),
        ("state", "S"),
        ("time", "0s"),
        ("seccomp", "filter"),
        (
            "capeff",
            "CHOWN,DAC_OVERRIDE,FOWNER,FSETID,KILL,NET_BIND_SERVICE,SETFCAP,SETGID,SETPCAP,SETUID,SYS_CHROOT",
        ),
        ("capamb", "none"),
        ("label", "?"),
        // the container's root is the user outside
        ("huser", me),
    ] {
        assert_eq!(column(&sb, "t", descriptor), shown, "{descriptor}");
    }
    let pid = sb.inspect("t")["State"]["Pid"].as_i64().unwrap();
    assert_eq!(column(&sb, "t", "hpid"), pid.to_string());
    assert_eq!(column(&sb, "t", "pcpu"), "0.000");

    // Go's time.Duration and time.Time strings, e.g. "4.891143903s" and
    // "2026-12-07 08:18:58 +0000 UTC".
    let etime = column(&sb, "t", "etime");
    assert!(
        etime.ends_with('s') && etime[..etime.len() - 1].parse::<f64>().is_ok(),
        "{etime}"
    );
    let stime = column(&sb, "t", "stime");
    let fields: Vec<&str> = stime.split(' ').collect();
    assert_eq!(fields.len(), 4, "{stime}");
    assert!(
        chrono::NaiveDate::parse_from_str(fields[0], "%Y-%m-%d").is_ok(),
        "{stime}"
    );
    assert!(
        chrono::NaiveTime::parse_from_str(fields[1], "%H:%M:%S").is_ok(),
        "{stime}"
    );
    assert!(
        fields[2].starts_with(['+', '-']) && fields[2].len() == 5,
        "{stime}"
    );

    // in the caller's zone, named as the C library names it
    let out = sb
        .command(&["top", "t", "stime"])
        .env("TZ", "America/St_Johns")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&out.stdout);
    let zone: Vec<&str> = out.lines().nth(1).unwrap().split(' ').skip(2).collect();
    assert!(
        zone == ["-0330", "NST"] || zone == ["-0230", "NDT"],
        "{out}"
    );

    // several descriptors, comma-separated or not, and AIX codes
    let out = sb.ok(&["top", "t", "pid,%U", "args"]).stdout();
    assert_eq!(
        out.lines()
            .next()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["PID", "USER", "COMMAND"]
    );
    sb.run(&["top", "t", "bogus"])
        .assert_error(125, &["'bogus': unknown descriptor"]);
}
