//! A reviewer's side file from someone else: any bytes must parse or be refused with an error
//! naming the file, never panic; a review that parses writes back to the same review, and
//! merging it into a session and summarising it never panic.
#![no_main]

use std::path::Path;

use infradraft::review::{self, ReviewFile};
use infradraft::store;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.review.ron");
    let Ok(text) = store::text_of(path, data) else {
        return;
    };
    match store::from_ron::<ReviewFile>(path, text) {
        Err(e) => assert!(e.to_string().contains("fuzz.review.ron"), "{e}"),
        Ok(file) => {
            let again = store::to_ron(&file).expect("a review serialises");
            let back: ReviewFile = store::from_ron(path, &again).expect("written text parses");
            assert_eq!(back, file);
            let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
            let mut session = infradraft::model::Session::empty("T", "P", now);
            let _ = review::merge(&mut session, &file, now);
            let _ = review::summary_markdown(&session, &file.comments);
        }
    }
});
