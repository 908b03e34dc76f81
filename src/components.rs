//! The UI's components, one per file, each a `#[component]` function that
//! maps model data to elements and reports events through `on<event>`
//! callbacks.

pub mod app_header;
pub mod big_editor;
pub mod check_panel;
pub mod checklist_panel;
pub mod code_editor;
pub mod console_announcer;
pub mod console_pane;
pub mod diagnostics_list;
pub mod embed_bar;
pub mod embed_tabs;
pub mod file_tabs;
pub mod lang_switch;
pub mod notice_bar;
pub mod pod_status;
pub mod preset_gallery;
pub mod share_panel;
pub mod theme_toggle;
pub mod topology_view;
