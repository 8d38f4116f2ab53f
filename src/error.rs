//! One error type for the whole web layer.
//!
//! Handlers return `Result<_, AppError>`. The error becomes a bare response
//! carrying an [`ErrorInfo`] extension; the `render_errors` middleware in
//! `web::layout` turns it into a page in the visitor's language (or a JSON
//! problem for the API), because only the middleware sees the request.
//! Internal causes are logged with a reference id and never shown.

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};

use crate::web::forms::FieldErrors;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 404: the thing does not exist or the visitor may not know that it does.
    #[error("not found")]
    NotFound,
    /// 403: logged in, but not allowed.
    #[error("forbidden")]
    Forbidden,
    /// 401: must log in first (HTML requests are redirected to the login page).
    #[error("unauthorized")]
    Unauthorized,
    /// 403: the CSRF token was missing or wrong.
    #[error("csrf token rejected")]
    Csrf,
    /// 422: input that does not parse; the key names a message in the catalogue.
    #[error("validation failed")]
    Validation(FieldErrors),
    /// 400: a request the client should not have sent (message key).
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// 409: conflicts with existing data (message key).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// 429: too many attempts.
    #[error("too many requests")]
    TooManyRequests,
    /// 413: the request body exceeds what the endpoint accepts.
    #[error("payload too large")]
    PayloadTooLarge,
    /// 503: a part of the platform is still starting (message key); the
    /// answer asks the client to retry shortly.
    #[error("unavailable: {0}")]
    Unavailable(&'static str),
    /// 500: logged with its cause chain, shown only as a reference id.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(e.into())
    }
}

/// What the error-rendering middleware needs to build the page.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    /// Message key in the translation catalogue.
    pub message_key: &'static str,
    pub field_errors: Option<FieldErrors>,
    /// Reference shown to the user and written to the log for 500s.
    pub reference: Option<String>,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn message_key(&self) -> &'static str {
        match self {
            AppError::NotFound => "error-not-found",
            AppError::Forbidden => "error-forbidden",
            AppError::Unauthorized => "error-unauthorized",
            AppError::Csrf => "error-csrf",
            AppError::Validation(_) => "error-validation",
            AppError::BadRequest(key) | AppError::Conflict(key) | AppError::Unavailable(key) => key,
            AppError::TooManyRequests => "error-too-many",
            AppError::PayloadTooLarge => "error-too-large",
            AppError::Internal(_) => "error-internal",
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let retry = matches!(self, AppError::Unavailable(_));
        let reference = if let AppError::Internal(cause) = &self {
            let reference = crate::web::random_token(6);
            tracing::error!(reference = %reference, error = ?cause, "internal error");
            Some(reference)
        } else {
            None
        };
        let info = ErrorInfo {
            message_key: self.message_key(),
            field_errors: match self {
                AppError::Validation(errors) => Some(errors),
                _ => None,
            },
            reference,
        };
        let mut response = status.into_response();
        if retry {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("15"),
            );
        }
        response.extensions_mut().insert(info);
        response
    }
}

pub type AppResult<T> = Result<T, AppError>;

/// Maps a violated unique constraint (named in the migrations) to a field
/// error; anything else stays an internal error.
pub fn on_constraint(
    err: sqlx::Error,
    constraint: &str,
    field: &'static str,
    message_key: &'static str,
) -> AppError {
    if let sqlx::Error::Database(db) = &err {
        let matches_name = db.constraint() == Some(constraint);
        // SQLite does not report constraint names, only the columns.
        let sqlite_unique = db.is_unique_violation() && db.constraint().is_none();
        if matches_name || sqlite_unique {
            return AppError::Validation(FieldErrors::single(field, message_key));
        }
    }
    err.into()
}
