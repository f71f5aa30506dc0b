//! The 2NF, 3NF and BCNF tests, and the dependencies that break them.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::closure::{AttributeSet, Dependency, closure};
use super::cover::minimal_cover;
use super::keys::{candidate_keys, contains_key, prime_attributes};

/// The largest key whose subsets are all tested for partial dependencies (2^12 subsets).
const MAX_KEY_SIZE_FOR_SUBSETS: usize = 12;

/// A normal form. Every table is taken to be in 1NF (one value per column); the lint rules on
/// repeating groups and multi-valued columns look for the tables that are not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum NormalForm {
    /// First normal form: atomic values, nothing more.
    #[serde(rename = "1NF")]
    First,
    /// Second normal form: no non-key column depends on part of a key.
    #[serde(rename = "2NF")]
    Second,
    /// Third normal form: no non-key column depends on anything but a key.
    #[serde(rename = "3NF")]
    Third,
    /// Boyce–Codd normal form: every determinant is a key.
    #[serde(rename = "BCNF")]
    BoyceCodd,
}

impl fmt::Display for NormalForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NormalForm::First => "1NF",
            NormalForm::Second => "2NF",
            NormalForm::Third => "3NF",
            NormalForm::BoyceCodd => "BCNF",
        })
    }
}

/// Which normal form a dependency breaks, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ViolationKind {
    /// Non-key attributes depend on part of the candidate key `key` (breaks 2NF).
    Partial {
        /// The key the determinant is a proper part of.
        key: AttributeSet,
    },
    /// Non-key attributes depend on attributes that are not a key (breaks 3NF).
    Transitive,
    /// Key attributes depend on attributes that are not a key (breaks BCNF only).
    BoyceCodd,
}

/// One dependency that keeps a relation from a higher normal form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Violation {
    /// Why it is a violation.
    pub kind: ViolationKind,
    /// The attributes that determine the others; never a superkey.
    pub determinant: AttributeSet,
    /// The attributes they determine.
    pub dependent: AttributeSet,
}

impl Violation {
    /// The normal form this violation breaks.
    pub fn breaks(&self) -> NormalForm {
        match self.kind {
            ViolationKind::Partial { .. } => NormalForm::Second,
            ViolationKind::Transitive => NormalForm::Third,
            ViolationKind::BoyceCodd => NormalForm::BoyceCodd,
        }
    }
}

/// The highest normal form of the relation `all` under `dependencies`, and every violating
/// dependency (grouped by determinant, partial ones first, then transitive, then BCNF).
pub fn classify(all: &AttributeSet, dependencies: &[Dependency]) -> (NormalForm, Vec<Violation>) {
    let dependencies: Vec<Dependency> = dependencies
        .iter()
        .filter(|dependency| dependency.determinant.is_subset(all))
        .map(|dependency| Dependency {
            determinant: dependency.determinant.clone(),
            dependent: dependency.dependent.intersection(all).copied().collect(),
        })
        .collect();
    let keys = candidate_keys(all, &dependencies);
    let prime = prime_attributes(&keys);
    let mut violations: Vec<Violation> = Vec::new();
    let mut add = |kind: ViolationKind, determinant: &AttributeSet, attribute: usize| {
        let known = violations.iter().any(|violation| {
            violation.dependent.contains(&attribute) && violation.determinant.is_subset(determinant)
        });
        if known {
            return;
        }
        match violations
            .iter_mut()
            .find(|violation| &violation.determinant == determinant && violation.kind == kind)
        {
            Some(violation) => {
                violation.dependent.insert(attribute);
            }
            None => violations.push(Violation {
                kind,
                determinant: determinant.clone(),
                dependent: AttributeSet::from([attribute]),
            }),
        }
    };
    for key in keys
        .iter()
        .filter(|key| key.len() > 1 && key.len() <= MAX_KEY_SIZE_FOR_SUBSETS)
    {
        for part in proper_subsets_by_size(key) {
            for attribute in closure(&part, &dependencies) {
                if !part.contains(&attribute) && !prime.contains(&attribute) {
                    add(
                        ViolationKind::Partial { key: key.clone() },
                        &part,
                        attribute,
                    );
                }
            }
        }
    }
    let cover = minimal_cover(&dependencies);
    for dependency in &cover {
        if contains_key(&dependency.determinant, &keys) {
            continue;
        }
        for &attribute in &dependency.dependent {
            if prime.contains(&attribute) {
                continue;
            }
            let partial_of = keys.iter().find(|key| {
                dependency.determinant.is_subset(key) && dependency.determinant.len() < key.len()
            });
            let kind = match partial_of {
                Some(key) => ViolationKind::Partial { key: key.clone() },
                None => ViolationKind::Transitive,
            };
            add(kind, &dependency.determinant, attribute);
        }
    }
    for dependency in &cover {
        if contains_key(&dependency.determinant, &keys) {
            continue;
        }
        for &attribute in dependency
            .dependent
            .iter()
            .filter(|attribute| prime.contains(attribute))
        {
            add(ViolationKind::BoyceCodd, &dependency.determinant, attribute);
        }
    }
    violations.sort_by_key(|violation| violation.breaks());
    let normal_form = match violations.iter().map(Violation::breaks).min() {
        Some(NormalForm::Second) => NormalForm::First,
        Some(NormalForm::Third) => NormalForm::Second,
        Some(_) => NormalForm::Third,
        None => NormalForm::BoyceCodd,
    };
    (normal_form, violations)
}

/// The non-empty proper subsets of `set`, smallest first.
fn proper_subsets_by_size(set: &AttributeSet) -> Vec<AttributeSet> {
    let items: Vec<usize> = set.iter().copied().collect();
    let mut subsets: Vec<AttributeSet> = (1..(1u32 << items.len()) - 1)
        .map(|mask| {
            items
                .iter()
                .enumerate()
                .filter(|(bit, _)| mask & (1 << bit) != 0)
                .map(|(_, item)| *item)
                .collect()
        })
        .collect();
    subsets.sort_by(|a: &AttributeSet, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    subsets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_dependency_leaves_first_normal_form() {
        // order 0, product 1, product_name 2, quantity 3: key {order, product}; product -> name.
        let all = AttributeSet::from([0, 1, 2, 3]);
        let dependencies = [Dependency::new([0, 1], [2, 3]), Dependency::new([1], [2])];
        let (form, violations) = classify(&all, &dependencies);
        assert_eq!(form, NormalForm::First);
        assert_eq!(
            violations,
            vec![Violation {
                kind: ViolationKind::Partial {
                    key: AttributeSet::from([0, 1])
                },
                determinant: AttributeSet::from([1]),
                dependent: AttributeSet::from([2]),
            }]
        );
    }

    #[test]
    fn a_transitive_dependency_leaves_second_normal_form() {
        // id 0, name 1, advisor 2, advisor_phone 3: id -> all; advisor -> advisor_phone.
        let all = AttributeSet::from([0, 1, 2, 3]);
        let dependencies = [Dependency::new([0], [1, 2, 3]), Dependency::new([2], [3])];
        let (form, violations) = classify(&all, &dependencies);
        assert_eq!(form, NormalForm::Second);
        assert_eq!(violations.len(), 1);
        assert_eq!(violations[0].kind, ViolationKind::Transitive);
        assert_eq!(violations[0].determinant, AttributeSet::from([2]));
        assert_eq!(violations[0].dependent, AttributeSet::from([3]));
    }

    #[test]
    fn a_determinant_of_a_key_attribute_leaves_third_normal_form() {
        // student 0, course 1, instructor 2.
        let all = AttributeSet::from([0, 1, 2]);
        let dependencies = [Dependency::new([0, 1], [2]), Dependency::new([2], [1])];
        let (form, violations) = classify(&all, &dependencies);
        assert_eq!(form, NormalForm::Third);
        assert_eq!(violations.len(), 1);
        assert_eq!(violations[0].kind, ViolationKind::BoyceCodd);
    }

    #[test]
    fn dependencies_on_keys_only_are_bcnf() {
        let all = AttributeSet::from([0, 1, 2]);
        let dependencies = [Dependency::new([0], [1, 2]), Dependency::new([1], [0, 2])];
        assert_eq!(
            classify(&all, &dependencies),
            (NormalForm::BoyceCodd, Vec::new())
        );
    }
}
