//! Named stages where the fault tests kill burrow with SIGKILL, so a kill lands exactly there
//! rather than by timing. Compiled in only with the `failpoints` feature, which only the tests
//! build; the shipped binary carries none.
//!
//! `BURROW_FAILPOINT=NAME burrow ...` kills the process the moment it reaches stage NAME.

/// Marks a stage; a no-op unless built with `failpoints`.
#[macro_export]
macro_rules! failpoint {
    ($name:literal) => {
        #[cfg(feature = "failpoints")]
        $crate::failpoint::reached($name);
    };
}

#[cfg(feature = "failpoints")]
pub fn reached(name: &str) {
    if std::env::var("BURROW_FAILPOINT").is_ok_and(|wanted| wanted == name) {
        eprintln!("failpoint {name} reached");
        let _ = nix::sys::signal::raise(nix::sys::signal::Signal::SIGKILL);
    }
}
