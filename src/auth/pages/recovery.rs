//! A forgotten password: the reset mail and the form its link opens.

use super::*;

pub async fn forgot_form(c: Ctx) -> EmailFormPage {
    EmailFormPage::empty(c, EmailPurpose::Reset)
}

pub async fn forgot(
    State(state): State<AppState>,
    c: Ctx,
    Form(form): Form<EmailForm>,
) -> AppResult<Response> {
    answer_email_form(c, form, EmailPurpose::Reset, async |email, lang| {
        let Some(user) = queries::user_by_email(&state.db, email).await? else {
            return Ok(());
        };
        let token = random_token(24);
        let t = now();
        queries::create_token(
            &state.db,
            &token_hash(&token),
            user.id,
            TokenPurpose::ResetPassword,
            t,
            t + RESET_HOURS * 3600,
        )
        .await?;
        let link = format!(
            "{}{}",
            state.settings.public_base_url(),
            urls::reset_password(&token)
        );
        let body = lang.t_args(
            "mail-reset-body",
            &[
                ("name", FluentValue::from(user.display_name.clone())),
                ("link", FluentValue::from(link)),
            ],
        );
        state
            .mailer
            .send_personal_link(&state.db, &user.email, &lang.t("mail-reset-subject"), &body)
            .await
    })
    .await
}

#[derive(Deserialize, Default)]
pub struct ResetForm {
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password_confirm: String,
}

pub async fn reset_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    if queries::token_owner(
        &state.db,
        &token_hash(&token),
        TokenPurpose::ResetPassword,
        now(),
    )
    .await?
    .is_none()
    {
        return Ok(
            Redirect::to(&format!("{}?notice=notice-link-invalid", urls::login())).into_response(),
        );
    }
    Ok(ResetPage {
        c,
        action: urls::reset_password(&token),
        errors: FieldErrors::new(),
    }
    .into_response())
}

pub async fn reset(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
    Form(form): Form<ResetForm>,
) -> AppResult<Response> {
    let owner = match queries::token_owner(
        &state.db,
        &token_hash(&token),
        TokenPurpose::ResetPassword,
        now(),
    )
    .await?
    {
        Some(id) => queries::user_by_id(&state.db, id).await?,
        None => None,
    };
    let context = owner
        .as_ref()
        .map(|u| vec![u.email.as_str(), u.display_name.as_str()])
        .unwrap_or_default();
    let mut errors = FieldErrors::new();
    let password = errors.check("password", NewPassword::parse(&form.password, &context));
    if password.is_some() && form.password != form.password_confirm {
        errors.add("password_confirm", "password-mismatch");
    }
    let (Some(password), true) = (password, errors.is_empty()) else {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            ResetPage {
                c,
                action: urls::reset_password(&token),
                errors,
            },
        )
            .into_response());
    };
    let Some(user) = queries::consume_token(
        &state.db,
        &token_hash(&token),
        TokenPurpose::ResetPassword,
        now(),
    )
    .await?
    else {
        return Ok(
            Redirect::to(&format!("{}?notice=notice-link-invalid", urls::login())).into_response(),
        );
    };
    let hash = password::hash(password.expose().to_owned()).await?;
    queries::set_password(&state.db, user, &hash).await?;
    // Whoever knew the old password is logged out everywhere. The reset link
    // also proves the address, so it counts as a confirmation.
    queries::delete_sessions_of(&state.db, user).await?;
    queries::confirm_email(&state.db, user, now()).await?;
    Ok(Redirect::to(&format!("{}?notice=notice-password-changed", urls::login())).into_response())
}
