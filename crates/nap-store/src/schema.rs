//! The schema of the project file and its migrations.

use rusqlite_migration::{Migrations, M};

/// `PRAGMA application_id` of every NAP Studio plan: "NAPS" in ASCII.
pub const APPLICATION_ID: u32 = 0x4E41_5053;

/// The schema version this build writes (`PRAGMA user_version`): the number of migrations.
pub const SCHEMA_VERSION: u32 = 6;

/// The migrations, in order. A shipped migration is never edited; add a new one.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../migrations/0001-initial.sql")),
        M::up(include_str!("../migrations/0002-sharing.sql")),
        M::up(include_str!("../migrations/0003-classification-names.sql")),
        M::up(include_str!("../migrations/0004-progress.sql")),
        M::up(include_str!("../migrations/0005-reporting-calendar.sql")),
        M::up(include_str!("../migrations/0006-outdated-translations.sql")),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().expect("migrations validate");
    }

    #[test]
    fn schema_version_counts_the_migrations() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let v: u32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
    }
}
