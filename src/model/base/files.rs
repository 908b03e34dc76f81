//! A text file of the workspace: an editor tab in the app, a file named on
//! the command line for `podlab`. kubectl's `-f`, the console's `cat` and
//! the workspace's analysis all read these.

/// A manifest file: its tab name and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub name: String,
    pub text: String,
}
