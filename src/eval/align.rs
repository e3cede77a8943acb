//! Alignment scoring (see README).
