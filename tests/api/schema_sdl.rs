//! `schema.graphql` is generated from the code; this test keeps it current.

#[test]
fn schema_graphql_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.graphql");
    let generated = ropa::api::schema::sdl();
    if std::env::var("UPDATE_SCHEMA").is_ok() {
        std::fs::write(&path, &generated).expect("schema.graphql is writable");
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "schema.graphql is stale: regenerate it with `UPDATE_SCHEMA=1 cargo test --test api schema_graphql_is_current` \
         (or `cargo run -- schema > schema.graphql`) and commit it"
    );
}
