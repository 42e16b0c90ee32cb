//! Parsing of /etc/subuid and /etc/subgid and planning of the ID mapping (pure, no syscalls).

use serde::Serialize;

/// One line of an ID map: `size` IDs starting at `container_id` inside map to `host_id` outside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct IdMap {
    pub container_id: u32,
    pub host_id: u32,
    pub size: u32,
}

/// A range of subordinate IDs granted to a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubRange {
    pub start: u32,
    pub count: u32,
}

/// Parses the text of /etc/subuid or /etc/subgid and returns the ranges that belong to the user,
/// matched by name or by numeric ID as shadow-utils does. Malformed lines are skipped, as
/// newuidmap skips them, so one bad entry of another user never locks everybody out.
pub fn ranges_for(text: &str, name: Option<&str>, id: u32) -> Vec<SubRange> {
    let id_text = id.to_string();
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                return None;
            }
            let mut fields = line.split(':');
            let owner = fields.next()?;
            let start = fields.next()?.trim().parse::<u32>().ok()?;
            let count = fields.next()?.trim().parse::<u32>().ok()?;
            if fields.next().is_some() || count == 0 {
                return None;
            }
            let ours = owner == id_text || name.is_some_and(|n| n == owner);
            ours.then_some(SubRange { start, count })
        })
        .collect()
}

/// Whether a /proc/PID/uid_map (or gid_map) text maps ID 0 of its namespace to `id` outside.
pub fn root_maps_to(map: &str, id: u32) -> bool {
    map.lines().any(|line| {
        let mut words = line.split_whitespace().map(str::parse::<u32>);
        matches!(
            (words.next(), words.next()),
            (Some(Ok(0)), Some(Ok(outside))) if outside == id
        )
    })
}

/// Plans the rootless mapping: the user's own ID becomes 0 inside, and the subordinate ranges
/// follow from 1 on, in file order, as podman maps them.
pub fn plan_mapping(own_id: u32, ranges: &[SubRange]) -> Vec<IdMap> {
    let mut maps = vec![IdMap {
        container_id: 0,
        host_id: own_id,
        size: 1,
    }];
    let mut next = 1u32;
    for range in ranges {
        // A range containing the user's own ID would map it twice; the kernel rejects overlaps.
        if (range.start..range.start.saturating_add(range.count)).contains(&own_id) {
            continue;
        }
        maps.push(IdMap {
            container_id: next,
            host_id: range.start,
            size: range.count,
        });
        next = next.saturating_add(range.count);
    }
    maps
}

/// Host ID that a container ID maps to, if it is mapped.
pub fn to_host(maps: &[IdMap], container_id: u32) -> Option<u32> {
    maps.iter().find_map(|m| {
        let offset = container_id.checked_sub(m.container_id)?;
        (offset < m.size).then(|| m.host_id.checked_add(offset))?
    })
}

/// Container ID that a host ID maps to, if it is mapped.
pub fn to_container(maps: &[IdMap], host_id: u32) -> Option<u32> {
    maps.iter().find_map(|m| {
        let offset = host_id.checked_sub(m.host_id)?;
        (offset < m.size).then(|| m.container_id.checked_add(offset))?
    })
}

/// Arguments for newuidmap/newgidmap after the PID: triples of inside, outside, count.
pub fn map_args(maps: &[IdMap]) -> Vec<String> {
    maps.iter()
        .flat_map(|m| [m.container_id, m.host_id, m.size])
        .map(|n| n.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUBUID: &str = "# comment\nalice:100000:65536\n1001:300000:1000\nbob:200000:65536\nalice:500000:10\nbroken:line\ncarol:x:5\n";

    #[test]
    fn root_maps_to_reads_the_line_of_id_zero() {
        let shared = "         0       1001          1\n         1     100000      65536\n";
        assert!(root_maps_to(shared, 1001));
        assert!(!root_maps_to(shared, 100000));
        // The host's own namespace maps 0 to 0: a root shell there is not under unshare.
        assert!(!root_maps_to("         0          0 4294967295\n", 1001));
        assert!(!root_maps_to("", 1001));
    }

    #[test]
    fn finds_ranges_by_name_and_by_uid() {
        let r = ranges_for(SUBUID, Some("alice"), 1000);
        assert_eq!(
            r,
            vec![
                SubRange {
                    start: 100000,
                    count: 65536
                },
                SubRange {
                    start: 500000,
                    count: 10
                }
            ]
        );
        let r = ranges_for(SUBUID, Some("dave"), 1001);
        assert_eq!(
            r,
            vec![SubRange {
                start: 300000,
                count: 1000
            }]
        );
        assert!(ranges_for(SUBUID, Some("carol"), 1002).is_empty());
        assert!(ranges_for(SUBUID, None, 4242).is_empty());
    }

    #[test]
    fn plans_user_first_then_ranges_in_order() {
        let maps = plan_mapping(
            1000,
            &[
                SubRange {
                    start: 100000,
                    count: 65536,
                },
                SubRange {
                    start: 500000,
                    count: 10,
                },
            ],
        );
        assert_eq!(
            map_args(&maps).join(" "),
            "0 1000 1 1 100000 65536 65537 500000 10"
        );
        assert_eq!(to_host(&maps, 0), Some(1000));
        assert_eq!(to_host(&maps, 42), Some(100041));
        assert_eq!(to_host(&maps, 65537), Some(500000));
        assert_eq!(to_host(&maps, 65547), None);
        assert_eq!(to_container(&maps, 1000), Some(0));
        assert_eq!(to_container(&maps, 100041), Some(42));
        assert_eq!(to_container(&maps, 500009), Some(65546));
        assert_eq!(to_container(&maps, 99999), None);
    }

    #[test]
    fn skips_a_range_that_contains_the_users_own_id() {
        let maps = plan_mapping(
            1000,
            &[SubRange {
                start: 900,
                count: 200,
            }],
        );
        assert_eq!(maps.len(), 1);
    }
}
