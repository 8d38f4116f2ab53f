//! The account page and its API tokens.

use super::*;

pub async fn account(State(state): State<AppState>, c: Ctx) -> AppResult<AccountPage> {
    let user = c.require_user()?.clone();
    let orgs = crate::networks::queries::orgs_of_user(&state.db, user.id).await?;
    let network_roles = crate::networks::queries::network_roles_of_user(&state.db, user.id).await?;
    Ok(AccountPage {
        c,
        user,
        orgs,
        network_roles,
    })
}

pub async fn tokens(State(state): State<AppState>, c: Ctx) -> AppResult<TokensPage> {
    let user = c.require_user()?;
    let tokens = queries::api_tokens_of(&state.db, user.id).await?;
    Ok(TokensPage {
        c,
        tokens,
        new_token: None,
        errors: FieldErrors::new(),
    })
}

#[derive(Deserialize, Default)]
pub struct TokenForm {
    #[serde(default)]
    pub name: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    c: Ctx,
    Form(form): Form<TokenForm>,
) -> AppResult<Response> {
    let user = c.require_user()?.clone();
    if !can(Some(&user), Action::CreateApiToken, &Resource::Platform) {
        return Err(AppError::Forbidden);
    }
    let name = match required_text(&form.name, 80) {
        Ok(n) => n,
        Err(key) => {
            let tokens = queries::api_tokens_of(&state.db, user.id).await?;
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                TokensPage {
                    c,
                    tokens,
                    new_token: None,
                    errors: FieldErrors::single("name", key),
                },
            )
                .into_response());
        }
    };
    let token = queries::issue_api_token(&state.db, user.id, &name).await?;
    let tokens = queries::api_tokens_of(&state.db, user.id).await?;
    Ok(TokensPage {
        c,
        tokens,
        new_token: Some(token),
        errors: FieldErrors::new(),
    }
    .into_response())
}

pub async fn revoke_token(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<ApiTokenId>,
) -> AppResult<Response> {
    let user = c.require_user()?;
    if !queries::revoke_api_token(&state.db, user.id, id, now()).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&urls::api_tokens()).into_response())
}
