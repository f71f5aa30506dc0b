//! The order in which tables can be created, and which foreign keys must wait for the others.

use crate::schema::Schema;

/// A foreign key, by the index of its table and its index within that table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForeignKeyRef {
    /// Index of the table in [`Schema::tables`].
    pub table: usize,
    /// Index of the key in that table's `foreign_keys`.
    pub foreign_key: usize,
}

/// The order in which to create a schema's tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreationOrder {
    /// Indexes into [`Schema::tables`], parents before children.
    pub tables: Vec<usize>,
    /// Foreign keys that close a cycle: they are added after every table exists.
    pub deferred: Vec<ForeignKeyRef>,
}

impl CreationOrder {
    /// Whether this foreign key is added after the tables instead of in its `CREATE TABLE`.
    pub fn is_deferred(&self, table: usize, foreign_key: usize) -> bool {
        self.deferred
            .contains(&ForeignKeyRef { table, foreign_key })
    }
}

/// Orders the tables so that every table comes after the tables it references.
///
/// Among tables that are ready, the one written first goes first, so the order is as close to the
/// written order as the references allow, and the same on every run. When the references form a
/// cycle, the first-written table of the cycle is created first and its references to tables not
/// yet created are deferred. Self-references never need deferring.
pub fn creation_order(schema: &Schema) -> CreationOrder {
    let count = schema.tables.len();
    let position = |name: &str| schema.tables.iter().position(|table| table.name == name);
    let targets: Vec<Vec<Option<usize>>> = schema
        .tables
        .iter()
        .map(|table| {
            table
                .foreign_keys
                .iter()
                .map(|key| position(&key.referenced_table))
                .collect()
        })
        .collect();
    let mut created = vec![false; count];
    let mut order = CreationOrder {
        tables: Vec::with_capacity(count),
        deferred: Vec::new(),
    };
    while order.tables.len() < count {
        let ready = (0..count).find(|&table| {
            !created[table]
                && targets[table]
                    .iter()
                    .flatten()
                    .all(|&target| target == table || created[target])
        });
        let next = match ready {
            Some(table) => table,
            None => {
                let in_cycle = (0..count)
                    .find(|&table| !created[table] && reaches_itself(table, &targets, &created));
                let Some(table) = in_cycle.or_else(|| (0..count).find(|&table| !created[table]))
                else {
                    break;
                };
                for (foreign_key, target) in targets[table].iter().enumerate() {
                    if let Some(target) = *target
                        && target != table
                        && !created[target]
                    {
                        order.deferred.push(ForeignKeyRef { table, foreign_key });
                    }
                }
                table
            }
        };
        created[next] = true;
        order.tables.push(next);
    }
    order
}

/// Whether `start` can reach itself through references between tables not yet created.
fn reaches_itself(start: usize, targets: &[Vec<Option<usize>>], created: &[bool]) -> bool {
    let mut stack: Vec<usize> = targets[start]
        .iter()
        .flatten()
        .copied()
        .filter(|&t| t != start)
        .collect();
    let mut visited = vec![false; targets.len()];
    while let Some(table) = stack.pop() {
        if table == start {
            return true;
        }
        if visited[table] || created[table] {
            continue;
        }
        visited[table] = true;
        stack.extend(targets[table].iter().flatten().copied());
    }
    false
}
