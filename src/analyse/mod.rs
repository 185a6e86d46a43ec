//! Analyse: one module per command. Each takes the trusted [`crate::model::Model`], the
//! [`crate::index::Index`] and the [`crate::project::policy::Policy`], and returns rows
//! that carry their evidence (the rule, the threshold, the value, the dates).

pub mod evaluate;
pub mod idle;
pub mod intensity;

/// Land-use codes of industrial and warehouse land (GB 50137 M*, W*; 用地用海 1001*, 1101*).
pub fn is_industrial_land(code: Option<&str>, prefixes: &[String]) -> bool {
    code.is_some_and(|c| {
        let c = c.trim().to_uppercase();
        prefixes.iter().any(|p| c.starts_with(&p.to_uppercase()))
    })
}
