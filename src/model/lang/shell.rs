//! The POSIX shell that busybox images run (`sh -c '...'`), and that the
//! console speaks: [`syntax`] parses, [`vm`] runs, resumably, on the
//! simulated clock.

pub mod arith;
pub mod syntax;
pub mod vm;

#[cfg(test)]
mod tests;
