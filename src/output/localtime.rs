//! The local time zone at a given moment, as the C library sees it (TZ, else /etc/localtime),
//! which is also what Go's Local location reads: podman prints event and process start times
//! in it.

use std::ffi::CStr;

/// The local zone in effect at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalZone {
    /// Seconds east of UTC.
    pub offset_secs: i32,
    /// The zone's abbreviation (`UTC`, `CET`, `EDT`); `None` when the C library has none,
    /// where Go prints the numeric offset instead.
    pub name: Option<String>,
}

/// The local zone at `unix_secs`; UTC when the C library cannot tell (a time out of its range).
pub fn localtime(unix_secs: i64) -> LocalZone {
    let time: libc::time_t = unix_secs;
    // SAFETY: `tm` is a plain C struct for which all-zero is a valid value; localtime_r only
    // writes into it and returns null on failure. tm_zone, when not null, points at a
    // NUL-terminated string in the C library's static zone data, copied out at once.
    unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&time, &mut tm).is_null() {
            return LocalZone {
                offset_secs: 0,
                name: Some("UTC".to_string()),
            };
        }
        let name = (!tm.tm_zone.is_null())
            .then(|| CStr::from_ptr(tm.tm_zone).to_string_lossy().into_owned())
            .filter(|name| !name.is_empty());
        LocalZone {
            offset_secs: tm.tm_gmtoff as i32,
            name,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Local, Offset, TimeZone};

    #[test]
    fn offset_agrees_with_chronos_local_zone() {
        // chrono reads the same TZ and zoneinfo itself; both must agree on every offset,
        // winter and summer.
        for secs in [0, 1_704_164_645, 1_719_792_000, 1_795_794_728] {
            let chrono = Local
                .timestamp_opt(secs, 0)
                .unwrap()
                .offset()
                .fix()
                .local_minus_utc();
            let zone = localtime(secs);
            assert_eq!(zone.offset_secs, chrono, "at {secs}");
            assert!(zone.name.as_deref().is_none_or(|n| !n.is_empty()));
        }
    }
}
