#[test]
fn m() {
    let src = "flowchart LR\n    User[Passenger app] --> CDN[CloudFront]\n    CDN --> ALB[Load balancer]\n    ALB --> API[Booking API]\n    API --> DB[(Aurora)]\n    API --> Cache[(Redis)]\n";
    println!("{}", mermaid_text::render_with_width(src, Some(58)).unwrap());
    println!("{}", mermaid_text::render_with_width(&src.replace("LR", "TD"), Some(58)).unwrap());
}
