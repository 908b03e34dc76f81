//! The simulation: the cluster on its simulated clock (API objects, the
//! kubelet, containers and their processes), the catalogue of images, and
//! the programs they run, one file each, with the clients that reach them.

pub mod cluster;
pub mod curl;
pub mod images;
pub mod programs;
