//! The minimal (canonical) cover of a set of functional dependencies.

use super::closure::{AttributeSet, Dependency, closure};

/// An equivalent set of dependencies with one dependent attribute each, no extraneous
/// determinant attribute and no redundant dependency. The result is sorted, so the same input
/// always gives the same cover.
pub fn minimal_cover(dependencies: &[Dependency]) -> Vec<Dependency> {
    let mut cover: Vec<Dependency> = dependencies
        .iter()
        .flat_map(|dependency| {
            dependency
                .dependent
                .iter()
                .filter(|attribute| !dependency.determinant.contains(attribute))
                .map(|attribute| {
                    Dependency::new(dependency.determinant.iter().copied(), [*attribute])
                })
        })
        .collect();
    cover.sort();
    cover.dedup();
    for index in 0..cover.len() {
        let attributes: Vec<usize> = cover[index].determinant.iter().copied().collect();
        for attribute in attributes {
            if cover[index].determinant.len() == 1 {
                break;
            }
            let mut smaller: AttributeSet = cover[index].determinant.clone();
            smaller.remove(&attribute);
            if cover[index].dependent.is_subset(&closure(&smaller, &cover)) {
                cover[index].determinant = smaller;
            }
        }
    }
    cover.sort();
    cover.dedup();
    let mut index = 0;
    while index < cover.len() {
        let candidate = cover.remove(index);
        if candidate
            .dependent
            .is_subset(&closure(&candidate.determinant, &cover))
        {
            continue;
        }
        cover.insert(index, candidate);
        index += 1;
    }
    cover
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_extraneous_attributes_and_redundant_dependencies() {
        // a -> b, b -> c, a -> c (redundant), {a, b} -> d (b extraneous), a -> a (trivial).
        let dependencies = [
            Dependency::new([0], [1]),
            Dependency::new([1], [2]),
            Dependency::new([0], [2]),
            Dependency::new([0, 1], [3]),
            Dependency::new([0], [0]),
        ];
        assert_eq!(
            minimal_cover(&dependencies),
            vec![
                Dependency::new([0], [1]),
                Dependency::new([0], [3]),
                Dependency::new([1], [2]),
            ]
        );
    }

    #[test]
    fn the_cover_is_equivalent_to_the_input() {
        let dependencies = [
            Dependency::new([0, 1], [2, 3]),
            Dependency::new([2], [0, 3]),
        ];
        let cover = minimal_cover(&dependencies);
        for set in [[0usize, 1], [2, 1], [0, 3], [1, 3]] {
            let set = AttributeSet::from(set);
            assert_eq!(closure(&set, &cover), closure(&set, &dependencies));
        }
    }
}
