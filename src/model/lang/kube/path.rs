//! Field paths as the API server prints them. One path renders two ways:
//! `spec.containers[1].volumeMounts[0].name` (validation and strict decoding)
//! and `spec.containers.volumeMounts.name` (Go's encoding/json type errors,
//! which drop indices).

use std::fmt;

/// One step of a path. Paths order as the JSON kubectl sends does: it
/// marshals a map, so an object's keys come sorted byte-wise, and list items
/// in their order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Seg {
    Field(String),
    Index(usize),
    Key(String),
}

#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct FieldPath(pub Vec<Seg>);

impl FieldPath {
    pub fn root() -> Self {
        FieldPath(Vec::new())
    }

    pub fn field(&self, name: &str) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Field(name.to_string()));
        p
    }

    pub fn index(&self, i: usize) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }

    pub fn key(&self, k: &str) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Key(k.to_string()));
        p
    }

    /// Go's `UnmarshalTypeError.Field`: field names only, dot-joined.
    pub fn go_fields(&self) -> String {
        self.0
            .iter()
            .filter_map(|s| match s {
                Seg::Field(f) => Some(f.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(".")
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for seg in &self.0 {
            match seg {
                Seg::Field(name) => {
                    if !first {
                        f.write_str(".")?;
                    }
                    f.write_str(name)?;
                }
                Seg::Index(i) => write!(f, "[{i}]")?,
                Seg::Key(k) => write!(f, "[{k}]")?,
            }
            first = false;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_both_ways() {
        let p = FieldPath::root()
            .field("spec")
            .field("containers")
            .index(1)
            .field("ports")
            .index(0)
            .field("containerPort");
        assert_eq!(p.to_string(), "spec.containers[1].ports[0].containerPort");
        assert_eq!(p.go_fields(), "spec.containers.ports.containerPort");
        assert_eq!(
            FieldPath::root().field("data").key("a b").to_string(),
            "data[a b]"
        );
    }
}
