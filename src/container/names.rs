//! Generated container names in podman's adjective_noun shape, easier to type than an ID.

const ADJECTIVES: &[&str] = &[
    "agile", "bold", "brave", "bright", "calm", "clever", "cosmic", "crisp", "daring", "eager",
    "fancy", "gentle", "happy", "hardy", "jolly", "keen", "kind", "lively", "lucid", "merry",
    "nimble", "noble", "patient", "placid", "quick", "quiet", "serene", "sharp", "steady", "sunny",
    "swift", "tender", "vivid", "wise", "witty", "zealous",
];

const NOUNS: &[&str] = &[
    "badger",
    "beaver",
    "bison",
    "burrow",
    "coyote",
    "crane",
    "dingo",
    "dormouse",
    "falcon",
    "ferret",
    "fox",
    "gopher",
    "hare",
    "hedgehog",
    "heron",
    "ibex",
    "lemming",
    "lynx",
    "marmot",
    "marten",
    "meerkat",
    "mole",
    "otter",
    "owl",
    "pika",
    "prairiedog",
    "rabbit",
    "raccoon",
    "squirrel",
    "stoat",
    "tortoise",
    "vole",
    "weasel",
    "wombat",
    "wren",
    "yak",
];

/// A name that `taken` does not reject: random words, then a numeric suffix if every pair
/// tried is in use.
pub fn generate(taken: impl Fn(&str) -> bool) -> String {
    let mut seed = seed();
    let mut next = || {
        // xorshift: plenty for picking words.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut pick = || {
        let a = ADJECTIVES[(next() % ADJECTIVES.len() as u64) as usize];
        let n = NOUNS[(next() % NOUNS.len() as u64) as usize];
        format!("{a}_{n}")
    };
    for _ in 0..32 {
        let name = pick();
        if !taken(&name) {
            return name;
        }
    }
    let base = pick();
    (1..)
        .map(|i| format!("{base}{i}"))
        .find(|n| !taken(n))
        .expect("some suffix is free")
}

fn seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    (nanos ^ (u64::from(std::process::id()) << 32)) | 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_have_podmans_shape_and_avoid_taken_ones() {
        let name = generate(|_| false);
        let (a, n) = name.split_once('_').unwrap();
        assert!(ADJECTIVES.contains(&a) && NOUNS.contains(&n));
        // With every plain pair taken, a suffix makes it unique.
        let name = generate(|n| !n.ends_with(char::is_numeric));
        assert!(name.ends_with(char::is_numeric));
    }
}
