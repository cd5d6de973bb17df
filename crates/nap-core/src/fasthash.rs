//! Hash maps for in-memory lookup tables.

/// A `HashMap` with rustc's Fx hash: fast and deterministic for keys that come from the plan
/// (ids, codes, short strings), and not resistant to deliberate collisions, which such keys
/// do not need. The standard SipHash showed up in profiles of the 30,000-line benchmark and
/// the annex. Never persisted: nothing written to a file depends on this hash.
pub type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// A `HashSet` with the same hash as [`FastMap`].
pub type FastSet<T> = rustc_hash::FxHashSet<T>;
