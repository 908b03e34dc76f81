//! HAProxy as podlab models it: the configuration language ([`lex`],
//! [`config`], [`check`]), HAProxy's messages per version ([`message`]) and
//! what a running HAProxy does with connections ([`runtime`], answering
//! with its built-in [`error_pages`]).
//!
//! podlab's HAProxy is HAProxy 2.x; where an image's version differs in a way
//! that bites (1.7's message format, its lack of `http-request return`, 2.4's
//! fatal missing final newline) the [`Version`] decides.

pub mod check;
pub mod cli;
pub mod config;
pub mod error_pages;
pub mod keywords;
pub mod lex;
pub mod message;
pub mod runtime;

use std::fmt;

/// An HAProxy release, from the image tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub major: u8,
    pub minor: u8,
    pub patch: u8,
}

impl Version {
    /// The `haproxy:1.7` image: HAProxy 1.7.14 on Debian buster
    /// (../shared/reference/fidelity.md).
    pub const V1_7: Version = Version::new(1, 7, 14);
    /// Debian bookworm's haproxy, which the differential tests run.
    pub const V2_6: Version = Version::new(2, 6, 12);

    pub const fn new(major: u8, minor: u8, patch: u8) -> Self {
        Version {
            major,
            minor,
            patch,
        }
    }

    pub fn at_least(self, major: u8, minor: u8) -> bool {
        (self.major, self.minor) >= (major, minor)
    }

    /// Whether the image runs HAProxy as root: images before 2.4 do; from
    /// 2.4 they run as user `haproxy` (fidelity.md), so binding a port below
    /// 1024 fails with "Permission denied".
    pub fn runs_as_root(self) -> bool {
        !self.at_least(2, 4)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

#[cfg(test)]
mod tests;
