//! The learner's project: the workspace of manifest files and what applying
//! them makes, the presets, the haproxy.cfg pane's sync with its ConfigMap,
//! podlab's own hints, and the `podlab` command line over all of it.

pub mod cfgsync;
pub mod checks;
pub mod cli;
pub mod hints;
pub mod presets;
pub mod workspace;
