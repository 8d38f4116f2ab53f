//! Test data from small builders, for tests that need a person rather than the whole demo region (`TestApp::with_demo`): fewer
//! rows to load, and each test shows what it stands on. The builders go
//! through the crate's own query functions, as the demo loader does.

use lernregion::{
    auth::{domain::Email, password, queries as users},
    db::now,
    ids::UserId,
};
use tokio::sync::OnceCell;

use crate::helpers::{DEMO_PASSWORD, TestApp};

/// A confirmed account with [`DEMO_PASSWORD`], so `app.logged_in` works.
pub async fn person(app: &TestApp, email: &str, name: &str) -> UserId {
    // Hashing is deliberately slow; one hash serves every builder.
    static HASH: OnceCell<String> = OnceCell::const_new();
    let hash = HASH
        .get_or_init(|| async {
            password::hash(DEMO_PASSWORD.to_owned())
                .await
                .expect("hash")
        })
        .await;
    let email = Email::parse(email).expect("a valid test address");
    users::create_user(&app.db, &email, name, hash, "de", Some(now()), now())
        .await
        .expect("person")
}
