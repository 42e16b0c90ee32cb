//! /proc/PID/stat, read by `top` (its columns) and by the liveness checks (a process's start
//! time, which tells it from a later one with the same PID).

/// The fields of /proc/PID/stat that burrow uses (proc(5) numbers them from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stat {
    pub comm: String,
    /// Field 3: R, S, D, Z (zombie), X (dead), ...
    pub state: String,
    pub pgrp: i32,
    pub tty_nr: u64,
    pub utime: u64,
    pub stime: u64,
    pub nice: String,
    /// Clock ticks since boot.
    pub starttime: u64,
    pub vsize: u64,
}

impl Stat {
    /// A zombie or a dead process: it has ended, whatever is left of it.
    pub fn ended(&self) -> bool {
        self.state == "Z" || self.state == "X"
    }
}

pub fn parse_stat(content: &str) -> Result<Stat, String> {
    // comm may itself contain spaces and parentheses, so it is cut at the last ')'.
    let (Some(open), Some(close)) = (content.find('('), content.rfind(')')) else {
        return Err("no (comm) field".to_string());
    };
    if close < open {
        return Err("no (comm) field".to_string());
    }
    let comm = content[open + 1..close].to_string();
    // rest[0] is field 3 (state) of proc(5).
    let rest: Vec<&str> = content[close + 1..].split_whitespace().collect();
    if rest.len() < 21 {
        return Err(format!(
            "{} fields after comm, expected at least 21",
            rest.len()
        ));
    }
    let field = |n: usize| rest[n - 3];
    fn num<T: std::str::FromStr>(s: &str, what: &str) -> Result<T, String> {
        s.parse()
            .map_err(|_| format!("{what} is not a number: {s:?}"))
    }
    Ok(Stat {
        comm,
        state: field(3).to_string(),
        pgrp: num(field(5), "pgrp")?,
        tty_nr: num(field(7), "tty_nr")?,
        utime: num(field(14), "utime")?,
        stime: num(field(15), "stime")?,
        nice: field(19).to_string(),
        starttime: num(field(22), "starttime")?,
        vsize: num(field(23), "vsize")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const STAT: &str = "4242 (my (odd) name) S 4200 4242 4242 34816 4242 4194560 1000 0 0 0 \
        1234 66 0 0 20 5 1 0 50000 10485760 300 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 \
        1 0 0 0 0 0\n";

    #[test]
    fn stat_fields_survive_parentheses_in_comm() {
        let s = parse_stat(STAT).unwrap();
        assert_eq!(s.comm, "my (odd) name");
        assert_eq!(s.state, "S");
        assert!(!s.ended());
        assert_eq!(s.pgrp, 4242);
        assert_eq!(s.tty_nr, 34816);
        assert_eq!((s.utime, s.stime), (1234, 66));
        assert_eq!(s.nice, "5");
        assert_eq!(s.starttime, 50000);
        assert_eq!(s.vsize, 10485760);
    }

    #[test]
    fn stat_rejects_truncated_content() {
        assert!(parse_stat("1 (init) S 0 1").is_err());
        assert!(parse_stat("garbage").is_err());
    }
}
