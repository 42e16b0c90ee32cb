//! podman's `--since`/`--until` time syntax (`util.ParseInputTime`): RFC 3339 variants, a
//! date, unix seconds (with a fraction), or a Go duration counted from now.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};

#[derive(Debug, thiserror::Error, PartialEq)]
#[error("unable to interpret time value")]
pub struct TimeError;

/// Parses a `--since` (`since` = true: a duration means now minus it) or `--until` (a
/// duration means now plus it, as podman does) value. Times without a zone are UTC.
pub fn parse_input_time(
    input: &str,
    since: bool,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, TimeError> {
    if let Some(t) = parse_timestamp(input) {
        return Ok(t);
    }
    if let Some(t) = parse_unix_seconds(input) {
        return Ok(t);
    }
    let nanos = parse_go_duration(input).ok_or(TimeError)?;
    let d = Duration::nanoseconds(nanos);
    Ok(if since { now - d } else { now + d })
}

/// Go's layouts in podman's order: RFC3339(Nano), `2006-01-02T15:04:05` with an optional
/// fraction (UTC), `2006-01-02Z07:00`, `2006-01-02` (UTC midnight).
fn parse_timestamp(input: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(input)
        && input.as_bytes().get(10) == Some(&b'T')
    {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(input, "%Y-%m-%dT%H:%M:%S%.f")
        && strict_date_time(input)
    {
        return Some(Utc.from_utc_datetime(&t));
    }
    if input.len() > 10
        && let Ok(day) = NaiveDate::parse_from_str(&input[..10], "%Y-%m-%d")
        && strict_date(&input[..10])
    {
        let zone = &input[10..];
        let midnight = day.and_hms_opt(0, 0, 0)?;
        if zone == "Z" {
            return Some(Utc.from_utc_datetime(&midnight));
        }
        let offset = DateTime::parse_from_rfc3339(&format!("2000-01-01T00:00:00{zone}")).ok()?;
        let local = offset.offset().from_local_datetime(&midnight).single()?;
        return Some(local.with_timezone(&Utc));
    }
    if strict_date(input)
        && let Ok(day) = NaiveDate::parse_from_str(input, "%Y-%m-%d")
    {
        return Some(Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0)?));
    }
    None
}

/// Go wants exactly `dddd-dd-dd`; chrono would also take `2024-1-1`.
fn strict_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

fn strict_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 19
        && strict_date(&s[..10])
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && [11, 12, 14, 15, 17, 18]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
}

/// `strconv.ParseFloat` then `time.Unix(int, frac*1e9)`.
fn parse_unix_seconds(input: &str) -> Option<DateTime<Utc>> {
    if input.is_empty()
        || !input
            .bytes()
            .all(|c| c.is_ascii_digit() || b".eE+-".contains(&c))
    {
        return None;
    }
    let value: f64 = input.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    let secs = value.trunc();
    let nanos = ((value - secs) * 1e9) as i64;
    DateTime::from_timestamp(secs as i64, 0).map(|t| t + Duration::nanoseconds(nanos))
}

/// Go's `time.ParseDuration` in nanoseconds: `[-+]` then one or more `<number><unit>`
/// (ns, us, µs, ms, s, m, h), numbers possibly with a fraction; a bare `0` is allowed.
pub fn parse_go_duration(input: &str) -> Option<i64> {
    let (negative, mut rest) = match input.as_bytes().first()? {
        b'-' => (true, &input[1..]),
        b'+' => (false, &input[1..]),
        _ => (false, input),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total: f64 = 0.0;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number = &rest[..number_len];
        if number.is_empty() || number == "." || number.matches('.').count() > 1 {
            return None;
        }
        let value: f64 = number.parse().ok()?;
        rest = &rest[number_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let scale = match &rest[..unit_len] {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        rest = &rest[unit_len..];
        total += value * scale;
    }
    if total > i64::MAX as f64 {
        return None;
    }
    let nanos = total.round() as i64;
    Some(if negative { -nanos } else { nanos })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2024-05-01T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn timestamps_in_podman_layouts() {
        let p = |s| parse_input_time(s, true, now());
        assert_eq!(
            p("2024-01-02T03:04:05.5+01:00"),
            Ok(at("2024-01-02T02:04:05.5Z"))
        );
        assert_eq!(p("2024-01-02T03:04:05Z"), Ok(at("2024-01-02T03:04:05Z")));
        assert_eq!(p("2024-01-02T03:04:05"), Ok(at("2024-01-02T03:04:05Z")));
        assert_eq!(
            p("2024-01-02T03:04:05.25"),
            Ok(at("2024-01-02T03:04:05.25Z"))
        );
        assert_eq!(p("2024-01-02"), Ok(at("2024-01-02T00:00:00Z")));
        assert_eq!(p("2024-01-02Z"), Ok(at("2024-01-02T00:00:00Z")));
        assert_eq!(p("2024-01-02-02:00"), Ok(at("2024-01-02T02:00:00Z")));
        assert_eq!(p("2024-1-2"), Err(TimeError));
    }

    #[test]
    fn unix_seconds_with_fraction() {
        let p = |s| parse_input_time(s, true, now());
        assert_eq!(p("1000"), Ok(at("1970-01-01T00:16:40Z")));
        assert_eq!(p("1000.5"), Ok(at("1970-01-01T00:16:40.5Z")));
    }

    #[test]
    fn durations_count_back_for_since_and_forward_for_until() {
        assert_eq!(
            parse_input_time("10m", true, now()),
            Ok(at("2024-05-01T11:50:00Z"))
        );
        assert_eq!(
            parse_input_time("1h30s", false, now()),
            Ok(at("2024-05-01T13:00:30Z"))
        );
        assert_eq!(
            parse_input_time("-1s", true, now()),
            Ok(at("2024-05-01T12:00:01Z"))
        );
        assert_eq!(parse_input_time("10x", true, now()), Err(TimeError));
        assert_eq!(parse_input_time("", true, now()), Err(TimeError));
        assert_eq!(parse_input_time("yesterday", true, now()), Err(TimeError));
    }

    #[test]
    fn go_durations() {
        assert_eq!(parse_go_duration("0"), Some(0));
        assert_eq!(parse_go_duration("1.5h"), Some(5_400_000_000_000));
        assert_eq!(parse_go_duration("2m3s4ms"), Some(123_004_000_000));
        assert_eq!(parse_go_duration("300µs"), Some(300_000));
        assert_eq!(parse_go_duration("5"), None);
        assert_eq!(parse_go_duration("s"), None);
        assert_eq!(parse_go_duration("-"), None);
    }
}
