//! The three languages a learner writes, each parsed and checked without a
//! cluster: Kubernetes manifests ([`kube`]), haproxy.cfg and HAProxy's
//! request handling ([`haproxy`]), and POSIX sh ([`shell`]).

pub mod haproxy;
pub mod kube;
pub mod shell;
