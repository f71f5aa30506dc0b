//! Attribute sets, functional dependencies over them, and the closure of a set.

use std::collections::BTreeSet;

/// A set of attributes, each the position of a column in its table.
pub type AttributeSet = BTreeSet<usize>;

/// A functional dependency `determinant -> dependent` over attribute positions.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dependency {
    /// The attributes that determine the others.
    pub determinant: AttributeSet,
    /// The attributes they determine.
    pub dependent: AttributeSet,
}

impl Dependency {
    /// A dependency from two lists of positions.
    pub fn new(
        determinant: impl IntoIterator<Item = usize>,
        dependent: impl IntoIterator<Item = usize>,
    ) -> Self {
        Dependency {
            determinant: determinant.into_iter().collect(),
            dependent: dependent.into_iter().collect(),
        }
    }

    /// Whether every dependent attribute is also in the determinant (`a, b -> a`).
    pub fn is_trivial(&self) -> bool {
        self.dependent.is_subset(&self.determinant)
    }
}

/// Every attribute that `attributes` determine under `dependencies` (including themselves).
pub fn closure(attributes: &AttributeSet, dependencies: &[Dependency]) -> AttributeSet {
    let mut result = attributes.clone();
    loop {
        let before = result.len();
        for dependency in dependencies {
            if dependency.determinant.is_subset(&result) {
                result.extend(dependency.dependent.iter().copied());
            }
        }
        if result.len() == before {
            return result;
        }
    }
}

/// Whether `attributes` determine every attribute of `all`.
pub fn is_superkey(
    attributes: &AttributeSet,
    all: &AttributeSet,
    dependencies: &[Dependency],
) -> bool {
    all.is_subset(&closure(attributes, dependencies))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closure_follows_chains_of_dependencies() {
        // 0 -> 1, 1 -> 2, {2, 3} -> 4
        let dependencies = [
            Dependency::new([0], [1]),
            Dependency::new([1], [2]),
            Dependency::new([2, 3], [4]),
        ];
        assert_eq!(
            closure(&AttributeSet::from([0]), &dependencies),
            AttributeSet::from([0, 1, 2])
        );
        assert_eq!(
            closure(&AttributeSet::from([0, 3]), &dependencies),
            AttributeSet::from([0, 1, 2, 3, 4])
        );
        let all = AttributeSet::from([0, 1, 2, 3, 4]);
        assert!(is_superkey(
            &AttributeSet::from([0, 3]),
            &all,
            &dependencies
        ));
        assert!(!is_superkey(&AttributeSet::from([0]), &all, &dependencies));
    }
}
