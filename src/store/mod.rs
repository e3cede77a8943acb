//! The SQLite translation memory.
