use infradraft::preview::*;
use std::time::Instant;
#[test]
fn timing() {
    for _ in 0..3 {
        let t = Instant::now();
        let hl = Highlighter::new();
        eprintln!("Highlighter::new: {:?}", t.elapsed());
        let t = Instant::now();
        let _ = render_markdown(
            "```yaml\na: 1\n```\n```hcl\nresource \"a\" \"b\" {}\n```\n",
            80,
            &PreviewStyles::default(),
            &hl,
        );
        eprintln!("first highlight (lazy regex compile): {:?}", t.elapsed());
    }
    let t = Instant::now();
    let p = Highlighter::plain();
    eprintln!("plain: {:?} {:?}", t.elapsed(), p);
}
