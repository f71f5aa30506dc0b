//! Candidate keys (Lucchesi and Osborn's algorithm) and prime attributes.

use super::closure::{AttributeSet, Dependency, is_superkey};

/// Every candidate key of the relation `all` under `dependencies`: the minimal sets of
/// attributes that determine all the others. Sorted by size, then by their attributes.
///
/// Starting from one key found by shrinking `all`, each known key `K` and dependency `X -> Y`
/// give the superkey `X ∪ (K − Y)`; when it contains no known key it is shrunk to a new key.
/// This finds every key in time polynomial in the number of keys (Lucchesi and Osborn, 1978).
pub fn candidate_keys(all: &AttributeSet, dependencies: &[Dependency]) -> Vec<AttributeSet> {
    let mut keys = vec![shrink(all.clone(), all, dependencies)];
    let mut next = 0;
    while next < keys.len() {
        let key = keys[next].clone();
        next += 1;
        for dependency in dependencies {
            if !dependency.determinant.is_subset(all) {
                continue;
            }
            let mut candidate: AttributeSet =
                key.difference(&dependency.dependent).copied().collect();
            candidate.extend(dependency.determinant.iter().copied());
            if keys.iter().any(|known| known.is_subset(&candidate)) {
                continue;
            }
            keys.push(shrink(candidate, all, dependencies));
        }
    }
    keys.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    keys
}

/// Removes attributes from the superkey `set` (highest position first) while it stays a superkey.
fn shrink(mut set: AttributeSet, all: &AttributeSet, dependencies: &[Dependency]) -> AttributeSet {
    let attributes: Vec<usize> = set.iter().rev().copied().collect();
    for attribute in attributes {
        set.remove(&attribute);
        if !is_superkey(&set, all, dependencies) {
            set.insert(attribute);
        }
    }
    set
}

/// The attributes that belong to at least one candidate key.
pub fn prime_attributes(keys: &[AttributeSet]) -> AttributeSet {
    keys.iter().flatten().copied().collect()
}

/// Whether `attributes` contain a candidate key (are a superkey), given the keys.
pub(crate) fn contains_key(attributes: &AttributeSet, keys: &[AttributeSet]) -> bool {
    keys.iter().any(|key| key.is_subset(attributes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_of_the_course_instructor_relation() {
        // student 0, course 1, instructor 2: {student, course} -> instructor, instructor -> course.
        let dependencies = [Dependency::new([0, 1], [2]), Dependency::new([2], [1])];
        let all = AttributeSet::from([0, 1, 2]);
        let keys = candidate_keys(&all, &dependencies);
        assert_eq!(
            keys,
            vec![AttributeSet::from([0, 1]), AttributeSet::from([0, 2])]
        );
        assert_eq!(prime_attributes(&keys), all);
    }

    #[test]
    fn without_dependencies_the_key_is_every_attribute() {
        let all = AttributeSet::from([0, 1, 2]);
        assert_eq!(candidate_keys(&all, &[]), vec![all.clone()]);
    }

    #[test]
    fn finds_keys_through_a_cycle_of_dependencies() {
        // a -> b, b -> c, c -> a, plus d: keys {a, d}, {b, d}, {c, d}.
        let dependencies = [
            Dependency::new([0], [1]),
            Dependency::new([1], [2]),
            Dependency::new([2], [0]),
        ];
        let all = AttributeSet::from([0, 1, 2, 3]);
        assert_eq!(
            candidate_keys(&all, &dependencies),
            vec![
                AttributeSet::from([0, 3]),
                AttributeSet::from([1, 3]),
                AttributeSet::from([2, 3])
            ]
        );
    }
}
