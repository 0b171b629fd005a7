//! A table of records found by id: the rows in their stored order, with an
//! index from id to row built when first asked for and dropped whenever the
//! rows are borrowed to change. Reads go through `Deref` to the rows, so a
//! table reads like the list it is stored and exported as.

use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

/// A record with an id of its own.
pub trait Row {
    fn id(&self) -> Uuid;
}

/// Records by id, in order.
pub struct Table<T> {
    rows: Vec<T>,
    index: OnceLock<HashMap<Uuid, usize>>,
}

impl<T: Row> Table<T> {
    /// The record with `id`. The first lookup after a change builds the
    /// index (once, in time linear in the rows); the rest take constant time.
    pub fn get(&self, id: Uuid) -> Option<&T> {
        self.position(id).map(|i| &self.rows[i])
    }

    /// Where the record with `id` is (the first, if ids repeat).
    pub fn position(&self, id: Uuid) -> Option<usize> {
        self.index
            .get_or_init(|| {
                let mut index = HashMap::with_capacity(self.rows.len());
                for (i, r) in self.rows.iter().enumerate() {
                    index.entry(r.id()).or_insert(i);
                }
                index
            })
            .get(&id)
            .copied()
    }

    pub fn has_id(&self, id: Uuid) -> bool {
        self.position(id).is_some()
    }
}

impl<T> Table<T> {
    pub fn new() -> Self {
        Table {
            rows: Vec::new(),
            index: OnceLock::new(),
        }
    }

    /// Adds a row at the end (the index is dropped).
    pub fn push(&mut self, row: T) {
        self.deref_mut().push(row);
    }

    /// The rows, for good.
    pub fn into_rows(self) -> Vec<T> {
        self.rows
    }
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> From<Vec<T>> for Table<T> {
    fn from(rows: Vec<T>) -> Self {
        Table {
            rows,
            index: OnceLock::new(),
        }
    }
}

impl<T> FromIterator<T> for Table<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Vec::from_iter(iter).into()
    }
}

impl<T> Deref for Table<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.rows
    }
}

impl<T> DerefMut for Table<T> {
    /// The rows, to change: the index is dropped, to be built again when
    /// next asked for.
    fn deref_mut(&mut self) -> &mut Vec<T> {
        self.index = OnceLock::new();
        &mut self.rows
    }
}

impl<'a, T> IntoIterator for &'a Table<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.rows.iter()
    }
}

impl<'a, T> IntoIterator for &'a mut Table<T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    /// The rows, to change: the index is dropped.
    fn into_iter(self) -> Self::IntoIter {
        self.deref_mut().iter_mut()
    }
}

/// A copy has its own index, built when it is first asked for (a copy is
/// most often made to be written out, never searched).
impl<T: Clone> Clone for Table<T> {
    fn clone(&self) -> Self {
        Table {
            rows: self.rows.clone(),
            index: OnceLock::new(),
        }
    }
}

impl<T: PartialEq> PartialEq for Table<T> {
    fn eq(&self, other: &Self) -> bool {
        self.rows == other.rows
    }
}

impl<T: Eq> Eq for Table<T> {}

impl<T: PartialEq> PartialEq<Vec<T>> for Table<T> {
    fn eq(&self, other: &Vec<T>) -> bool {
        &self.rows == other
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Table<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.rows.fmt(f)
    }
}

/// Stored and exported as the list of its rows.
impl<T: Serialize> Serialize for Table<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.rows.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Table<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(d).map(Table::from)
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for Table<T> {
    fn inline_schema() -> bool {
        <Vec<T>>::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Vec<T>>::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        <Vec<T>>::schema_id()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Vec<T>>::json_schema(g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct R(Uuid, &'static str);
    impl Row for R {
        fn id(&self) -> Uuid {
            self.0
        }
    }

    #[test]
    fn finds_by_id_and_keeps_up_with_changes() {
        let (a, b, c) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let mut t: Table<R> = vec![R(a, "a"), R(b, "b")].into();
        assert_eq!(t.get(b), Some(&R(b, "b")));
        assert_eq!(t.position(a), Some(0));
        assert!(!t.has_id(c) && t.has_id(a));
        // Any change through the rows drops the index.
        t.push(R(c, "c"));
        assert_eq!(t.get(c), Some(&R(c, "c")));
        t.retain(|r| r.0 != a);
        assert_eq!(
            (t.position(b), t.position(c), t.get(a)),
            (Some(0), Some(1), None)
        );
        t.iter_mut().for_each(|r| r.1 = "x");
        assert_eq!(t.get(c), Some(&R(c, "x")));
        // A repeated id finds the first.
        t.push(R(b, "again"));
        assert_eq!(t.get(b), Some(&R(b, "x")));
        let copy = t.clone();
        assert_eq!(copy, t);
        assert_eq!(copy.get(c), Some(&R(c, "x")));
        assert_eq!(copy.into_rows().len(), 3);
    }

    #[test]
    fn stored_as_a_list() {
        let t: Table<u8> = vec![1, 2].into();
        assert_eq!(serde_json::to_string(&t).unwrap(), "[1,2]");
        let back: Table<u8> = serde_json::from_str("[1,2]").unwrap();
        assert_eq!(back, t);
        assert_eq!(format!("{t:?}"), "[1, 2]");
    }
}
