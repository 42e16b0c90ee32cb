//! Image references as users type them (`ImageRef::parse`).
//!
//! Beyond not panicking: a parsed reference's string form is what burrow stores and
//! shows, so it must parse again to the same reference, fully qualified, and print
//! the same (a fixpoint); the accessors must agree with that string.

#![no_main]

use burrow::config::ImageRef;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = match ImageRef::parse(input) {
        Ok(parsed) => parsed,
        Err(err) => {
            // The message names the input; formatting it must not fail either.
            let _ = err.to_string();
            return;
        }
    };
    let text = parsed.to_string();
    let reparsed = ImageRef::parse(&text).unwrap_or_else(|err| {
        panic!("{input:?} parsed as {text:?}, which does not parse again: {err}")
    });
    assert_eq!(
        reparsed, parsed,
        "{input:?} -> {text:?} changed on re-parse"
    );
    assert_eq!(reparsed.domain(), parsed.domain());
    assert_eq!(reparsed.repository(), parsed.repository());
    assert_eq!(reparsed.tag(), parsed.tag());
    assert_eq!(reparsed.digest(), parsed.digest());
    assert!(
        !reparsed.is_short_name(),
        "{text:?} (from {input:?}) is not fully qualified"
    );
    assert_eq!(reparsed.to_string(), text, "string form is not a fixpoint");

    // The accessors rebuild the string form.
    let mut rebuilt = format!("{}/{}", parsed.domain(), parsed.repository());
    assert_eq!(parsed.name(), rebuilt);
    if let Some(tag) = parsed.tag() {
        rebuilt.push(':');
        rebuilt.push_str(tag);
    }
    if let Some(digest) = parsed.digest() {
        rebuilt.push('@');
        rebuilt.push_str(digest);
    }
    assert_eq!(rebuilt, text);
    assert!(
        parsed.tag().is_some() || parsed.digest().is_some(),
        "{input:?} has neither tag nor digest"
    );

    // Building from the parts gives the same reference.
    let from_parts = ImageRef::from_parts(
        parsed.domain(),
        parsed.repository(),
        parsed.tag(),
        parsed.digest(),
    )
    .unwrap_or_else(|err| panic!("from_parts of {text:?} failed: {err}"));
    assert_eq!(from_parts, parsed);

    // A digested reference without its tag still round-trips.
    if parsed.digest().is_some() {
        let untagged = parsed.without_tag();
        let again = ImageRef::parse(&untagged.to_string())
            .unwrap_or_else(|err| panic!("{untagged} (from {input:?}) does not parse: {err}"));
        assert_eq!(again, untagged);
    }
    // Re-tagging with its own tag is the identity.
    if let Some(tag) = parsed.tag() {
        let same = parsed
            .with_tag(Some(tag))
            .unwrap_or_else(|err| panic!("with_tag({tag:?}) on {text:?} failed: {err}"));
        assert_eq!(same, parsed);
    }
});
