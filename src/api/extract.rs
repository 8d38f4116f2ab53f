//! What every API handler takes from a request: the bearer token's user
//! and a JSON body whose errors become problem documents.

use axum::{
    Json,
    extract::{
        FromRequest, FromRequestParts, Request,
        rejection::{JsonDataError, JsonRejection},
    },
    http::{header, request::Parts},
};
use serde::de::DeserializeOwned;

use super::schema::*;
use crate::{
    auth::{domain::CurrentUser, queries as auth_queries},
    db::now,
    error::AppError,
    state::AppState,
    web::{forms::FieldErrors, token_hash},
};

/// JSON body whose parse errors become a problem document, not plain text.
/// A value of the wrong type or a missing required field is reported on its
/// field (422), like any other invalid value; everything else is a 400.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + BodyFields> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;
    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let Json(mut value) = Json::<serde_json::Value>::from_request(req, state)
            .await
            .map_err(|_| AppError::BadRequest("error-json-invalid"))?;
        integral_numbers_as_integers(&mut value);
        let bytes =
            serde_json::to_vec(&value).map_err(|_| AppError::BadRequest("error-json-invalid"))?;
        match Json::<T>::from_bytes(&bytes) {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::JsonDataError(e)) => Err(match field_of_data_error(T::FIELDS, &e) {
                Some((field, key)) => AppError::Validation(FieldErrors::single(field, key)),
                None => AppError::BadRequest("error-json-invalid"),
            }),
            Err(_) => Err(AppError::BadRequest("error-json-invalid")),
        }
    }
}

/// JSON has one number type: for JSON Schema, as for JavaScript, `3.0` is
/// the integer 3. serde refuses it for an integer field, so integral numbers
/// become integers before the body meets its type; `2.5` stays and is
/// refused on its field.
fn integral_numbers_as_integers(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() < 9.0e15
            {
                // Exact below 2^53, so the cast loses nothing.
                *v = serde_json::Value::from(f as i64);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(integral_numbers_as_integers),
        serde_json::Value::Object(fields) => {
            fields.values_mut().for_each(integral_numbers_as_integers)
        }
        _ => {}
    }
}

/// axum names where the body did not fit, e.g. "name: invalid type: integer
/// `5`, expected a string at line 1 column 10" or "missing field `name` at …".
fn field_of_data_error(
    fields: &'static [&'static str],
    e: &JsonDataError,
) -> Option<(&'static str, &'static str)> {
    let detail = std::error::Error::source(e)?.to_string();
    if let Some(rest) = detail.strip_prefix("missing field `") {
        let name = rest.split('`').next()?;
        return fields
            .iter()
            .find(|f| **f == name)
            .map(|f| (*f, "field-required"));
    }
    let (path, _) = detail.split_once(": ")?;
    fields
        .iter()
        .find(|f| **f == path)
        .map(|f| (*f, "field-type-invalid"))
}

/// The user behind `Authorization: Bearer …`.
pub struct ApiUser(pub CurrentUser);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(AppError::Unauthorized)?;
        auth_queries::user_for_api_token(&state.db, &token_hash(token.trim()), now())
            .await?
            .map(ApiUser)
            .ok_or(AppError::Unauthorized)
    }
}
