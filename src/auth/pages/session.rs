//! Logging in (throttled per account and per client) and out.

use super::*;

#[derive(Deserialize, Default)]
pub struct LoginForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub next: String,
}

pub async fn login_form(c: Ctx, Query(q): Query<NextQuery>) -> LoginPage {
    LoginPage {
        c,
        email: String::new(),
        next: after_login(&q.next),
        errors: FieldErrors::new(),
    }
}

/// Starts a fresh session for `user` (a new id, so that a session id planted
/// before login is worthless) and returns the cookie to set.
pub async fn start_session(
    state: &AppState,
    old_hash: Option<&str>,
    user: UserId,
    user_agent: &str,
) -> AppResult<HeaderValue> {
    if let Some(old) = old_hash {
        queries::delete_session(&state.db, old).await?;
    }
    let token = random_token(32);
    let t = now();
    let lifetime = state.settings.session_hours * 3600;
    let user_agent: String = user_agent.chars().take(300).collect();
    queries::create_session(
        &state.db,
        &token_hash(&token),
        user,
        t,
        t + lifetime,
        &user_agent,
    )
    .await?;
    let cookie = set_cookie(
        SESSION_COOKIE,
        &token,
        lifetime,
        state.settings.behind_tls(),
    );
    HeaderValue::from_str(&cookie).map_err(|e| AppError::Internal(e.into()))
}

pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    c: Ctx,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    let next = after_login(&form.next);
    let email = Email::parse(&form.email);
    let fail = |c: Ctx, errors: FieldErrors, status: StatusCode| {
        (
            status,
            LoginPage {
                c,
                email: form.email.clone(),
                next: next.clone(),
                errors,
            },
        )
            .into_response()
    };
    if form.password.is_empty() || email.is_err() {
        let mut errors = FieldErrors::new();
        if let Err(key) = &email {
            errors.add("email", key);
        }
        if form.password.is_empty() {
            errors.add("password", "field-required");
        }
        return Ok(fail(c, errors, StatusCode::UNPROCESSABLE_ENTITY));
    }
    let Ok(email) = email else {
        unreachable!("checked above")
    };
    let account_key = format!("account:{}", email.as_str());
    let client_key = format!("client:{}", peer.ip());
    let since = now() - THROTTLE_WINDOW_SECS;
    if queries::failed_logins_since(&state.db, &account_key, since).await?
        >= MAX_FAILURES_PER_ACCOUNT
        || queries::failed_logins_since(&state.db, &client_key, since).await?
            >= MAX_FAILURES_PER_CLIENT
    {
        return Ok(fail(
            c,
            FieldErrors::single("email", "login-throttled"),
            StatusCode::TOO_MANY_REQUESTS,
        ));
    }
    let user = queries::user_by_email(&state.db, &email).await?;
    let ok = password::verify(
        form.password.clone(),
        user.as_ref().map(|u| u.password_hash.clone()),
    )
    .await?;
    let Some(user) = user.filter(|_| ok) else {
        queries::record_failed_login(&state.db, &[account_key, client_key], now()).await?;
        return Ok(fail(
            c,
            FieldErrors::single("email", "login-failed"),
            StatusCode::UNAUTHORIZED,
        ));
    };
    if user.email_confirmed_at.is_none() {
        return Ok(fail(
            c,
            FieldErrors::single("email", "login-unconfirmed"),
            StatusCode::FORBIDDEN,
        ));
    }
    queries::clear_failed_logins(&state.db, &account_key).await?;
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let cookie =
        start_session(&state, c.session_token_hash.as_deref(), user.id, user_agent).await?;
    let mut response = Redirect::to(&next).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}

pub async fn logout(State(state): State<AppState>, c: Ctx) -> AppResult<Response> {
    if let Some(hash) = &c.session_token_hash {
        queries::delete_session(&state.db, hash).await?;
    }
    let mut response =
        Redirect::to(&format!("{}?notice=notice-logged-out", urls::login())).into_response();
    let cookie = set_cookie(SESSION_COOKIE, "", 0, state.settings.behind_tls());
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

/// Where a login leads: back to the page that asked for it, else to the
/// person's start page.
fn after_login(next: &str) -> String {
    if next.trim().is_empty() {
        urls::start()
    } else {
        safe_next(next)
    }
}
