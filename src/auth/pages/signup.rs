//! Registration, the confirmation link and sending it again.

use super::*;

#[derive(Deserialize, Default, Clone)]
pub struct RegisterForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password_confirm: String,
}

pub async fn register_form(c: Ctx) -> RegisterPage {
    RegisterPage {
        c,
        form: RegisterForm::default(),
        errors: FieldErrors::new(),
    }
}

pub async fn register(
    State(state): State<AppState>,
    c: Ctx,
    Form(form): Form<RegisterForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let email = errors.check("email", Email::parse(&form.email));
    let name = errors.check("display_name", required_text(&form.display_name, 100));
    let password = errors.check(
        "password",
        NewPassword::parse(&form.password, &[&form.email, &form.display_name]),
    );
    if password.is_some() && form.password != form.password_confirm {
        errors.add("password_confirm", "password-mismatch");
    }
    let (Some(email), Some(name), Some(password), true) =
        (email, name, password, errors.is_empty())
    else {
        let mut form = form;
        form.password.clear();
        form.password_confirm.clear();
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            RegisterPage { c, form, errors },
        )
            .into_response());
    };
    let lang = c.lang;
    let floor = ResponseFloor::start();
    // Hashed whether or not the address is known: the hash is by far the
    // slowest step, so doing it only for new accounts would tell by timing.
    let hash = password::hash(password.expose().to_owned()).await?;
    match queries::user_by_email(&state.db, &email).await? {
        Some(existing) => {
            // Tell the owner instead of the visitor.
            let body = lang.t_args(
                "mail-already-registered-body",
                &[
                    ("name", FluentValue::from(existing.display_name.clone())),
                    (
                        "link",
                        FluentValue::from(format!(
                            "{}{}",
                            state.settings.public_base_url(),
                            urls::forgot_password()
                        )),
                    ),
                ],
            );
            state
                .mailer
                .send_personal_link(
                    &state.db,
                    email.as_str(),
                    &lang.t("mail-already-registered-subject"),
                    &body,
                )
                .await?;
        }
        None => {
            let created =
                queries::create_user(&state.db, &email, &name, &hash, lang.code(), None, now())
                    .await;
            match created {
                Ok(id) => send_confirmation(&state, lang, id, email.as_str(), &name).await?,
                // A concurrent registration of the same address: answer as above.
                Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    floor.wait().await;
    Ok(CheckMailPage {
        c,
        email: email.as_str().to_owned(),
    }
    .into_response())
}

pub async fn confirm(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    match queries::consume_token(
        &state.db,
        &token_hash(&token),
        TokenPurpose::ConfirmEmail,
        now(),
    )
    .await?
    {
        Some(user) => {
            queries::confirm_email(&state.db, user, now()).await?;
            let target = if c.user.is_some() {
                urls::account()
            } else {
                format!("{}?notice=notice-confirmed", urls::login())
            };
            Ok(Redirect::to(&target).into_response())
        }
        None => Ok((
            StatusCode::BAD_REQUEST,
            MessagePage {
                c,
                title_key: "confirm-failed-title",
                message_key: "confirm-failed",
                link: Some((urls::resend_confirmation(), "resend-link")),
            },
        )
            .into_response()),
    }
}

#[derive(Deserialize, Default)]
pub struct EmailForm {
    #[serde(default)]
    pub email: String,
}

pub async fn resend_form(c: Ctx) -> EmailFormPage {
    EmailFormPage::empty(c, EmailPurpose::Resend)
}

pub async fn resend(
    State(state): State<AppState>,
    c: Ctx,
    Form(form): Form<EmailForm>,
) -> AppResult<Response> {
    answer_email_form(c, form, EmailPurpose::Resend, async |email, lang| {
        match queries::user_by_email(&state.db, email).await? {
            Some(user) if user.email_confirmed_at.is_none() => {
                send_confirmation(&state, lang, user.id, &user.email, &user.display_name).await
            }
            _ => Ok(()),
        }
    })
    .await
}
