//! The UI's components, one per file, each a `#[component]` function that
//! maps model data to elements and reports events through `on<event>`
//! callbacks.

pub mod app_header;
pub mod big_editor;
pub mod check_panel;
pub mod code_editor;
pub mod console_pane;
pub mod diagnostics_list;
pub mod file_tabs;
pub mod notice_bar;
pub mod pod_status;
pub mod preset_gallery;
pub mod topology_view;
