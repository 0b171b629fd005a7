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
    /// Which table of the dataset this kind of record is kept in (the
    /// position of its `edit::Kind`), for [`reads`]; none for others.
    const TABLE: Option<usize> = None;
    fn id(&self) -> Uuid;
}

/// Which tables a computation read, so a view can depend on those tables
/// alone: while a [`reads::Reads`] is open on this thread, every read of a
/// table (its rows, a lookup by id, an iteration) notes the table. Pure
/// bookkeeping: the views turn the tables read into reactive dependencies.
pub mod reads {
    use std::cell::RefCell;

    thread_local! {
        static OPEN: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
    }

    /// Notes that table `t` was read, if anyone is asking.
    pub(crate) fn note(t: usize) {
        OPEN.with(|o| {
            if let Some(top) = o.borrow_mut().last_mut() {
                *top |= 1 << t;
            }
        });
    }

    /// An open record of the tables read; [`Reads::close`] gives them.
    pub struct Reads(());

    impl Reads {
        pub fn open() -> Reads {
            OPEN.with(|o| o.borrow_mut().push(0));
            Reads(())
        }

        /// The tables read since `open`, as a bit per table position (a read
        /// nested inside another counts for both).
        pub fn close(self) -> u32 {
            let mask = OPEN.with(|o| o.borrow_mut().pop()).unwrap_or(0);
            OPEN.with(|o| {
                if let Some(outer) = o.borrow_mut().last_mut() {
                    *outer |= mask;
                }
            });
            std::mem::forget(self);
            mask
        }
    }

    impl Drop for Reads {
        /// Closed without asking (a panic): the record is dropped.
        fn drop(&mut self) {
            OPEN.with(|o| o.borrow_mut().pop());
        }
    }
}

/// Records by id, in order.
pub struct Table<T> {
    rows: Vec<T>,
    index: OnceLock<HashMap<Uuid, usize>>,
}

impl<T: Row> Table<T> {
    fn noted(&self) -> &Vec<T> {
        if let Some(t) = T::TABLE {
            reads::note(t);
        }
        &self.rows
    }

    /// The record with `id`. The first lookup after a change builds the
    /// index (once, in time linear in the rows); the rest take constant time.
    pub fn get(&self, id: Uuid) -> Option<&T> {
        self.position(id).map(|i| &self.rows[i])
    }

    /// Where the record with `id` is (the first, if ids repeat).
    pub fn position(&self, id: Uuid) -> Option<usize> {
        let rows = self.noted();
        self.index
            .get_or_init(|| {
                let mut index = HashMap::with_capacity(rows.len());
                for (i, r) in rows.iter().enumerate() {
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

impl<T: Row> Table<T> {
    /// Adds a row at the end (the index is dropped).
    pub fn push(&mut self, row: T) {
        self.deref_mut().push(row);
    }
}

impl<T> Table<T> {
    pub fn new() -> Self {
        Table {
            rows: Vec::new(),
            index: OnceLock::new(),
        }
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

impl<T: Row> Deref for Table<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        self.noted()
    }
}

impl<T: Row> DerefMut for Table<T> {
    /// The rows, to change: the index is dropped, to be built again when
    /// next asked for.
    fn deref_mut(&mut self) -> &mut Vec<T> {
        self.index = OnceLock::new();
        &mut self.rows
    }
}

impl<'a, T: Row> IntoIterator for &'a Table<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.noted().iter()
    }
}

impl<'a, T: Row> IntoIterator for &'a mut Table<T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    /// The rows, to change: the index is dropped.
    fn into_iter(self) -> Self::IntoIter {
        self.deref_mut().iter_mut()
    }
}

/// A copy has its own index, built when it is first asked for (a copy is
/// most often made to be written out, never searched).
impl<T: Clone + Row> Clone for Table<T> {
    fn clone(&self) -> Self {
        Table {
            rows: self.noted().clone(),
            index: OnceLock::new(),
        }
    }
}

impl<T: PartialEq + Row> PartialEq for Table<T> {
    fn eq(&self, other: &Self) -> bool {
        self.noted() == other.noted()
    }
}

impl<T: Eq + Row> Eq for Table<T> {}

impl<T: PartialEq + Row> PartialEq<Vec<T>> for Table<T> {
    fn eq(&self, other: &Vec<T>) -> bool {
        self.noted() == other
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

    #[derive(Debug, Clone, PartialEq)]
    struct Kept3(Uuid);
    impl Row for Kept3 {
        const TABLE: Option<usize> = Some(3);
        fn id(&self) -> Uuid {
            self.0
        }
    }

    #[test]
    fn reads_note_the_tables_read_nested_or_not() {
        let a = Uuid::new_v4();
        let t: Table<Kept3> = vec![Kept3(a)].into();
        let other: Table<R> = vec![R(a, "a")].into();
        // Nobody asking: nothing noted, nothing goes wrong.
        assert_eq!(t.len(), 1);
        let outer = reads::Reads::open();
        let _ = other.get(a); // a table with no position is not noted
        let inner = reads::Reads::open();
        assert!(inner.close() == 0);
        let inner = reads::Reads::open();
        assert!(t.get(a).is_some());
        assert_eq!(inner.close(), 1 << 3);
        assert_eq!(
            outer.close(),
            1 << 3,
            "the outer read saw the inner's table"
        );
        type Read<'a> = &'a dyn Fn(&Table<Kept3>) -> usize;
        let reads: [(&str, Read); 3] = [
            ("rows", &|t| t.len()),
            ("iteration", &|t| t.into_iter().count()),
            ("lookup", &|t| usize::from(t.has_id(a))),
        ];
        for (how, read) in reads {
            let r = reads::Reads::open();
            assert_eq!(read(&t), 1);
            assert_eq!(r.close(), 1 << 3, "{how}");
        }
        // A record dropped unclosed (a panic) leaves the stack as it was.
        let outer = reads::Reads::open();
        drop(reads::Reads::open());
        let _ = t.len();
        assert_eq!(outer.close(), 1 << 3);
    }

    #[test]
    fn stored_as_a_list() {
        let t: Table<u8> = vec![1, 2].into();
        assert_eq!(serde_json::to_string(&t).unwrap(), "[1,2]");
        let back: Table<u8> = serde_json::from_str("[1,2]").unwrap();
        assert_eq!(back.into_rows(), vec![1, 2]);
        assert_eq!(format!("{t:?}"), "[1, 2]");
    }
}
