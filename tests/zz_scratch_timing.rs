use infradraft::preview::*;
use std::time::Instant;
use syntect::parsing::*;
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
        eprintln!(
            "first yaml+hcl highlight (lazy load+regex compile): {:?}",
            t.elapsed()
        );
    }
    let t = Instant::now();
    let d = SyntaxDefinition::load_from_str(HCL_SYNTAX, true, None).unwrap();
    eprintln!("hcl load_from_str: {:?}", t.elapsed());
    let t = Instant::now();
    let mut b = SyntaxSetBuilder::new();
    b.add(d);
    let _ = b.build();
    eprintln!("hcl build: {:?}", t.elapsed());
}
