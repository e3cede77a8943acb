//! Integration tests: they run the real `tm` binary on real files in a
//! scratch folder (see [`workdir::Workdir`]).

mod align;
mod anchors;
mod bad_input;
mod cli;
mod diff;
mod glossary;
mod glossary_file;
mod interchange;
mod langs;
mod lookup;
mod ops;
mod qa;
mod review;
mod sample;
mod segment;
mod workdir;
