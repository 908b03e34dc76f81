//! View data computed from the model by pure functions: the diagram's
//! content and geometry, syntax highlighting, and what each pane shows.

pub mod a11y;
pub mod bigtext;
pub mod highlight;
pub mod layout;
pub mod panes;
pub mod topology;
