//! Maps records to table rows and back, driven by the table's declared column types.
//!
//! A record is turned into its serde JSON object; each column takes the field of the same
//! name (see the column-type legend at the top of `migrations/0001-initial.sql`). Loading
//! does the reverse and lets serde rebuild the record. Invariant: every field of a record
//! has a column; a field without one is an error (never silently dropped), and the store's
//! round-trip tests exercise every kind.

use crate::error::StoreError;
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{Connection, Transaction};
use serde::de::value::MapDeserializer;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

/// How a column's value is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColumnKind {
    Plain,
    LocalText,
    /// The second-language half of a `LocalText` column; written with its base column.
    LocalTextL2,
    /// Whether that second-language half is out of date (`LocalText::l2_outdated`).
    LocalTextOutdated,
    Json,
    Boolean,
    Position,
}

/// The columns of one table, in declaration order.
#[derive(Debug, Clone)]
pub(crate) struct TableShape {
    pub table: &'static str,
    columns: Vec<(String, ColumnKind)>,
    /// For each `LocalText` column, the index of its `_l2` column.
    l2_index: Vec<Option<usize>>,
    /// For each `LocalText` column, the index of its `_l2_outdated` column.
    outdated_index: Vec<Option<usize>>,
    insert_sql: String,
    /// Every row in the table's own order, which need not be the plan's.
    select_sql: String,
    /// Every row in the plan's order (`position`, then `id` where positions tie).
    select_ordered_sql: String,
    /// The index of the `position` column.
    position_index: Option<usize>,
}

/// Puts `items[from[k]]` at `k` for every `k`, in place (`from` is a permutation): a large
/// table's records are not held twice while they are put in order.
fn put_in_order<T>(items: &mut [T], mut from: Vec<usize>) {
    for start in 0..from.len() {
        // Follow the cycle through `start`: each swap puts one record where it belongs.
        let mut at = start;
        while from[at] != start {
            let next = from[at];
            items.swap(at, next);
            from[at] = at;
            at = next;
        }
        from[at] = at;
    }
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

impl TableShape {
    /// Reads the table's columns from the schema.
    pub fn read(conn: &Connection, table: &'static str) -> Result<Self, StoreError> {
        let mut stmt = conn.prepare(&format!("PRAGMA table_info({})", quote(table)))?;
        let raw: Vec<(String, String)> = stmt
            .query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
            .collect::<Result<_, _>>()?;
        if raw.is_empty() {
            return Err(StoreError::Mapping(format!("table {table} does not exist")));
        }
        let local: Vec<&str> = raw
            .iter()
            .filter(|(_, t)| t.eq_ignore_ascii_case("LOCALTEXT"))
            .map(|(n, _)| n.as_str())
            .collect();
        let columns: Vec<(String, ColumnKind)> = raw
            .iter()
            .map(|(name, ty)| {
                let kind = match ty.to_ascii_uppercase().as_str() {
                    _ if name == "position" => ColumnKind::Position,
                    _ if name
                        .strip_suffix("_l2_outdated")
                        .is_some_and(|base| local.contains(&base)) =>
                    {
                        ColumnKind::LocalTextOutdated
                    }
                    "LOCALTEXT" => ColumnKind::LocalText,
                    "JSON_TEXT" => ColumnKind::Json,
                    "BOOLEAN" => ColumnKind::Boolean,
                    _ if name
                        .strip_suffix("_l2")
                        .is_some_and(|base| local.contains(&base)) =>
                    {
                        ColumnKind::LocalTextL2
                    }
                    _ => ColumnKind::Plain,
                };
                (name.clone(), kind)
            })
            .collect();
        // For each LocalText column, the index of its companion column `<name><suffix>`.
        let companion = |suffix: &str| -> Vec<Option<usize>> {
            columns
                .iter()
                .map(|(name, kind)| {
                    let wanted = format!("{name}{suffix}");
                    (*kind == ColumnKind::LocalText)
                        .then(|| columns.iter().position(|(n, _)| *n == wanted))
                        .flatten()
                })
                .collect()
        };
        let l2_index = companion("_l2");
        let outdated_index = companion("_l2_outdated");
        let names: Vec<String> = columns.iter().map(|(n, _)| quote(n)).collect();
        let placeholders: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        Ok(Self {
            table,
            insert_sql: format!(
                "INSERT OR REPLACE INTO {} ({}) VALUES ({})",
                quote(table),
                names.join(", "),
                placeholders.join(", ")
            ),
            select_sql: format!("SELECT {} FROM {}", names.join(", "), quote(table)),
            select_ordered_sql: format!(
                "SELECT {} FROM {} ORDER BY position, id",
                names.join(", "),
                quote(table)
            ),
            position_index: columns.iter().position(|(_, k)| *k == ColumnKind::Position),
            columns,
            l2_index,
            outdated_index,
        })
    }

    /// Writes `record` at `position`, replacing any row with the same id.
    pub fn write<T: Serialize>(
        &self,
        tx: &Transaction<'_>,
        record: &T,
        position: i64,
    ) -> Result<(), StoreError> {
        let Value::Object(mut fields) = serde_json::to_value(record)
            .map_err(|e| StoreError::Mapping(format!("{}: {e}", self.table)))?
        else {
            return Err(StoreError::Mapping(format!(
                "{}: a record must serialise to an object",
                self.table
            )));
        };
        let mut values: Vec<SqlValue> = Vec::with_capacity(self.columns.len());
        for (name, kind) in &self.columns {
            let v = match kind {
                ColumnKind::Position => SqlValue::Integer(position),
                ColumnKind::LocalTextL2 => {
                    let base = &name[..name.len() - 3];
                    match fields.get(base).and_then(|v| v.get("l2")) {
                        Some(Value::String(s)) => SqlValue::Text(s.clone()),
                        _ => SqlValue::Null,
                    }
                }
                ColumnKind::LocalTextOutdated => {
                    let base = &name[..name.len() - "_l2_outdated".len()];
                    let outdated = fields
                        .get(base)
                        .and_then(|v| v.get("l2_outdated"))
                        .and_then(Value::as_bool)
                        .unwrap_or(false);
                    SqlValue::Integer(i64::from(outdated))
                }
                ColumnKind::LocalText => {
                    match fields.get(name.as_str()).and_then(|v| v.get("text")) {
                        Some(Value::String(s)) => SqlValue::Text(s.clone()),
                        _ => return Err(self.missing(name)),
                    }
                }
                ColumnKind::Json => match fields.get(name.as_str()) {
                    Some(Value::Null) => SqlValue::Null,
                    Some(v) => SqlValue::Text(v.to_string()),
                    None => return Err(self.missing(name)),
                },
                ColumnKind::Boolean => match fields.get(name.as_str()) {
                    Some(Value::Bool(b)) => SqlValue::Integer(i64::from(*b)),
                    _ => return Err(self.missing(name)),
                },
                ColumnKind::Plain => match fields.get(name.as_str()) {
                    Some(Value::Null) => SqlValue::Null,
                    Some(Value::String(s)) => SqlValue::Text(s.clone()),
                    Some(Value::Number(n)) => match n.as_i64() {
                        Some(i) => SqlValue::Integer(i),
                        None => {
                            return Err(StoreError::Mapping(format!(
                                "{}.{name}: only whole numbers are stored in plain columns",
                                self.table
                            )))
                        }
                    },
                    Some(Value::Bool(b)) => SqlValue::Integer(i64::from(*b)),
                    Some(other) => SqlValue::Text(other.to_string()),
                    None => return Err(self.missing(name)),
                },
            };
            values.push(v);
        }
        // Every field must have landed in a column.
        for (name, kind) in &self.columns {
            if !matches!(
                kind,
                ColumnKind::LocalTextL2 | ColumnKind::LocalTextOutdated | ColumnKind::Position
            ) {
                fields.remove(name.as_str());
            }
        }
        if let Some(extra) = fields.keys().next() {
            return Err(StoreError::Mapping(format!(
                "{}: field `{extra}` has no column; add a migration",
                self.table
            )));
        }
        let mut stmt = tx.prepare_cached(&self.insert_sql)?;
        stmt.execute(rusqlite::params_from_iter(values))?;
        Ok(())
    }

    fn missing(&self, column: &str) -> StoreError {
        StoreError::Mapping(format!(
            "{}.{column}: the record has no field for this column",
            self.table
        ))
    }

    /// Every row of the table as records, in position order.
    pub fn read_all<T: DeserializeOwned>(&self, conn: &Connection) -> Result<Vec<T>, StoreError> {
        // Read in the table's order and put in the plan's order here: SQLite sorted a large
        // table through temporary files (a sixth of opening a 30,000-line plan). Positions
        // are unique in a file NAP Studio wrote; where two tie, the tie is SQLite's to break
        // by id, and the table is read again in the plan's order.
        let Some(at) = self.position_index else {
            return self.read_rows(conn, &self.select_ordered_sql, None);
        };
        let mut positions = Vec::new();
        let mut rows = self.read_rows(conn, &self.select_sql, Some((at, &mut positions)))?;
        let Some(mut order) = positions
            .into_iter()
            .zip(0..)
            .map(|(p, i)| p.map(|p| (p, i)))
            .collect::<Option<Vec<(i64, usize)>>>()
        else {
            // A position that is not a whole number: only SQLite knows where it sorts.
            return self.read_rows(conn, &self.select_ordered_sql, None);
        };
        let increasing = |order: &[(i64, usize)]| order.windows(2).all(|w| w[0].0 < w[1].0);
        if increasing(&order) {
            return Ok(rows);
        }
        order.sort_unstable();
        if !increasing(&order) {
            return self.read_rows(conn, &self.select_ordered_sql, None);
        }
        put_in_order(&mut rows, order.into_iter().map(|(_, i)| i).collect());
        Ok(rows)
    }

    /// The rows `sql` selects, as records; with `positions`, the value of the position
    /// column (at its index) of each in the same order, `None` where it is not an integer.
    fn read_rows<T: DeserializeOwned>(
        &self,
        conn: &Connection,
        sql: &str,
        mut positions: Option<(usize, &mut Vec<Option<i64>>)>,
    ) -> Result<Vec<T>, StoreError> {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        // Each row is read as its fields in column order, the names borrowed from the table's
        // shape: building a JSON object per row (a sorted map with its own copy of every
        // field name) was about a fifth of opening a 30,000-line plan.
        let mut fields: Vec<(&str, Value)> = Vec::with_capacity(self.columns.len());
        while let Some(row) = rows.next()? {
            if let Some((at, positions)) = positions.as_mut() {
                positions.push(match row.get_ref(*at)? {
                    ValueRef::Integer(p) => Some(p),
                    _ => None,
                });
            }
            fields.clear();
            for (i, (name, kind)) in self.columns.iter().enumerate() {
                let cell = row.get_ref(i)?;
                let v = match kind {
                    ColumnKind::Position
                    | ColumnKind::LocalTextL2
                    | ColumnKind::LocalTextOutdated => continue,
                    ColumnKind::LocalText => {
                        let l2 = match self.l2_index[i].map(|j| row.get_ref(j)).transpose()? {
                            Some(ValueRef::Text(t)) => Value::String(utf8(t, self.table, name)?),
                            _ => Value::Null,
                        };
                        let mut lt = Map::new();
                        lt.insert("text".into(), to_json_value(cell, self.table, name)?);
                        lt.insert("l2".into(), l2);
                        let outdated =
                            self.outdated_index[i].map(|j| row.get_ref(j)).transpose()?;
                        if matches!(outdated, Some(ValueRef::Integer(n)) if n != 0) {
                            lt.insert("l2_outdated".into(), Value::Bool(true));
                        }
                        Value::Object(lt)
                    }
                    ColumnKind::Json => match cell {
                        ValueRef::Null => Value::Null,
                        ValueRef::Text(t) => serde_json::from_slice(t).map_err(|e| {
                            StoreError::Damaged(format!(
                                "{}.{name} holds invalid JSON: {e}",
                                self.table
                            ))
                        })?,
                        _ => {
                            return Err(StoreError::Damaged(format!(
                                "{}.{name} should hold JSON text",
                                self.table
                            )))
                        }
                    },
                    ColumnKind::Boolean => match cell {
                        ValueRef::Integer(i) => Value::Bool(i != 0),
                        _ => {
                            return Err(StoreError::Damaged(format!(
                                "{}.{name} should hold 0 or 1",
                                self.table
                            )))
                        }
                    },
                    ColumnKind::Plain => to_json_value(cell, self.table, name)?,
                };
                fields.push((name.as_str(), v));
            }
            let record = MapDeserializer::<_, serde_json::Error>::new(fields.drain(..));
            out.push(T::deserialize(record).map_err(|e| {
                StoreError::Damaged(format!(
                    "a row of {} cannot be read: {}",
                    self.table,
                    nap_core::text::cut_long(&e.to_string())
                ))
            })?);
        }
        Ok(out)
    }
}

fn utf8(bytes: &[u8], table: &str, column: &str) -> Result<String, StoreError> {
    String::from_utf8(bytes.to_vec())
        .map_err(|_| StoreError::Damaged(format!("{table}.{column} holds text that is not UTF-8")))
}

fn to_json_value(cell: ValueRef<'_>, table: &str, column: &str) -> Result<Value, StoreError> {
    Ok(match cell {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Text(t) => Value::String(utf8(t, table, column)?),
        ValueRef::Real(_) | ValueRef::Blob(_) => {
            return Err(StoreError::Damaged(format!(
                "{table}.{column} holds a value of the wrong type"
            )))
        }
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn putting_in_order_in_place_is_taking_each_item_from_where_it_was(
            order in (0usize..60).prop_flat_map(|n| Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        ) {
            let items: Vec<String> = (0..order.len()).map(|i| format!("record {i}")).collect();
            let expected: Vec<String> = order.iter().map(|&i| items[i].clone()).collect();
            let mut in_place = items;
            super::put_in_order(&mut in_place, order);
            prop_assert_eq!(in_place, expected);
        }
    }
}
