//! Rule values with their source tag (C cited, P derived, U unconfirmed), shared by every
//! rule table.

use serde::Deserialize;

/// How well a rule value is sourced (DOMAIN.md tags).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
pub enum Tag {
    /// Read in a cited source.
    #[default]
    C,
    /// Derived or weakly sourced.
    P,
    /// Unconfirmed: a configurable default, not a rule.
    U,
}

/// A rule value with its source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tagged {
    /// The value.
    pub value: f64,
    /// Its source tag.
    #[serde(default)]
    pub tag: Tag,
    /// Source keys (DOMAIN.md section 9).
    #[serde(default)]
    pub source: Option<String>,
    /// What the row is (the industry's name).
    #[serde(default)]
    pub name: Option<String>,
}
