//! Templates of the account pages.

use askama::Template;
use askama_web::WebTemplate;

use super::{domain::CurrentUser, pages::RegisterForm, queries::ApiTokenRow};
use crate::{
    networks::queries::{NetworkRoleRow, UserOrgRow},
    web::{Ctx, format_time, forms::FieldErrors, urls},
};

#[derive(Template, WebTemplate)]
#[template(path = "auth/register.html")]
pub struct RegisterPage {
    pub c: Ctx,
    pub form: RegisterForm,
    pub errors: FieldErrors,
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/check_mail.html")]
pub struct CheckMailPage {
    pub c: Ctx,
    pub email: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/message.html")]
pub struct MessagePage {
    pub c: Ctx,
    pub title_key: &'static str,
    pub message_key: &'static str,
    pub link: Option<(String, &'static str)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/login.html")]
pub struct LoginPage {
    pub c: Ctx,
    pub email: String,
    pub next: String,
    pub errors: FieldErrors,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum EmailPurpose {
    Resend,
    Reset,
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/email_form.html")]
pub struct EmailFormPage {
    pub c: Ctx,
    pub email: String,
    pub errors: FieldErrors,
    pub purpose: EmailPurpose,
}

impl EmailFormPage {
    fn is_reset(&self) -> bool {
        self.purpose == EmailPurpose::Reset
    }
    fn action(&self) -> String {
        if self.is_reset() {
            urls::forgot_password()
        } else {
            urls::resend_confirmation()
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/reset.html")]
pub struct ResetPage {
    pub c: Ctx,
    pub action: String,
    pub errors: FieldErrors,
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/account.html")]
pub struct AccountPage {
    pub c: Ctx,
    pub user: CurrentUser,
    pub orgs: Vec<UserOrgRow>,
    pub network_roles: Vec<NetworkRoleRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/tokens.html")]
pub struct TokensPage {
    pub c: Ctx,
    pub tokens: Vec<ApiTokenRow>,
    pub new_token: Option<String>,
    pub errors: FieldErrors,
}

impl TokensPage {
    fn when(&self, t: &i64) -> String {
        format_time(*t)
    }
    fn revoke_url(&self, id: &crate::ids::ApiTokenId) -> String {
        format!("{}/{id}/widerrufen", urls::api_tokens())
    }
}
