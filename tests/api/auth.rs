//! Authentication and authorization through the API.

use serde_json::json;

use crate::common::{error_code, TestApp};

#[tokio::test]
async fn the_register_needs_a_token() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    let response = app.gql(None, "{ organization { slug } }", json!({})).await;
    assert_eq!(error_code(&response), "UNAUTHENTICATED");
    assert!(response["data"].is_null());
}
