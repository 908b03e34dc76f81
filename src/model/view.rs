//! View data computed from the model by pure functions: the diagram's
//! content and geometry, and syntax highlighting.

pub mod highlight;
pub mod layout;
pub mod topology;
