//! All SQL about networks, organisations, memberships and invitations.

use super::domain::{
    DirectoryFilter, MembershipStatus, NewContact, NewLocation, OrgKind, OrgProfile, SizeClass,
    like_pattern, search_key,
};
use crate::{
    auth::domain::{NetworkRole, OrgRole},
    db::Db,
    ids::{ContactId, InvitationId, LocationId, NetworkId, OrganizationId, UserId},
    on_db,
};

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct NetworkRow {
    pub id: NetworkId,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub contact_email: String,
    pub min_group_size: i64,
    pub noise_range: i64,
}

const NETWORK_COLUMNS: &str =
    "id, slug, name, description, contact_email, min_group_size, noise_range";

pub async fn networks(db: &Db) -> Result<Vec<NetworkRow>, sqlx::Error> {
    let sql = format!("SELECT {NETWORK_COLUMNS} FROM networks ORDER BY name");
    on_db!(db, pool => sqlx::query_as::<_, NetworkRow>(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await)
}

pub async fn network_by_slug(db: &Db, slug: &str) -> Result<Option<NetworkRow>, sqlx::Error> {
    let sql = format!("SELECT {NETWORK_COLUMNS} FROM networks WHERE slug = $1");
    on_db!(db, pool => sqlx::query_as::<_, NetworkRow>(sqlx::AssertSqlSafe(sql)).bind(slug).fetch_optional(pool).await)
}

pub async fn network_districts(db: &Db, network: NetworkId) -> Result<Vec<String>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT ags FROM network_districts WHERE network_id = $1 ORDER BY ags")
        .bind(network).fetch_all(pool).await)
}

pub async fn create_network(
    db: &Db,
    slug: &str,
    name: &str,
    description: &str,
    contact_email: &str,
    districts: &[String],
    now: i64,
) -> Result<NetworkId, sqlx::Error> {
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let id: NetworkId = sqlx::query_scalar(
            "INSERT INTO networks (slug, name, description, contact_email, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(slug).bind(name).bind(description).bind(contact_email).bind(now)
            .fetch_one(&mut *tx).await?;
        for ags in districts {
            sqlx::query("INSERT INTO network_districts (network_id, ags) VALUES ($1, $2)").bind(id).bind(ags).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(id)
    })
}

/// The network's k (no published figure may describe fewer people) and
/// the noise range of published counts.
pub async fn set_protection(
    db: &Db,
    network: NetworkId,
    k: i64,
    noise_range: i64,
) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("UPDATE networks SET min_group_size = $1, noise_range = $2 WHERE id = $3")
        .bind(k).bind(noise_range).bind(network).execute(pool).await.map(|_| ()))
}

pub async fn grant_network_role(
    db: &Db,
    network: NetworkId,
    user: UserId,
    role: NetworkRole,
) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("INSERT INTO network_roles (network_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(network).bind(user).bind(role.as_str()).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Counts shown on a network's home page.
#[derive(Debug, Clone, Default)]
pub struct NetworkStats {
    pub partners: i64,
    pub pending: i64,
}

pub async fn network_stats(db: &Db, network: NetworkId) -> Result<NetworkStats, sqlx::Error> {
    let rows: Vec<(String, i64)> = on_db!(db, pool => sqlx::query_as(
        "SELECT status, COUNT(*) FROM network_members WHERE network_id = $1 GROUP BY status")
        .bind(network).fetch_all(pool).await)?;
    let get = |s: MembershipStatus| {
        rows.iter()
            .find(|(k, _)| k == s.as_str())
            .map(|(_, n)| *n)
            .unwrap_or(0)
    };
    Ok(NetworkStats {
        partners: get(MembershipStatus::Approved),
        pending: get(MembershipStatus::Pending),
    })
}

/// An organisation as listed in the directory and on maps.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct OrgListRow {
    pub id: OrganizationId,
    pub name: String,
    pub kind: OrgKind,
    pub sector_code: Option<String>,
    pub size_class: Option<String>,
    pub city: String,
    pub district_ags: String,
    pub lat: f64,
    pub lon: f64,
}

impl OrgListRow {
    pub fn kind_key(&self) -> &'static str {
        self.kind.message_key()
    }
    pub fn district_name(&self) -> String {
        crate::regions::district_name(&self.district_ags)
    }
    pub fn sector_title(&self) -> String {
        self.sector_code
            .as_deref()
            .and_then(|c| crate::regions::reference().sector(c))
            .map(|s| s.title.clone())
            .unwrap_or_default()
    }
}

/// Approved members of a network matching the filter, by name.
pub async fn directory(
    db: &Db,
    network: NetworkId,
    f: &DirectoryFilter,
) -> Result<Vec<OrgListRow>, sqlx::Error> {
    let sql = "SELECT o.id, o.name, o.kind, o.sector_code, o.size_class, o.city, o.district_ags, o.lat, o.lon
        FROM organizations o JOIN network_members m ON m.org_id = o.id
        WHERE m.network_id = $1 AND m.status = 'approved'
          AND ($2 IS NULL OR o.kind = $2)
          AND ($3 IS NULL OR o.district_ags = $3)
          AND ($4 IS NULL OR o.sector_code = $4 OR o.sector_code LIKE $5)
          AND ($6 IS NULL OR o.name_search LIKE $6 ESCAPE '\\')
        ORDER BY o.name_search";
    let kind = f.kind.map(OrgKind::as_str);
    let sector_prefix = f.sector.as_ref().map(|s| format!("{s}.%"));
    let text = f.text.as_deref().map(like_pattern);
    on_db!(db, pool => sqlx::query_as::<_, OrgListRow>(sql)
        .bind(network).bind(kind).bind(f.district.as_deref()).bind(f.sector.as_deref()).bind(sector_prefix).bind(text)
        .fetch_all(pool).await)
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct OrgRow {
    pub id: OrganizationId,
    pub name: String,
    pub kind: OrgKind,
    pub sector_code: Option<String>,
    pub size_class: Option<String>,
    pub description: String,
    pub website: String,
    pub email: String,
    pub phone: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub district_ags: String,
    pub lat: f64,
    pub lon: f64,
}

impl OrgRow {
    pub fn kind_key(&self) -> &'static str {
        self.kind.message_key()
    }
    pub fn size_key(&self) -> Option<&'static str> {
        self.size_class
            .as_deref()
            .and_then(SizeClass::parse)
            .map(SizeClass::message_key)
    }
    pub fn district_name(&self) -> String {
        crate::regions::district_name(&self.district_ags)
    }
    pub fn sector_title(&self) -> String {
        self.sector_code
            .as_deref()
            .and_then(|c| crate::regions::reference().sector(c))
            .map(|s| format!("{} – {}", s.code, s.title))
            .unwrap_or_default()
    }
    /// The profile as a form, for editing.
    pub fn to_form(&self) -> super::domain::OrgForm {
        super::domain::OrgForm {
            name: self.name.clone(),
            kind: self.kind.as_str().to_owned(),
            sector_code: self.sector_code.clone().unwrap_or_default(),
            size_class: self.size_class.clone().unwrap_or_default(),
            description: self.description.clone(),
            website: self.website.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            street: self.street.clone(),
            postal_code: self.postal_code.clone(),
            city: self.city.clone(),
        }
    }
}

pub async fn org_by_id(db: &Db, id: OrganizationId) -> Result<Option<OrgRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, OrgRow>(
        "SELECT id, name, kind, sector_code, size_class, description, website, email, phone, street, postal_code, city, district_ags, lat, lon
         FROM organizations WHERE id = $1").bind(id).fetch_optional(pool).await)
}

/// Networks in which the organisation is an approved member.
pub async fn network_by_id(db: &Db, id: NetworkId) -> Result<Option<NetworkRow>, sqlx::Error> {
    let sql = format!("SELECT {NETWORK_COLUMNS} FROM networks WHERE id = $1");
    on_db!(db, pool => sqlx::query_as::<_, NetworkRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

pub async fn approved_networks_of_org(
    db: &Db,
    org: OrganizationId,
) -> Result<Vec<NetworkId>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT network_id FROM network_members WHERE org_id = $1 AND status = 'approved'")
        .bind(org).fetch_all(pool).await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrgMembershipRow {
    pub slug: String,
    pub name: String,
    pub status: MembershipStatus,
    pub decision_message: String,
}

pub async fn memberships_of_org(
    db: &Db,
    org: OrganizationId,
) -> Result<Vec<OrgMembershipRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, OrgMembershipRow>(
        "SELECT n.slug, n.name, m.status, m.decision_message FROM network_members m JOIN networks n ON n.id = m.network_id
         WHERE m.org_id = $1 ORDER BY n.name").bind(org).fetch_all(pool).await)
}

pub async fn is_approved_member(
    db: &Db,
    network: NetworkId,
    org: OrganizationId,
) -> Result<bool, sqlx::Error> {
    let n: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM network_members WHERE network_id = $1 AND org_id = $2 AND status = 'approved'")
        .bind(network).bind(org).fetch_one(pool).await)?;
    Ok(n > 0)
}

/// Creates an organisation with `admin` as its first administrator.
pub async fn create_org(
    db: &Db,
    p: &OrgProfile,
    admin: Option<UserId>,
    now: i64,
) -> Result<OrganizationId, sqlx::Error> {
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let id: OrganizationId = sqlx::query_scalar(
            "INSERT INTO organizations (name, name_search, kind, sector_code, size_class, description, website, email, phone,
                street, postal_code, city, district_ags, lat, lon, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id")
            .bind(&p.name).bind(search_key(&p.name)).bind(p.kind.as_str()).bind(p.sector_code.as_deref())
            .bind(p.size_class.map(SizeClass::as_str)).bind(&p.description).bind(&p.website).bind(&p.email).bind(&p.phone)
            .bind(&p.street).bind(&p.geo.postal_code).bind(&p.geo.city).bind(&p.geo.district_ags).bind(p.geo.lat).bind(p.geo.lon)
            .bind(now)
            .fetch_one(&mut *tx).await?;
        if let Some(user) = admin {
            sqlx::query("INSERT INTO org_members (org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)")
                .bind(id).bind(user).bind(OrgRole::Admin.as_str()).bind(now).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(id)
    })
}

pub async fn update_org(
    db: &Db,
    id: OrganizationId,
    p: &OrgProfile,
    now: i64,
) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query(
        "UPDATE organizations SET name = $1, name_search = $2, kind = $3, sector_code = $4, size_class = $5, description = $6,
            website = $7, email = $8, phone = $9, street = $10, postal_code = $11, city = $12, district_ags = $13, lat = $14, lon = $15,
            updated_at = $16 WHERE id = $17")
        .bind(&p.name).bind(search_key(&p.name)).bind(p.kind.as_str()).bind(p.sector_code.as_deref())
        .bind(p.size_class.map(SizeClass::as_str)).bind(&p.description).bind(&p.website).bind(&p.email).bind(&p.phone)
        .bind(&p.street).bind(&p.geo.postal_code).bind(&p.geo.city).bind(&p.geo.district_ags).bind(p.geo.lat).bind(p.geo.lon)
        .bind(now).bind(id)
        .execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Files (or renews, after a decline) an application. Returns false when the
/// organisation is already a member or has an application pending.
pub async fn apply(
    db: &Db,
    network: NetworkId,
    org: OrganizationId,
    text: &str,
    user: UserId,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let n = on_db!(db, pool => sqlx::query(
        "INSERT INTO network_members (network_id, org_id, status, application_text, applied_by, created_at)
         VALUES ($1, $2, 'pending', $3, $4, $5)
         ON CONFLICT (network_id, org_id) DO UPDATE SET status = 'pending', application_text = excluded.application_text,
            applied_by = excluded.applied_by, created_at = excluded.created_at, decision_message = '', decided_by = NULL, decided_at = NULL
         WHERE network_members.status = 'declined'")
        .bind(network).bind(org).bind(text).bind(user).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Adds an organisation as an approved member directly (demo data, admin tools).
pub async fn add_member(
    db: &Db,
    network: NetworkId,
    org: OrganizationId,
    now: i64,
) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query(
        "INSERT INTO network_members (network_id, org_id, status, created_at, decided_at) VALUES ($1, $2, 'approved', $3, $3)
         ON CONFLICT (network_id, org_id) DO UPDATE SET status = 'approved'")
        .bind(network).bind(org).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApplicationRow {
    pub org_id: OrganizationId,
    pub org_name: String,
    pub kind: OrgKind,
    pub city: String,
    pub district_ags: String,
    pub application_text: String,
    pub applicant_name: Option<String>,
    pub applicant_email: Option<String>,
    pub created_at: i64,
}

impl ApplicationRow {
    pub fn kind_key(&self) -> &'static str {
        self.kind.message_key()
    }
    pub fn district_name(&self) -> String {
        crate::regions::district_name(&self.district_ags)
    }
}

pub async fn pending_applications(
    db: &Db,
    network: NetworkId,
) -> Result<Vec<ApplicationRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, ApplicationRow>(
        "SELECT o.id AS org_id, o.name AS org_name, o.kind, o.city, o.district_ags, m.application_text,
                u.display_name AS applicant_name, u.email AS applicant_email, m.created_at
         FROM network_members m JOIN organizations o ON o.id = m.org_id LEFT JOIN users u ON u.id = m.applied_by
         WHERE m.network_id = $1 AND m.status = 'pending' ORDER BY m.created_at, o.id")
        .bind(network).fetch_all(pool).await)
}

/// Records a decision on a pending application; returns the applicant's
/// address and language, or None when there was nothing pending.
pub async fn decide(
    db: &Db,
    network: NetworkId,
    org: OrganizationId,
    status: MembershipStatus,
    message: &str,
    by: UserId,
    now: i64,
) -> Result<Option<(Option<String>, Option<String>)>, sqlx::Error> {
    let applied_by: Option<Option<UserId>> = on_db!(db, pool => sqlx::query_scalar(
        "UPDATE network_members SET status = $1, decision_message = $2, decided_by = $3, decided_at = $4
         WHERE network_id = $5 AND org_id = $6 AND status = 'pending' RETURNING applied_by")
        .bind(status.as_str()).bind(message).bind(by).bind(now).bind(network).bind(org).fetch_optional(pool).await)?;
    let Some(applied_by) = applied_by else {
        return Ok(None);
    };
    let contact: Option<(String, String)> = match applied_by {
        Some(u) => {
            on_db!(db, pool => sqlx::query_as("SELECT email, locale FROM users WHERE id = $1").bind(u).fetch_optional(pool).await)?
        }
        None => None,
    };
    Ok(Some(match contact {
        Some((email, locale)) => (Some(email), Some(locale)),
        None => (None, None),
    }))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserOrgRow {
    pub org_id: OrganizationId,
    pub name: String,
    pub role: OrgRole,
}

impl UserOrgRow {
    pub fn role_key(&self) -> &'static str {
        match self.role {
            OrgRole::Admin => "org-role-admin",
            OrgRole::Member => "org-role-member",
            OrgRole::Employee => "org-role-employee",
        }
    }
}

pub async fn orgs_of_user(db: &Db, user: UserId) -> Result<Vec<UserOrgRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, UserOrgRow>(
        "SELECT o.id AS org_id, o.name, m.role FROM org_members m JOIN organizations o ON o.id = m.org_id WHERE m.user_id = $1 ORDER BY o.name")
        .bind(user).fetch_all(pool).await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NetworkRoleRow {
    pub slug: String,
    pub name: String,
    pub role: NetworkRole,
}

impl NetworkRoleRow {
    pub fn role_key(&self) -> &'static str {
        match self.role {
            NetworkRole::Coordinator => "network-role-coordinator",
            NetworkRole::Ambassador => "network-role-ambassador",
            NetworkRole::Multiplier => "network-role-multiplier",
            NetworkRole::Coach => "network-role-coach",
        }
    }
}

pub async fn network_roles_of_user(
    db: &Db,
    user: UserId,
) -> Result<Vec<NetworkRoleRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, NetworkRoleRow>(
        "SELECT n.slug, n.name, r.role FROM network_roles r JOIN networks n ON n.id = r.network_id WHERE r.user_id = $1 ORDER BY n.name, r.role")
        .bind(user).fetch_all(pool).await)
}

// ---- Locations and contact persons ----

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct LocationRow {
    pub id: LocationId,
    pub label: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub district_ags: String,
    pub lat: f64,
    pub lon: f64,
}

impl LocationRow {
    pub fn district_name(&self) -> String {
        crate::regions::district_name(&self.district_ags)
    }
}

pub async fn locations(db: &Db, org: OrganizationId) -> Result<Vec<LocationRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, LocationRow>(
        "SELECT id, label, street, postal_code, city, district_ags, lat, lon FROM org_locations WHERE org_id = $1 ORDER BY id")
        .bind(org).fetch_all(pool).await)
}

pub async fn add_location(
    db: &Db,
    org: OrganizationId,
    l: &NewLocation,
) -> Result<LocationId, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "INSERT INTO org_locations (org_id, label, street, postal_code, city, district_ags, lat, lon) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
        .bind(org).bind(&l.label).bind(&l.street).bind(&l.geo.postal_code).bind(&l.geo.city).bind(&l.geo.district_ags).bind(l.geo.lat).bind(l.geo.lon)
        .fetch_one(pool).await)
}

/// Deletes only within the given organisation, so a forged id of another
/// organisation's location changes nothing.
pub async fn delete_location(
    db: &Db,
    org: OrganizationId,
    id: LocationId,
) -> Result<bool, sqlx::Error> {
    let n = on_db!(db, pool => sqlx::query("DELETE FROM org_locations WHERE id = $1 AND org_id = $2")
        .bind(id).bind(org).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct ContactRow {
    pub id: ContactId,
    pub name: String,
    pub role_title: String,
    pub email: String,
    pub phone: String,
    pub is_public: bool,
}

pub async fn contacts(
    db: &Db,
    org: OrganizationId,
    public_only: bool,
) -> Result<Vec<ContactRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, ContactRow>(
        "SELECT id, name, role_title, email, phone, is_public FROM contact_persons WHERE org_id = $1 AND (is_public OR NOT $2) ORDER BY id")
        .bind(org).bind(public_only).fetch_all(pool).await)
}

pub async fn add_contact(
    db: &Db,
    org: OrganizationId,
    c: &NewContact,
) -> Result<ContactId, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "INSERT INTO contact_persons (org_id, name, role_title, email, phone, is_public) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(org).bind(&c.name).bind(&c.role_title).bind(&c.email).bind(&c.phone).bind(c.is_public)
        .fetch_one(pool).await)
}

pub async fn delete_contact(
    db: &Db,
    org: OrganizationId,
    id: ContactId,
) -> Result<bool, sqlx::Error> {
    let n = on_db!(db, pool => sqlx::query("DELETE FROM contact_persons WHERE id = $1 AND org_id = $2")
        .bind(id).bind(org).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

// ---- People and invitations ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PersonRow {
    pub user_id: UserId,
    pub display_name: String,
    pub email: String,
    pub role: OrgRole,
}

impl PersonRow {
    pub fn role_key(&self) -> &'static str {
        UserOrgRow {
            org_id: OrganizationId(0),
            name: String::new(),
            role: self.role,
        }
        .role_key()
    }
}

pub async fn people(db: &Db, org: OrganizationId) -> Result<Vec<PersonRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, PersonRow>(
        "SELECT u.id AS user_id, u.display_name, u.email, m.role FROM org_members m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = $1 ORDER BY m.role, u.display_name").bind(org).fetch_all(pool).await)
}

pub async fn add_person(
    db: &Db,
    org: OrganizationId,
    user: UserId,
    role: OrgRole,
    now: i64,
) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("INSERT INTO org_members (org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
        .bind(org).bind(user).bind(role.as_str()).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvitationRow {
    pub id: InvitationId,
    pub role: OrgRole,
    pub note: String,
    pub created_at: i64,
    pub expires_at: i64,
}

impl InvitationRow {
    pub fn role_key(&self) -> &'static str {
        PersonRow {
            user_id: UserId(0),
            display_name: String::new(),
            email: String::new(),
            role: self.role,
        }
        .role_key()
    }
}

#[allow(clippy::too_many_arguments)]
pub async fn create_invitation(
    db: &Db,
    org: OrganizationId,
    code_hash: &str,
    role: OrgRole,
    note: &str,
    by: UserId,
    now: i64,
    expires_at: i64,
) -> Result<InvitationId, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "INSERT INTO invitations (org_id, code_hash, role, note, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(org).bind(code_hash).bind(role.as_str()).bind(note).bind(by).bind(now).bind(expires_at).fetch_one(pool).await)
}

pub async fn open_invitations(
    db: &Db,
    org: OrganizationId,
    now: i64,
) -> Result<Vec<InvitationRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, InvitationRow>(
        "SELECT id, role, note, created_at, expires_at FROM invitations WHERE org_id = $1 AND used_at IS NULL AND expires_at > $2 ORDER BY id DESC")
        .bind(org).bind(now).fetch_all(pool).await)
}

pub async fn revoke_invitation(
    db: &Db,
    org: OrganizationId,
    id: InvitationId,
    now: i64,
) -> Result<bool, sqlx::Error> {
    // Revoking = expiring now; the row stays for the record.
    let n = on_db!(db, pool => sqlx::query("UPDATE invitations SET expires_at = $1 WHERE id = $2 AND org_id = $3 AND used_at IS NULL")
        .bind(now).bind(id).bind(org).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// An open invitation's organisation and role, without using it.
pub async fn invitation_by_code(
    db: &Db,
    code_hash: &str,
    now: i64,
) -> Result<Option<(OrganizationId, OrgRole, String)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT i.org_id, i.role, o.name FROM invitations i JOIN organizations o ON o.id = i.org_id
         WHERE i.code_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2")
        .bind(code_hash).bind(now).fetch_optional(pool).await)
}

/// Uses an invitation once and adds the user to the organisation, atomically.
pub async fn redeem_invitation(
    db: &Db,
    code_hash: &str,
    user: UserId,
    now: i64,
) -> Result<Option<OrganizationId>, sqlx::Error> {
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let row: Option<(OrganizationId, String)> = sqlx::query_as(
            "UPDATE invitations SET used_at = $1, used_by = $2 WHERE code_hash = $3 AND used_at IS NULL AND expires_at > $1 RETURNING org_id, role")
            .bind(now).bind(user).bind(code_hash).fetch_optional(&mut *tx).await?;
        let Some((org, role)) = row else { return Ok(None) };
        sqlx::query("INSERT INTO org_members (org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
            .bind(org).bind(user).bind(role).bind(now).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(Some(org))
    })
}

/// Organisations of the network (approved members) that `user` administers
/// or belongs to as a member: who takes part in the network's shared work,
/// such as pooled needs.
pub async fn orgs_of_user_in(
    db: &Db,
    user: &crate::auth::domain::CurrentUser,
    network: NetworkId,
) -> Result<Vec<(OrgRow, OrgRole)>, sqlx::Error> {
    let mut out = Vec::new();
    for (org, role) in &user.org_roles {
        if !matches!(role, OrgRole::Admin | OrgRole::Member) {
            continue;
        }
        if !approved_networks_of_org(db, *org).await?.contains(&network) {
            continue;
        }
        if let Some(row) = org_by_id(db, *org).await? {
            out.push((row, *role));
        }
    }
    Ok(out)
}
