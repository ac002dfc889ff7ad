//! Reading input documents into the session: snapshots with checksums, and discovery of the
//! conventional paths.

pub mod extract;
mod freshness;
mod snapshot;

pub use freshness::{
    DiffLine, Freshness, contribution, diff_lines, freshness, missing_kinds, refresh_snapshot,
};

pub use snapshot::{InputError, MAX_INPUT_BYTES, builtin_input, discover, read_input, sha256_hex};
