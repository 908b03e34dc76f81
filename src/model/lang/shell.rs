//! The POSIX shell that busybox images run (`sh -c '...'`), and that the
//! console speaks: [`syntax`] parses, [`vm`] runs, resumably, on the
//! simulated clock, and [`drive`] runs a shell to its end within a
//! [`budget`]. [`glob`] matches `case` and `${v#pat}` patterns.

pub mod arith;
pub mod budget;
pub mod drive;
pub mod glob;
pub mod syntax;
pub mod vm;

#[cfg(test)]
mod tests;
