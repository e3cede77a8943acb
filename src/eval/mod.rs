//! Scorers for the public test sets: sentence segmentation (exact match per
//! case) and sentence alignment (strict and lax precision, recall and F1).

pub mod align;
pub mod segment;
