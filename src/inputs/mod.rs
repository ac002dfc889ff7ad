//! Reading input documents into the session: snapshots with checksums, and discovery of the
//! conventional paths.

mod snapshot;

pub use snapshot::{InputError, MAX_INPUT_BYTES, builtin_input, discover, read_input, sha256_hex};
