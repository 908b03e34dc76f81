//! The tools a learner types into: kubectl acting on the simulated cluster,
//! and the console, a host shell with kubectl on its PATH.

pub mod console;
pub mod kubectl;
