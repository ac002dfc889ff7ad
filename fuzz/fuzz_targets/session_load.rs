//! A session file from someone else: any bytes must load or be refused with an error naming the
//! file, never panic; a session that loads writes back to text that loads to the same session.
#![no_main]

use std::path::Path;

use infradraft::store;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.ron");
    let Ok(text) = store::text_of(path, data) else {
        return;
    };
    match store::session_from_text(path, text) {
        Err(e) => assert!(e.to_string().contains("fuzz.ron"), "{e}"),
        Ok((session, _)) => {
            let again = store::to_ron(&session).expect("a loaded session serialises");
            let (back, migrated) =
                store::session_from_text(path, &again).expect("written text loads");
            assert_eq!(migrated, None);
            assert_eq!(back, session);
        }
    }
});
