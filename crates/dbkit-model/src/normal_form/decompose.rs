//! Decompositions: 3NF synthesis, dependency preservation, and BCNF splits that keep every
//! dependency checkable.

use super::closure::{AttributeSet, Dependency, closure, is_superkey};
use super::cover::minimal_cover;
use super::keys::{candidate_keys, contains_key};

/// The largest relation whose every subset is tried when projecting dependencies (2^14 subsets).
const MAX_RELATION_SIZE_FOR_PROJECTION: usize = 14;

/// Bernstein's 3NF synthesis: one relation per determinant of the minimal cover (the
/// determinant and everything it determines directly), plus a relation holding a candidate key
/// when none does, less the relations contained in another. The result is lossless and
/// preserves every dependency. Attributes in no dependency join the relation that holds a key.
pub fn synthesize_third_normal_form(
    all: &AttributeSet,
    dependencies: &[Dependency],
) -> Vec<AttributeSet> {
    let cover = minimal_cover(dependencies);
    let mut groups: Vec<(AttributeSet, AttributeSet)> = Vec::new();
    for dependency in &cover {
        match groups
            .iter_mut()
            .find(|(determinant, _)| *determinant == dependency.determinant)
        {
            Some((_, relation)) => relation.extend(dependency.dependent.iter().copied()),
            None => {
                let mut relation = dependency.determinant.clone();
                relation.extend(dependency.dependent.iter().copied());
                groups.push((dependency.determinant.clone(), relation));
            }
        }
    }
    let mut relations: Vec<AttributeSet> =
        groups.into_iter().map(|(_, relation)| relation).collect();
    let keys = candidate_keys(all, dependencies);
    let mentioned: AttributeSet = relations.iter().flatten().copied().collect();
    let unmentioned: AttributeSet = all.difference(&mentioned).copied().collect();
    match relations
        .iter_mut()
        .find(|relation| contains_key(relation, &keys))
    {
        Some(relation) => relation.extend(unmentioned),
        None => {
            let mut key_relation = keys.first().cloned().unwrap_or_default();
            key_relation.extend(unmentioned);
            relations.push(key_relation);
        }
    }
    let mut kept: Vec<AttributeSet> = Vec::new();
    for (index, relation) in relations.iter().enumerate() {
        let contained = relations.iter().enumerate().any(|(other_index, other)| {
            other_index != index
                && relation.is_subset(other)
                && (relation != other || other_index < index)
        });
        if !contained {
            kept.push(relation.clone());
        }
    }
    kept
}

/// The dependencies that hold within `relation`, as a minimal cover.
pub fn project_dependencies(
    relation: &AttributeSet,
    dependencies: &[Dependency],
) -> Vec<Dependency> {
    let determinants: Vec<AttributeSet> = if relation.len() <= MAX_RELATION_SIZE_FOR_PROJECTION {
        let items: Vec<usize> = relation.iter().copied().collect();
        (1..(1u32 << items.len()))
            .map(|mask| {
                items
                    .iter()
                    .enumerate()
                    .filter(|(bit, _)| mask & (1 << bit) != 0)
                    .map(|(_, item)| *item)
                    .collect()
            })
            .collect()
    } else {
        dependencies
            .iter()
            .filter(|dependency| dependency.determinant.is_subset(relation))
            .map(|dependency| dependency.determinant.clone())
            .collect()
    };
    let projected: Vec<Dependency> = determinants
        .into_iter()
        .filter_map(|determinant| {
            let dependent: AttributeSet = closure(&determinant, dependencies)
                .intersection(relation)
                .filter(|attribute| !determinant.contains(attribute))
                .copied()
                .collect();
            (!dependent.is_empty()).then_some(Dependency {
                determinant,
                dependent,
            })
        })
        .collect();
    minimal_cover(&projected)
}

/// The dependencies of the minimal cover of `dependencies` that can no longer be checked
/// within single relations of `relations` (and the ones they imply).
pub fn lost_dependencies(
    relations: &[AttributeSet],
    dependencies: &[Dependency],
) -> Vec<Dependency> {
    minimal_cover(dependencies)
        .into_iter()
        .filter(|dependency| {
            let mut reached = dependency.determinant.clone();
            loop {
                let before = reached.len();
                for relation in relations {
                    let inside: AttributeSet = reached.intersection(relation).copied().collect();
                    let gained: AttributeSet = closure(&inside, dependencies)
                        .intersection(relation)
                        .copied()
                        .collect();
                    reached.extend(gained);
                }
                if reached.len() == before {
                    break;
                }
            }
            !dependency.dependent.is_subset(&reached)
        })
        .collect()
}

/// Whether every dependency can still be checked within single relations of `relations`.
pub fn preserves_dependencies(relations: &[AttributeSet], dependencies: &[Dependency]) -> bool {
    lost_dependencies(relations, dependencies).is_empty()
}

/// The result of splitting relations toward BCNF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BcnfOutcome {
    /// The relations after every split that preserves dependencies.
    pub relations: Vec<AttributeSet>,
    /// Relations left in 3NF, each with the BCNF-violating dependency whose split would lose
    /// a dependency, and the dependencies that split would lose.
    pub kept: Vec<(AttributeSet, Dependency, Vec<Dependency>)>,
}

/// Splits each relation that is not in BCNF on a violating dependency `X -> Y` into `X+` and the
/// rest, as long as the split preserves every dependency; otherwise the relation is kept (it is
/// in 3NF when it came from [`synthesize_third_normal_form`]) and the reason recorded.
pub fn refine_to_bcnf(relations: &[AttributeSet], dependencies: &[Dependency]) -> BcnfOutcome {
    let mut done: Vec<AttributeSet> = Vec::new();
    let mut kept = Vec::new();
    let mut pending: Vec<AttributeSet> = relations.to_vec();
    pending.reverse();
    while let Some(relation) = pending.pop() {
        let Some((violation, first, second)) = bcnf_split(&relation, dependencies) else {
            done.push(relation);
            continue;
        };
        let mut candidate: Vec<AttributeSet> = done.clone();
        candidate.push(first.clone());
        candidate.push(second.clone());
        candidate.extend(pending.iter().cloned());
        let lost = lost_dependencies(&candidate, dependencies);
        if lost.is_empty() {
            pending.push(second);
            pending.push(first);
        } else {
            kept.push((relation.clone(), violation, lost));
            done.push(relation);
        }
    }
    BcnfOutcome {
        relations: done,
        kept,
    }
}

/// The textbook BCNF decomposition of `all`: split on violating dependencies until every
/// relation is in BCNF, whatever dependencies that loses (see [`lost_dependencies`]).
pub fn split_to_bcnf(all: &AttributeSet, dependencies: &[Dependency]) -> Vec<AttributeSet> {
    let mut done = Vec::new();
    let mut pending = vec![all.clone()];
    while let Some(relation) = pending.pop() {
        match bcnf_split(&relation, dependencies) {
            Some((_, first, second)) => {
                pending.push(second);
                pending.push(first);
            }
            None => done.push(relation),
        }
    }
    done
}

/// The first dependency violating BCNF within `relation`, with the two relations splitting on
/// it gives: the determinant's closure, and the determinant with everything else.
fn bcnf_split(
    relation: &AttributeSet,
    dependencies: &[Dependency],
) -> Option<(Dependency, AttributeSet, AttributeSet)> {
    let projected = project_dependencies(relation, dependencies);
    let violation = projected
        .iter()
        .find(|dependency| !is_superkey(&dependency.determinant, relation, &projected))?;
    let first: AttributeSet = closure(&violation.determinant, &projected)
        .intersection(relation)
        .copied()
        .collect();
    let second: AttributeSet = relation
        .iter()
        .filter(|attribute| violation.determinant.contains(attribute) || !first.contains(attribute))
        .copied()
        .collect();
    Some((violation.clone(), first, second))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthesis_moves_a_transitive_dependency_to_its_own_relation() {
        // id 0, name 1, advisor 2, advisor_phone 3.
        let all = AttributeSet::from([0, 1, 2, 3]);
        let dependencies = [Dependency::new([0], [1, 2, 3]), Dependency::new([2], [3])];
        let relations = synthesize_third_normal_form(&all, &dependencies);
        assert_eq!(
            relations,
            vec![AttributeSet::from([0, 1, 2]), AttributeSet::from([2, 3])]
        );
        assert!(preserves_dependencies(&relations, &dependencies));
    }

    #[test]
    fn synthesis_adds_a_key_relation_when_no_group_holds_a_key() {
        // a 0, b 1, c 2: a -> b only; the key is {a, c}.
        let all = AttributeSet::from([0, 1, 2]);
        let dependencies = [Dependency::new([0], [1])];
        let relations = synthesize_third_normal_form(&all, &dependencies);
        assert_eq!(
            relations,
            vec![AttributeSet::from([0, 1]), AttributeSet::from([0, 2])]
        );
    }

    #[test]
    fn the_course_instructor_split_would_lose_a_dependency() {
        // student 0, course 1, instructor 2.
        let all = AttributeSet::from([0, 1, 2]);
        let dependencies = [Dependency::new([0, 1], [2]), Dependency::new([2], [1])];
        let relations = synthesize_third_normal_form(&all, &dependencies);
        let outcome = refine_to_bcnf(&relations, &dependencies);
        assert_eq!(outcome.relations, vec![AttributeSet::from([0, 1, 2])]);
        assert_eq!(outcome.kept.len(), 1);
        assert_eq!(outcome.kept[0].1, Dependency::new([2], [1]));
        assert_eq!(outcome.kept[0].2, vec![Dependency::new([0, 1], [2])]);
    }

    #[test]
    fn a_split_that_preserves_dependencies_is_made() {
        // a 0, b 1, c 2: a -> b, b -> a, with key {a, c} and {b, c}: a relation in 3NF (all
        // prime) whose split into {a, b} and {a, c} loses nothing.
        let dependencies = [Dependency::new([0], [1]), Dependency::new([1], [0])];
        let outcome = refine_to_bcnf(&[AttributeSet::from([0, 1, 2])], &dependencies);
        assert!(outcome.kept.is_empty());
        assert_eq!(
            outcome.relations,
            vec![AttributeSet::from([0, 1]), AttributeSet::from([0, 2])]
        );
    }

    #[test]
    fn projection_keeps_implied_dependencies() {
        // a -> b, b -> c: projected on {a, c}, a -> c holds.
        let dependencies = [Dependency::new([0], [1]), Dependency::new([1], [2])];
        assert_eq!(
            project_dependencies(&AttributeSet::from([0, 2]), &dependencies),
            vec![Dependency::new([0], [2])]
        );
    }
}
