//! The JSON API under /api/v1: public reads, token-protected writes, problem
//! documents, and the OpenAPI document checked against the real server.

use reqwest::{Method, StatusCode, header};
use serde_json::Value;

use crate::{both, helpers::*};

const NETWORK: &str = "nordthueringen";
const GFT: &str = "Gothaer Fahrzeugtechnik GmbH";
const PENDING_ORG: &str = "Nordhäuser Kabelkonfektion GmbH";
const OWL_ORG: &str = "Bielefelder Maschinenbau GmbH";

async fn org_id(app: &TestApp, name: &str) -> i64 {
    app.scalar("SELECT id FROM organizations WHERE name = $1", name)
        .await
}

fn content_type(r: &reqwest::Response) -> String {
    r.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The media type without parameters (`application/json; charset=utf-8` → `application/json`).
fn media_type(ct: &str) -> String {
    ct.split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Asserts a problem document: its content type, and status/code/title fields
/// consistent with the HTTP status. Returns the document.
async fn problem(r: reqwest::Response, expected: StatusCode) -> Value {
    let status = r.status();
    let ct = content_type(&r);
    let text = r.text().await.expect("body");
    assert_eq!(status, expected, "{text}");
    assert_eq!(
        media_type(&ct),
        "application/problem+json",
        "content type of a {status} problem: {text}"
    );
    let v: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("problem is not JSON ({e}): {text}"));
    assert_eq!(
        v["status"].as_u64(),
        Some(u64::from(status.as_u16())),
        "{v}"
    );
    assert!(v["code"].as_str().is_some_and(|c| !c.is_empty()), "{v}");
    let title = v["title"].as_str().unwrap_or_default();
    assert!(
        !title.is_empty() && title != v["code"].as_str().unwrap_or_default(),
        "title must be a translated message: {v}"
    );
    v
}

async fn patch_org(app: &TestApp, id: i64, token: Option<&str>, body: &str) -> reqwest::Response {
    send_json(
        &app.client,
        Method::PATCH,
        &format!("/api/v1/organizations/{id}"),
        token,
        body,
    )
    .await
}

async fn add_contact(app: &TestApp, id: i64, token: Option<&str>, body: &str) -> reqwest::Response {
    send_json(
        &app.client,
        Method::POST,
        &format!("/api/v1/organizations/{id}/contacts"),
        token,
        body,
    )
    .await
}

async fn org_json(app: &TestApp, id: i64) -> Value {
    let (status, _, v) = get_json(&app.client, &format!("/api/v1/organizations/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    v
}

impl TestApp {
    /// Whether the token itself (rather than its hash) sits in the database.
    async fn db_has_token_in_clear(&self, token: &str) -> bool {
        self.scalar(
            "SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1",
            token,
        )
        .await
            > 0
    }
}

/// The revoke form's action in the table row of the token called `name`.
fn revoke_action(html: &str, name: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let rows = scraper::Selector::parse("tbody tr").expect("selector");
    let form = scraper::Selector::parse("form").expect("selector");
    doc.select(&rows)
        .find(|r| r.text().collect::<String>().contains(name))
        .and_then(|r| r.select(&form).next())
        .and_then(|f| f.value().attr("action"))
        .unwrap_or_else(|| panic!("no revoke form for {name}"))
        .to_owned()
}

/// (METHOD, path) of every route in the API router, read from its source.
fn api_routes() -> Vec<(String, String)> {
    let src = include_str!("../../src/api/mod.rs");
    let mut out = Vec::new();
    for chunk in src.split(".route(").skip(1) {
        let Some(rest) = chunk.trim_start().strip_prefix('"') else {
            continue;
        };
        let Some((path, handlers)) = rest.split_once('"') else {
            continue;
        };
        // The handlers end where this .route( call closes.
        let mut depth = 1;
        let end = handlers
            .char_indices()
            .find(|(_, ch)| {
                match ch {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map(|(i, _)| i)
            .unwrap_or(handlers.len());
        let handlers = &handlers[..end];
        for method in ["get", "post", "put", "patch", "delete", "head", "options"] {
            let needle = format!("{method}(");
            let mut from = 0;
            while let Some(i) = handlers[from..].find(&needle) {
                let at = from + i;
                let before = handlers[..at].chars().last();
                if before.is_none_or(|c| !(c.is_alphanumeric() || c == '_')) {
                    out.push((method.to_uppercase(), path.to_owned()));
                }
                from = at + needle.len();
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Checks one response against the operation's documented responses.
fn check_response(
    doc: &Value,
    responses: &Value,
    status: StatusCode,
    media: &str,
    body: &Value,
    what: &str,
) {
    let code = status.as_u16().to_string();
    let documented = responses.get(&code).unwrap_or_else(|| {
        panic!(
            "{what}: status {code} is not documented (documented: {:?})",
            responses.as_object().map(|o| o.keys().collect::<Vec<_>>())
        )
    });
    let content = documented["content"].as_object().unwrap_or_else(|| {
        panic!("{what}: {code} documents no content but the server sends {media}")
    });
    let Some(media_doc) = content.get(media) else {
        panic!(
            "{what}: {code} is sent as {media}, documented as {:?}",
            content.keys().collect::<Vec<_>>()
        );
    };
    let mut errors = Vec::new();
    check_schema(doc, &media_doc["schema"], body, "$", &mut errors);
    assert!(
        errors.is_empty(),
        "{what}: body does not fit the documented schema:
{}",
        errors.join(
            "
"
        )
    );
}

/// A small JSON Schema check: $ref, oneOf/anyOf/allOf, type (also as a
/// list), enum, required, properties (no undocumented ones) and items.
fn check_schema(doc: &Value, schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    check_schema_in(doc, schema, v, at, errors, true);
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => {
            let name = r
                .strip_prefix("#/components/schemas/")
                .unwrap_or_else(|| panic!("unsupported $ref {r}"));
            let target = &doc["components"]["schemas"][name];
            assert!(target.is_object(), "dangling $ref {r}");
            target
        }
        None => schema,
    }
}

/// The properties a schema documents, through `$ref` and `allOf`.
fn property_names(doc: &Value, schema: &Value) -> Vec<String> {
    let schema = resolve(doc, schema);
    let mut names: Vec<String> = schema["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    for s in schema["allOf"].as_array().into_iter().flatten() {
        names.extend(property_names(doc, s));
    }
    names
}

/// `strict`: a property the schema does not document is an error. Parts of
/// an `allOf` are checked leniently, and the whole against their union.
fn check_schema_in(
    doc: &Value,
    schema: &Value,
    v: &Value,
    at: &str,
    errors: &mut Vec<String>,
    strict: bool,
) {
    if schema["$ref"].is_string() {
        return check_schema_in(doc, resolve(doc, schema), v, at, errors, strict);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = schema[key].as_array() {
            let fits = options.iter().any(|o| {
                let mut e = Vec::new();
                check_schema(doc, o, v, at, &mut e);
                e.is_empty()
            });
            if !fits {
                errors.push(format!(
                    "{at}: {v} fits none of {key} {}",
                    Value::Array(options.clone())
                ));
            }
        }
    }
    if let Some(all) = schema["allOf"].as_array() {
        for s in all {
            check_schema_in(doc, s, v, at, errors, false);
        }
        if let (true, Some(obj)) = (strict, v.as_object()) {
            let known = property_names(doc, schema);
            for k in obj.keys().filter(|k| !known.contains(k)) {
                errors.push(format!("{at}: undocumented property {k}"));
            }
        }
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    if !types.is_empty() {
        let fits = types.iter().any(|t| match *t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "number" => v.is_number(),
            "boolean" => v.is_boolean(),
            "null" => v.is_null(),
            _ => false,
        });
        if !fits {
            errors.push(format!("{at}: {v} is not of type {types:?}"));
            return;
        }
    }
    if let Some(values) = schema["enum"].as_array()
        && !values.contains(v)
    {
        errors.push(format!(
            "{at}: {v} is not one of {}",
            Value::Array(values.clone())
        ));
    }
    if let Some(obj) = v.as_object() {
        for r in schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !obj.contains_key(r) {
                errors.push(format!("{at}: required property {r} missing"));
            }
        }
        if let Some(props) = schema["properties"].as_object() {
            for (k, value) in obj {
                match props.get(k) {
                    Some(s) => check_schema(doc, s, value, &format!("{at}.{k}"), errors),
                    None if strict && schema["allOf"].is_null() => {
                        errors.push(format!("{at}: undocumented property {k}"))
                    }
                    None => {}
                }
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, item) in arr.iter().enumerate() {
            check_schema(doc, items, item, &format!("{at}[{i}]"), errors);
        }
    }
}

/// Sends each call of a documented write (url, token, body, the status
/// expected where the call decides it), checks every answer against the
/// document, and that together they produce every status it lists.
/// Calls an operation without a request body (`calls`: URL and token) and
/// checks each answer against the document; together the calls must meet
/// every status the operation documents. 204 documents no content.
async fn exercise_bodiless(
    app: &TestApp,
    doc: &Value,
    method: Method,
    path: &str,
    calls: &[(String, Option<&str>)],
) {
    let op = &doc["paths"][path][method.as_str().to_lowercase()];
    let mut seen = Vec::new();
    for (url, token) in calls {
        let r = send_json(&app.client, method.clone(), url, *token, "").await;
        let status = r.status();
        if status == StatusCode::NO_CONTENT {
            assert!(
                op["responses"]["204"]["content"].is_null(),
                "204 documents no content"
            );
            assert!(r.bytes().await.unwrap().is_empty());
        } else {
            let ct = media_type(&content_type(&r));
            let value: Value = r.json().await.expect("JSON");
            check_response(
                doc,
                &op["responses"],
                status,
                &ct,
                &value,
                &format!("{method} {url}"),
            );
        }
        seen.push(status.as_u16().to_string());
    }
    seen.sort();
    seen.dedup();
    let mut documented: Vec<String> = op["responses"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    documented.sort();
    assert_eq!(seen, documented, "{method} {path}");
}

async fn exercise_write(
    app: &TestApp,
    doc: &Value,
    method: &Method,
    path: &str,
    calls: &[(String, Option<&str>, &str, Option<u16>)],
) {
    let op = &doc["paths"][path][method.as_str().to_lowercase()];
    assert_eq!(
        op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            .as_str()
            .map(|r| r.starts_with("#/components/schemas/")),
        Some(true),
        "{path}"
    );
    let mut seen = Vec::new();
    for (url, token, body, expected) in calls {
        let r = send_json(&app.client, method.clone(), url, *token, body).await;
        let status = r.status();
        let ct = media_type(&content_type(&r));
        let value: Value = r.json().await.expect("JSON");
        if let Some(expected) = expected {
            assert_eq!(status.as_u16(), *expected, "{method} {url} {body}: {value}");
        }
        check_response(
            doc,
            &op["responses"],
            status,
            &ct,
            &value,
            &format!("{method} {url} {body}"),
        );
        seen.push(status.as_u16().to_string());
    }
    let mut documented: Vec<String> = op["responses"]
        .as_object()
        .expect("responses")
        .keys()
        .cloned()
        .collect();
    documented.sort();
    seen.sort();
    seen.dedup();
    assert_eq!(
        seen, documented,
        "{method} {path}: every documented status occurs"
    );
}

async fn contact_rows(app: &TestApp, id: i64) -> i64 {
    app.scalar(
        "SELECT COUNT(*) FROM contact_persons WHERE org_id = CAST($1 AS BIGINT)",
        &id.to_string(),
    )
    .await
}

both! {
    async fn networks_are_listed_and_unknown_ones_are_problems(app) {
        let app = app.with_demo().await;
        let (status, ct, v) = get_json(&app.client, "/api/v1/networks").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(media_type(&ct), "application/json");
        let list = v.as_array().expect("array");
        let mut slugs: Vec<&str> = list.iter().filter_map(|n| n["slug"].as_str()).collect();
        slugs.sort_unstable();
        assert_eq!(slugs, vec![NETWORK, "owl"]);

        let approved = app.scalar(
            "SELECT COUNT(*) FROM network_members m JOIN networks n ON n.id = m.network_id WHERE n.slug = $1 AND m.status = 'approved'",
            NETWORK).await;
        let (status, _, n) = get_json(&app.client, &format!("/api/v1/networks/{NETWORK}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(n["name"], "Weiterbildungsverbund Nordthüringen");
        assert_eq!(n["partners"].as_i64(), Some(approved));
        let mut districts: Vec<&str> = n["districts"].as_array().expect("districts").iter().filter_map(Value::as_str).collect();
        districts.sort_unstable();
        assert_eq!(districts, vec!["16061", "16062", "16063", "16064", "16065", "16067"]);
        // The list carries the same object as the single read.
        assert_eq!(list.iter().find(|x| x["slug"] == NETWORK), Some(&n));

        let de = problem(app.client.get("/api/v1/networks/gibt-es-nicht").await, StatusCode::NOT_FOUND).await;
        assert_eq!(de["code"], "error-not-found");
        let r = app.client.http.get(app.client.url("/api/v1/networks/gibt-es-nicht"))
            .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9").send().await.unwrap();
        let en = problem(r, StatusCode::NOT_FOUND).await;
        assert_eq!(en["code"], de["code"]);
        assert_ne!(en["title"], de["title"], "translated by Accept-Language");
        assert!(en["title"].as_str().unwrap().contains("does not exist"), "{en}");
        assert!(de["title"].as_str().unwrap().contains("gibt es nicht"), "{de}");
    }

    async fn districts_carry_their_statistics(app) {
        let (status, ct, v) = get_json(&app.client, "/api/v1/districts").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(media_type(&ct), "application/json");
        let all = v.as_array().expect("array");
        assert!((395..=405).contains(&all.len()), "about 400 districts: {}", all.len());
        for d in all {
            let ags = d["ags"].as_str().expect("ags");
            assert!(ags.len() == 5 && ags.bytes().all(|b| b.is_ascii_digit()), "{d}");
            assert!(d["population"].as_u64().is_some_and(|p| p > 0), "{d}");
            assert!(d["area_km2"].as_f64().is_some_and(|a| a > 0.0), "{d}");
            assert!(d["density_per_km2"].as_f64().is_some_and(|x| x > 0.0), "{d}");
        }
        let (_, _, th) = get_json(&app.client, "/api/v1/districts?state=Th%C3%BCringen").await;
        let th = th.as_array().expect("array");
        assert!((20..=25).contains(&th.len()), "Thuringia has 22 districts: {}", th.len());
        assert!(th.iter().all(|d| d["state"] == "Thüringen" && d["ags"].as_str().unwrap().starts_with("16")));

        let (status, _, d) = get_json(&app.client, "/api/v1/districts/16062").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(d["name"], "Nordhausen");
        assert_eq!(d["state"], "Thüringen");
        let population = d["population"].as_f64().expect("population");
        let area = d["area_km2"].as_f64().expect("area");
        let density = d["density_per_km2"].as_f64().expect("density");
        assert!((70_000.0..100_000.0).contains(&population), "{d}");
        assert!(((population / area) - density).abs() / density < 0.01, "density = population / area: {d}");
        assert!(
            matches!(d["urban_rural"].as_str(), Some("predominantly_urban" | "intermediate" | "predominantly_rural")),
            "urban–rural type present: {d}"
        );
        // A big city is urban.
        let (_, _, munich) = get_json(&app.client, "/api/v1/districts/09162").await;
        assert_eq!(munich["urban_rural"], "predominantly_urban", "{munich}");
        // The merged Wartburgkreis answers under its current key.
        let (status, _, wak) = get_json(&app.client, "/api/v1/districts/16063").await;
        assert_eq!(status, StatusCode::OK);
        assert!(wak["name"].as_str().unwrap().contains("Wartburg"), "{wak}");

        for bad in ["99999", "abc", "1606", "160620", "16%2062"] {
            let r = app.client.get(&format!("/api/v1/districts/{bad}")).await;
            let status = r.status();
            assert!(matches!(status, StatusCode::NOT_FOUND | StatusCode::BAD_REQUEST), "{bad}: {status}");
            problem(r, status).await;
        }
    }

    async fn organisations_of_a_network_are_its_approved_members(app) {
        let app = app.with_demo().await;
        let approved = app.scalar(
            "SELECT COUNT(*) FROM network_members m JOIN networks n ON n.id = m.network_id WHERE n.slug = $1 AND m.status = 'approved'",
            NETWORK).await;
        let (status, _, v) = get_json(&app.client, &format!("/api/v1/networks/{NETWORK}/organizations")).await;
        assert_eq!(status, StatusCode::OK);
        let orgs = v.as_array().expect("array");
        assert_eq!(orgs.len() as i64, approved);
        let names: Vec<&str> = orgs.iter().filter_map(|o| o["name"].as_str()).collect();
        assert!(names.contains(&GFT));
        for absent in [PENDING_ORG, "Eichsfeld Robotik UG", OWL_ORG] {
            assert!(!names.contains(&absent), "{absent} is not an approved member: {names:?}");
        }
        let districts = ["16061", "16062", "16063", "16064", "16065", "16067"];
        for o in orgs {
            assert!(districts.contains(&o["district_ags"].as_str().unwrap_or_default()), "{o}");
            assert!(o["id"].as_i64().is_some() && o["lat"].as_f64().is_some() && o["lon"].as_f64().is_some(), "{o}");
        }

        let (_, _, providers) = get_json(&app.client, &format!("/api/v1/networks/{NETWORK}/organizations?kind=provider")).await;
        let providers = providers.as_array().unwrap();
        assert_eq!(providers.len(), 5);
        assert!(providers.iter().all(|o| o["kind"] == "provider"));
        let (_, _, nordhausen) = get_json(&app.client, &format!("/api/v1/networks/{NETWORK}/organizations?kind=company&district=16062")).await;
        let mut names: Vec<&str> = nordhausen.as_array().unwrap().iter().filter_map(|o| o["name"].as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, vec!["Bleicheröder Präzisionsteile GmbH", "Harzer Feinwerktechnik Ellrich", "Nordhäuser Motorenwerk GmbH"]);

        let p = problem(app.client.get(&format!("/api/v1/networks/{NETWORK}/organizations?kind=spaceship&district=05711")).await,
            StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(p["errors"]["kind"]["code"].is_string() && p["errors"]["district"]["code"].is_string(), "{p}");
        problem(app.client.get("/api/v1/networks/gibt-es-nicht/organizations").await, StatusCode::NOT_FOUND).await;
        problem(app.client.get("/api/v1/networks/gibt-es-nicht/organizations.geojson").await, StatusCode::NOT_FOUND).await;
        problem(app.client.get("/api/v1/networks/gibt-es-nicht/districts.geojson").await, StatusCode::NOT_FOUND).await;

        // GeoJSON: the same members as points, the districts as polygons.
        let (status, ct, points) = get_json(&app.client, &format!("/api/v1/networks/{NETWORK}/organizations.geojson")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(media_type(&ct), "application/geo+json");
        assert_eq!(points["type"], "FeatureCollection");
        let features = points["features"].as_array().expect("features");
        let mut ids: Vec<i64> = features.iter().map(|f| f["properties"]["id"].as_i64().expect("id")).collect();
        let mut list_ids: Vec<i64> = orgs.iter().map(|o| o["id"].as_i64().unwrap()).collect();
        ids.sort_unstable();
        list_ids.sort_unstable();
        assert_eq!(ids, list_ids);
        for f in features {
            assert_eq!(f["type"], "Feature");
            assert_eq!(f["geometry"]["type"], "Point");
            let c = f["geometry"]["coordinates"].as_array().expect("coordinates");
            assert_eq!(c.len(), 2);
            let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
            assert!((9.5..11.8).contains(&lon) && (50.5..51.8).contains(&lat), "[lon, lat] order: {f}");
            let url = f["properties"]["url"].as_str().expect("url");
            assert_eq!(url, format!("/n/{NETWORK}/partner/{}", f["properties"]["id"]));
        }
        let (status, ct, areas) = get_json(&app.client, &format!("/api/v1/networks/{NETWORK}/districts.geojson")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(media_type(&ct), "application/geo+json");
        assert_eq!(areas["type"], "FeatureCollection");
        let features = areas["features"].as_array().expect("features");
        let mut keys: Vec<&str> = features.iter().filter_map(|f| f["properties"]["ags"].as_str()).collect();
        keys.sort_unstable();
        assert_eq!(keys, districts);
        let mut partners = 0;
        for f in features {
            assert_eq!(f["type"], "Feature");
            assert!(matches!(f["geometry"]["type"].as_str(), Some("Polygon" | "MultiPolygon")), "{}", f["properties"]);
            assert!(f["geometry"]["coordinates"].as_array().is_some_and(|c| !c.is_empty()));
            assert!(f["properties"]["population"].as_u64().is_some_and(|p| p > 0));
            partners += f["properties"]["partners"].as_i64().expect("partners");
        }
        assert_eq!(partners, approved, "every partner counted in its district");
    }

    async fn ids_that_cannot_exist_are_not_found(app) {
        let app = app.with_demo().await;
        // Beyond 64 bits, negative, not a number: no such thing, as documented (404), never axum's plain 400.
        for id in ["99999999999999999999999", "-1", "abc", "1.5"] {
            for path in [format!("/api/v1/organizations/{id}"), format!("/api/v1/ideas/{id}"), format!("/api/v1/campaigns/{id}")] {
                problem(app.client.get(&path).await, StatusCode::NOT_FOUND).await;
            }
            let page = app.client.page(&format!("/ideen/{id}")).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "/ideen/{id}");
            assert!(page.select("h1").len() == 1, "an error page in the layout: {}", page.html);
        }
    }

    async fn query_values_the_schema_forbids_are_refused(app) {
        let app = app.with_demo().await;
        // What the OpenAPI document forbids is refused on its field, never read as something else.
        for (path, field) in [
            ("/api/v1/networks/nordthueringen/offerings?part_time=null", "part_time"),
            ("/api/v1/networks/nordthueringen/offerings?funding=vielleicht", "funding"),
            ("/api/v1/networks/nordthueringen/offerings?page=0", "page"),
            ("/api/v1/networks/nordthueringen/offerings?radius=0&plz=99734", "radius"),
            ("/api/v1/networks/nordthueringen/ideas?campaign=-1", "campaign"),
            ("/api/v1/networks/nordthueringen/ideas/map?lab=0", "lab"),
        ] {
            let p = problem(app.client.get(path).await, StatusCode::UNPROCESSABLE_ENTITY).await;
            assert!(p["errors"][field].is_object(), "{path}: {p}");
        }
        // Allowed values keep working: false is no, an edge left out is the world's edge.
        for path in [
            "/api/v1/networks/nordthueringen/offerings?part_time=false&funding=0&online=true",
            "/api/v1/networks/nordthueringen/ideas/map?south=50&north=52",
            "/api/v1/networks/nordthueringen/organizations?kind=&sector=&district=",
        ] {
            assert_eq!(app.client.get(path).await.status(), StatusCode::OK, "{path}");
        }
        // A filter given twice is a malformed query, as documented.
        problem(app.client.get("/api/v1/networks/nordthueringen/demand?size=small&size=large").await, StatusCode::BAD_REQUEST).await;
    }

    async fn one_organisation_shows_public_fields_only(app) {
        let app = app.with_demo().await;
        let id = org_id(&app, GFT).await;
        let o = org_json(&app, id).await;
        assert_eq!(o["id"].as_i64(), Some(id));
        assert_eq!(o["name"], GFT);
        assert_eq!(o["kind"], "company");
        assert_eq!(o["postal_code"], "99867");
        assert_eq!(o["district_ags"], "16067");
        assert_eq!(o["networks"], serde_json::json!([NETWORK]));
        let contacts: Vec<&str> = o["contacts"].as_array().unwrap().iter().filter_map(|c| c["name"].as_str()).collect();
        assert!(contacts.contains(&"Martina Köhler"), "{contacts:?}");
        assert!(o["locations"].as_array().unwrap().iter().any(|l| l["label"] == "Werk 2 – Lackiererei"), "{o}");
        // Exactly the documented public fields: nothing about the people of the
        // organisation, its memberships' status or internal bookkeeping.
        let mut keys: Vec<&str> = o.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, vec!["city", "contacts", "description", "district_ags", "email", "id", "kind", "lat", "locations",
            "lon", "name", "networks", "phone", "postal_code", "sector_code", "size_class", "street", "website"]);
        for c in o["contacts"].as_array().unwrap() {
            let mut keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
            keys.sort_unstable();
            assert_eq!(keys, vec!["email", "id", "name", "phone", "role_title"], "no is_public flag or other internals: {c}");
        }
        let text = o.to_string();
        for private in [EMPLOYEE, "betriebsrat@gothaer-fahrzeugtechnik.example", "Anna Beck", "Uwe Sommer", "password", "created_at"] {
            assert!(!text.contains(private), "{private} leaked: {text}");
        }

        // Members of another network are public too, under their own network.
        let owl = org_json(&app, org_id(&app, OWL_ORG).await).await;
        assert_eq!(owl["networks"], serde_json::json!(["owl"]));
        // An organisation that has only applied is not public.
        let pending = org_id(&app, PENDING_ORG).await;
        problem(app.client.get(&format!("/api/v1/organizations/{pending}")).await, StatusCode::NOT_FOUND).await;
        problem(app.client.get("/api/v1/organizations/999999").await, StatusCode::NOT_FOUND).await;
        problem(app.client.get("/api/v1/organizations/abc").await, StatusCode::NOT_FOUND).await;
    }

    async fn writes_need_the_token_of_someone_who_may_edit(app) {
        let app = app.with_demo().await;
        let id = org_id(&app, GFT).await;
        let before = org_json(&app, id).await;
        let contacts_before = contact_rows(&app, id).await;
        let change = r#"{"description": "Neu: Lernfabrik für Robotik", "phone": "03621 123-456"}"#;
        let contact = r#"{"name": "Jana Pohl", "role_title": "Ausbildungsleitung", "email": "j.pohl@gothaer-fahrzeugtechnik.example"}"#;

        // No token, a made-up token, a malformed header: 401 problems.
        let p = problem(patch_org(&app, id, None, change).await, StatusCode::UNAUTHORIZED).await;
        assert_eq!(p["code"], "error-unauthorized");
        problem(add_contact(&app, id, None, contact).await, StatusCode::UNAUTHORIZED).await;
        problem(patch_org(&app, id, Some("lr_0000000000000000000000000000000000000000000000"), change).await, StatusCode::UNAUTHORIZED).await;
        let r = app.client.http.patch(app.client.url(&format!("/api/v1/organizations/{id}")))
            .header(header::AUTHORIZATION, "Basic a2F0cmluOmxlcm5yZWdpb24tZGVtbw==")
            .header(header::CONTENT_TYPE, "application/json").body(change).send().await.unwrap();
        problem(r, StatusCode::UNAUTHORIZED).await;
        // A logged-in browser session is not an API credential.
        let browser = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let r = send_json(&browser, Method::PATCH, &format!("/api/v1/organizations/{id}"), None, change).await;
        problem(r, StatusCode::UNAUTHORIZED).await;

        // Valid tokens of people who may not edit this organisation: 403.
        for who in [PROVIDER_ADMIN, EMPLOYEE, OTHER_COORDINATOR, "betriebsrat@gothaer-fahrzeugtechnik.example"] {
            let token = create_token(&app, who, "Fremder Schlüssel").await;
            let p = problem(patch_org(&app, id, Some(&token), change).await, StatusCode::FORBIDDEN).await;
            assert_eq!(p["code"], "error-forbidden", "{who}");
            problem(add_contact(&app, id, Some(&token), contact).await, StatusCode::FORBIDDEN).await;
        }
        assert_eq!(org_json(&app, id).await, before, "refused writes change nothing");
        assert_eq!(contact_rows(&app, id).await, contacts_before);

        // The organisation's admin may.
        let token = create_token(&app, ORG_ADMIN, "Personalsoftware").await;
        let r = patch_org(&app, id, Some(&token), change).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(media_type(&content_type(&r)), "application/json");
        let updated: Value = r.json().await.unwrap();
        assert_eq!(updated["description"], "Neu: Lernfabrik für Robotik");
        assert_eq!(updated["phone"], "03621 123-456");
        // Omitted fields keep their value.
        for keep in ["name", "kind", "street", "postal_code", "city", "district_ags", "website", "contacts", "locations", "networks"] {
            assert_eq!(updated[keep], before[keep], "{keep}");
        }
        let reread = org_json(&app, id).await;
        assert_eq!(reread, updated, "persisted");
        let page = app.client.page(&format!("/n/{NETWORK}/partner/{id}")).await;
        assert!(page.text("main").contains("Neu: Lernfabrik für Robotik"), "{}", page.text("main"));

        // Moving to another postal code re-geocodes the district.
        let r = patch_org(&app, id, Some(&token), r#"{"street": "Grimmelallee 5", "postal_code": "99734", "city": "Nordhausen", "website": "gothaer-fahrzeugtechnik.example"}"#).await;
        assert_eq!(r.status(), StatusCode::OK);
        let moved = org_json(&app, id).await;
        assert_eq!(moved["district_ags"], "16062");
        assert_eq!(moved["city"], "Nordhausen");
        assert_eq!(moved["website"], "https://gothaer-fahrzeugtechnik.example/");
        assert_eq!(moved["description"], "Neu: Lernfabrik für Robotik");

        // Contact persons: public ones appear, private ones are stored but never shown.
        let r = add_contact(&app, id, Some(&token), contact).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let created: Value = r.json().await.unwrap();
        assert_eq!(created["name"], "Jana Pohl");
        assert!(created["id"].as_i64().is_some(), "{created}");
        let r = add_contact(&app, id, Some(&token), r#"{"name": "Gero Geheim", "phone": "0170 1234567", "is_public": false}"#).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        assert_eq!(contact_rows(&app, id).await, contacts_before + 2);
        let o = org_json(&app, id).await;
        let names: Vec<&str> = o["contacts"].as_array().unwrap().iter().filter_map(|c| c["name"].as_str()).collect();
        assert!(names.contains(&"Jana Pohl"), "{names:?}");
        assert!(!o.to_string().contains("Gero Geheim") && !o.to_string().contains("0170 1234567"), "private contact leaked: {o}");
        let page = app.client.page(&format!("/n/{NETWORK}/partner/{id}")).await;
        assert!(page.text("main").contains("Jana Pohl"));
        assert!(!page.html.contains("Gero Geheim"), "private contact on the public page");
        let (_, _, list) = get_json(&app.client, &format!("/api/v1/networks/{NETWORK}/organizations")).await;
        assert!(!list.to_string().contains("Gero Geheim"));

        // The network's coordinator looks after partner profiles, too.
        let coordinator = create_token(&app, COORDINATOR, "Koordination").await;
        let r = patch_org(&app, id, Some(&coordinator), r#"{"size_class": "large"}"#).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(org_json(&app, id).await["size_class"], "large");
        // Unknown organisation: 404 for someone who could edit anything there.
        problem(patch_org(&app, 999_999, Some(&coordinator), change).await, StatusCode::NOT_FOUND).await;
    }

    async fn bad_bodies_are_refused_and_change_nothing(app) {
        let app = app.with_demo().await;
        let id = org_id(&app, GFT).await;
        let token = create_token(&app, ORG_ADMIN, "Test").await;
        let before = org_json(&app, id).await;
        let contacts_before = contact_rows(&app, id).await;

        // Invalid values: 422 with an error per field, translated.
        let long = "x".repeat(5001);
        let cases: Vec<(String, Vec<(&str, &str)>)> = vec![
            (r#"{"postal_code": "00000"}"#.into(), vec![("postal_code", "postal-code-unknown")]),
            (r#"{"postal_code": "9986"}"#.into(), vec![("postal_code", "postal-code-invalid")]),
            (format!(r#"{{"description": "{long}"}}"#), vec![("description", "field-too-long")]),
            (format!(r#"{{"name": "{}"}}"#, "N".repeat(151)), vec![("name", "field-too-long")]),
            (r#"{"name": "  ", "email": "kein-at", "website": "javascript:alert(1)", "kind": "raumschiff", "sector_code": "99.99"}"#.into(),
                vec![("name", "field-required"), ("email", "email-invalid"), ("website", "website-invalid"), ("kind", "choice-invalid"), ("sector_code", "sector-invalid")]),
        ];
        for (body, expected) in &cases {
            let p = problem(patch_org(&app, id, Some(&token), body).await, StatusCode::UNPROCESSABLE_ENTITY).await;
            assert_eq!(p["code"], "error-validation");
            let errors = p["errors"].as_object().unwrap_or_else(|| panic!("field errors: {p}"));
            assert_eq!(errors.len(), expected.len(), "{p}");
            for (field, code) in expected {
                assert_eq!(errors[*field]["code"], *code, "{p}");
                let message = errors[*field]["message"].as_str().unwrap_or_default();
                assert!(!message.is_empty() && message != *code, "translated message for {field}: {p}");
            }
        }
        let r = app.client.http.patch(app.client.url(&format!("/api/v1/organizations/{id}")))
            .bearer_auth(&token).header(header::ACCEPT_LANGUAGE, "en").header(header::CONTENT_TYPE, "application/json")
            .body(r#"{"postal_code": "00000"}"#).send().await.unwrap();
        let p = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(p["errors"]["postal_code"]["message"].as_str().unwrap().to_lowercase().contains("postcode")
            || p["errors"]["postal_code"]["message"].as_str().unwrap().to_lowercase().contains("postal"), "English: {p}");

        // A value of the wrong JSON type is reported on its field.
        for (body, field) in [(r#"{"name": 5}"#, "name"), (r#"{"description": "ok", "postal_code": 99867}"#, "postal_code"), (r#"{"website": {"url": "x"}}"#, "website")] {
            let p = problem(patch_org(&app, id, Some(&token), body).await, StatusCode::UNPROCESSABLE_ENTITY).await;
            let errors = p["errors"].as_object().unwrap_or_else(|| panic!("{body}: field errors expected: {p}"));
            assert_eq!(errors.keys().collect::<Vec<_>>(), vec![field], "{body}: {p}");
            assert_eq!(errors[field]["code"], "field-type-invalid", "{body}: {p}");
            assert!(errors[field]["message"].as_str().is_some_and(|m| !m.is_empty() && m != "field-type-invalid"), "{p}");
        }

        // Bodies that are not JSON of the documented shape: 400 (or 415/422), never a change.
        let shapes = [
            r#"{"name": ["a"]}"#, r#"{"name": "#, "not json", "", "null", "[]", r#""Gotha""#,
            r#"{"bogus": "field"}"#, r#"{"name": "Neu GmbH", "id": 7}"#,
        ];
        for body in shapes {
            let r = patch_org(&app, id, Some(&token), body).await;
            let status = r.status();
            assert!(matches!(status.as_u16(), 400 | 415 | 422), "{body}: {status}");
            problem(r, status).await;
        }
        // Wrong content type with a perfectly good body.
        for ct in ["text/plain", "application/x-www-form-urlencoded"] {
            let r = app.client.http.patch(app.client.url(&format!("/api/v1/organizations/{id}")))
                .bearer_auth(&token).header(header::CONTENT_TYPE, ct).body(r#"{"name": "Umbenannt GmbH"}"#).send().await.unwrap();
            let status = r.status();
            assert!(matches!(status.as_u16(), 400 | 415), "{ct}: {status}");
            problem(r, status).await;
        }
        let r = app.client.http.patch(app.client.url(&format!("/api/v1/organizations/{id}")))
            .bearer_auth(&token).body(r#"{"name": "Umbenannt GmbH"}"#).send().await.unwrap();
        assert!(r.status().is_client_error(), "no content type: {}", r.status());
        problem(r, StatusCode::BAD_REQUEST).await;

        // Contact persons: the same rules.
        let contact_cases: Vec<(&str, Option<&str>)> = vec![
            (r#"{"name": ""}"#, Some("name")),
            (r#"{"name": "Eva Ernst", "email": "kein-at"}"#, Some("email")),
            (r#"{"name": "Eva Ernst", "phone": "ruf an"}"#, Some("phone")),
            (r#"{"role_title": "ohne Namen"}"#, Some("name")),
            (r#"{"name": "Eva Ernst", "is_public": "ja"}"#, Some("is_public")),
            (r#"{"name": 42}"#, Some("name")),
            (r#"{"name": "Eva Ernst", "bogus": 1}"#, None),
            ("{", None),
        ];
        for (body, field) in contact_cases {
            let r = add_contact(&app, id, Some(&token), body).await;
            let status = r.status();
            assert!(matches!(status.as_u16(), 400 | 422), "{body}: {status}");
            let p = problem(r, status).await;
            if let Some(field) = field {
                assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
                assert!(p["errors"][field]["code"].is_string(), "{body}: {p}");
            }
        }
        let long_name = format!(r#"{{"name": "{}"}}"#, "E".repeat(101));
        let p = problem(add_contact(&app, id, Some(&token), &long_name).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(p["errors"]["name"]["code"], "field-too-long");

        assert_eq!(org_json(&app, id).await, before, "nothing changed");
        assert_eq!(contact_rows(&app, id).await, contacts_before, "no contact added");
    }

    async fn tokens_are_shown_once_and_revoking_one_ends_it(app) {
        let app = app.with_demo().await;
        // Anonymous visitors are sent to log in.
        let r = app.client.get("/konto/api-tokens").await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(location(&r).starts_with("/konto/anmelden"), "{}", location(&r));

        let admin = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let r = admin.post_form("/konto/api-tokens", &[("name", "  ")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "a token needs a name");
        let keep = token_via(&admin, "Bleibt").await;
        let token = token_via(&admin, "Warenwirtschaft").await;
        assert_ne!(keep, token);
        let id = org_id(&app, GFT).await;
        assert_eq!(patch_org(&app, id, Some(&token), r#"{"phone": "03621 1"}"#).await.status(), StatusCode::OK);

        // Shown once: the list names the token but never shows it again.
        let list = admin.page("/konto/api-tokens").await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(!list.has("#new-token"));
        assert!(!list.html.contains(&token) && !list.html.contains(&keep), "token shown again");
        assert!(list.text("main").contains("Warenwirtschaft"));
        assert!(!app.db_has_token_in_clear(&token).await, "tokens are stored hashed");
        let actions = list.attr("form[action$='/widerrufen']", "action");
        assert_eq!(actions.len(), 2, "{actions:?}");
        let revoke = revoke_action(&list.html, "Warenwirtschaft");
        assert!(actions.contains(&revoke));
        assert_ne!(revoke, revoke_action(&list.html, "Bleibt"));

        // Someone else cannot revoke it.
        let other = app.logged_in(PROVIDER_ADMIN, DEMO_PASSWORD).await;
        assert_eq!(other.post_form(&revoke, &[]).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(patch_org(&app, id, Some(&token), r#"{"phone": "03621 2"}"#).await.status(), StatusCode::OK);

        let r = admin.post_form(&revoke, &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&r), "/konto/api-tokens");
        let p = problem(patch_org(&app, id, Some(&token), r#"{"phone": "03621 3"}"#).await, StatusCode::UNAUTHORIZED).await;
        assert_eq!(p["code"], "error-unauthorized");
        problem(add_contact(&app, id, Some(&token), r#"{"name": "Nach Widerruf"}"#).await, StatusCode::UNAUTHORIZED).await;
        assert_eq!(org_json(&app, id).await["phone"], "03621 2");
        // Revoking twice finds nothing; the other token still works.
        assert_eq!(admin.post_form(&revoke, &[]).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(patch_org(&app, id, Some(&keep), r#"{"phone": "03621 4"}"#).await.status(), StatusCode::OK);
        let list = admin.page("/konto/api-tokens").await;
        assert!(!list.text("main").contains("Warenwirtschaft"));
        assert!(list.text("main").contains("Bleibt"));
    }

    async fn openapi_document_matches_the_server(app) {
        let app = app.with_demo().await;
        let (status, ct, doc) = get_json(&app.client, "/api/v1/openapi.json").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(media_type(&ct), "application/json");
        assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")), "OpenAPI 3.x: {}", doc["openapi"]);
        assert!(doc["info"]["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(doc["info"]["version"].is_string());
        let paths = doc["paths"].as_object().expect("paths");

        // Both directions: every documented operation is routed, and every
        // route of the API router is documented (the two documentation
        // routes describe the API rather than being part of it).
        let routed = api_routes();
        let documented: Vec<(String, String)> = paths
            .iter()
            .flat_map(|(path, ops)| ops.as_object().into_iter().flatten().map(move |(m, _)| (m.to_uppercase(), path.clone())))
            .filter(|(m, _)| m != "PARAMETERS")
            .collect();
        let self_describing = ["/api/v1/openapi.json", "/api/v1/docs"];
        for (method, path) in &routed {
            if self_describing.contains(&path.as_str()) {
                assert_eq!(method, "GET");
                continue;
            }
            assert!(documented.contains(&(method.clone(), path.clone())), "{method} {path} is routed but not in the OpenAPI document");
        }
        for op in &documented {
            assert!(routed.contains(op), "{} {} is documented but not routed", op.0, op.1);
        }
        for op in [("GET", "/api/v1/networks"), ("PATCH", "/api/v1/organizations/{id}"), ("POST", "/api/v1/organizations/{id}/contacts")] {
            assert!(routed.contains(&(op.0.to_owned(), op.1.to_owned())), "router source parsed: {routed:?}");
        }

        // Authentication is declared where the server asks for it.
        assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
        // Public reads are the network's published data; individual and
        // company-internal data, and every write, need a token.
        // An operation that also lists the empty requirement `{}` takes a
        // token when one is sent (a company's ideas) but needs none.
        let secured_op = |method: &str, path: &str| {
            let op = &paths[path][method.to_lowercase()];
            op["security"].as_array().is_some_and(|s| {
                s.iter().any(|r| r.get("bearer").is_some()) && !s.iter().any(|r| r.as_object().is_some_and(|o| o.is_empty()))
            })
        };
        for (method, path) in &documented {
            let internal = path.starts_with("/api/v1/me/")
                || ["vision", "needs", "employees"].iter().any(|p| path.contains(&format!("/{{id}}/{p}")));
            assert_eq!(secured_op(method, path), method != "GET" || internal, "{method} {path}: security");
        }

        // Every GET with real parameters from the demo data, and with unknown
        // ones: the status is one the document lists, the content type is the
        // one documented for it, and the body fits the schema.
        let gft = org_id(&app, GFT).await;
        let sharing = app.scalar("SELECT MIN(user_id) FROM employee_profiles WHERE org_id = CAST($1 AS BIGINT) AND share_with_employer = TRUE AND manager_may_assess = TRUE", &gft.to_string()).await;
        let role = app.scalar("SELECT MIN(id) FROM job_roles WHERE org_id = CAST($1 AS BIGINT)", &gft.to_string()).await;
        let public_campaign = app.scalar("SELECT MIN(id) FROM idea_campaigns WHERE org_id IS NULL AND network_id = (SELECT id FROM networks WHERE slug = $1)", NETWORK).await;
        let public_idea = app.scalar("SELECT MIN(id) FROM ideas WHERE state = 'published' AND campaign_id = CAST($1 AS BIGINT)", &public_campaign.to_string()).await;
        let company_campaign = app.scalar("SELECT MIN(id) FROM idea_campaigns WHERE org_id = CAST($1 AS BIGINT)", &gft.to_string()).await;
        let company_idea = app.scalar("SELECT MIN(id) FROM ideas WHERE state = 'published' AND campaign_id = CAST($1 AS BIGINT)", &company_campaign.to_string()).await;
        let real = |name: &str| match name {
            "slug" => NETWORK.to_owned(),
            "ags" => "16062".to_owned(),
            "id" => gft.to_string(),
            "user" => sharing.to_string(),
            "campaign" => public_campaign.to_string(),
            "idea" => public_idea.to_string(),
            other => panic!("no demo value for path parameter {other}"),
        };
        let reader = create_token(&app, ORG_ADMIN, "OpenAPI reads").await;
        let unknown = |name: &str| match name {
            "slug" => "gibt-es-nicht".to_owned(),
            "ags" => "99999".to_owned(),
            _ => "999999".to_owned(),
        };
        let mut statuses_seen = std::collections::BTreeSet::new();
        for (method, path) in documented.iter().filter(|(m, _)| m == "GET") {
            let op = &paths[path.as_str()]["get"];
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            for p in &params {
                assert!(matches!(p["in"].as_str(), Some("path" | "query")), "{path}: {p}");
                if p["in"] == "path" {
                    assert!(path.contains(&format!("{{{}}}", p["name"].as_str().unwrap())), "{path}: documented path parameter {p}");
                    assert_eq!(p["required"], true, "{path}: path parameters are required");
                }
            }
            let fill = |value: &dyn Fn(&str) -> String| {
                let mut url = path.clone();
                for p in params.iter().filter(|p| p["in"] == "path") {
                    let name = p["name"].as_str().unwrap();
                    url = url.replace(&format!("{{{name}}}"), &value(name));
                }
                assert!(!url.contains('{'), "undocumented path parameter in {path}");
                url
            };
            // (url, succeeds, with the token)
            let secured = secured_op(method, path);
            let mut calls = vec![(fill(&real), true, secured)];
            if params.iter().any(|p| p["in"] == "path") {
                calls.push((fill(&unknown), false, secured));
            }
            if secured {
                calls.push((fill(&real), false, false));
            }
            let query: Vec<&str> = params.iter().filter(|p| p["in"] == "query").filter_map(|p| p["name"].as_str()).collect();
            if query.contains(&"kind") {
                calls.push((format!("{}?kind=provider&sector=85", fill(&real)), true, false));
                calls.push((format!("{}?kind=spaceship", fill(&real)), false, false));
            }
            if query.contains(&"state") {
                calls.push((format!("{}?state=Th%C3%BCringen", fill(&real)), true, false));
            }
            if query.contains(&"district") && path.contains("/ideas") {
                calls.push((format!("{}?district=16062&category=1&status=new", fill(&real)), true, false));
                calls.push((format!("{}?category=0", fill(&real)), false, false));
                calls.push((format!("{}?status=vielleicht", fill(&real)), false, false));
            }
            if query.contains(&"zoom") && path.contains("/ideas") {
                calls.push((format!("{}?south=50.9&west=10.2&north=51.7&east=11.2&zoom=11", fill(&real)), true, false));
                calls.push((format!("{}?south=50.9&zoom=11", fill(&real)), true, false));
                calls.push((format!("{}?south=52&north=50", fill(&real)), false, false));
            }
            for (url, ok, with_token) in calls {
                let r = send_json(&app.client, Method::GET, &url, with_token.then_some(reader.as_str()), "").await;
                let status = r.status();
                assert_eq!(status.is_success(), ok, "{method} {url}: {status}");
                let ct = media_type(&content_type(&r));
                let body: Value = r.json().await.unwrap_or_else(|e| panic!("{url}: not JSON: {e}"));
                check_response(&doc, &op["responses"], status, &ct, &body, &format!("{method} {url}"));
                statuses_seen.insert(status.as_u16());
            }
        }
        assert!(statuses_seen.is_superset(&[200, 401, 404, 422].into()), "{statuses_seen:?}");
        // A company's ideas: its people's token opens them, without one the
        // API asks for it, and for anyone else they do not exist.
        let internal_reads = [format!("/api/v1/ideas/{company_idea}"), format!("/api/v1/campaigns/{company_campaign}")];
        let outsider = create_token(&app, PROVIDER_ADMIN, "OpenAPI outsider").await;
        for url in &internal_reads {
            let template = if url.contains("/ideas/") { "/api/v1/ideas/{idea}" } else { "/api/v1/campaigns/{campaign}" };
            let op = &paths[template]["get"];
            for (token, expected) in [(Some(reader.as_str()), StatusCode::OK), (None, StatusCode::UNAUTHORIZED), (Some(outsider.as_str()), StatusCode::NOT_FOUND), (Some("lr_not-a-token"), StatusCode::UNAUTHORIZED)] {
                let r = send_json(&app.client, Method::GET, url, token, "").await;
                assert_eq!(r.status(), expected, "GET {url} with {token:?}");
                let ct = media_type(&content_type(&r));
                let body: Value = r.json().await.expect("JSON");
                check_response(&doc, &op["responses"], expected, &ct, &body, &format!("GET {url}"));
            }
        }

        // The writes, through every status they document.
        let token = create_token(&app, ORG_ADMIN, "OpenAPI").await;
        let foreign = create_token(&app, PROVIDER_ADMIN, "OpenAPI").await;
        let employee = create_token(&app, EMPLOYEE, "OpenAPI").await;
        let competence = app.scalar("SELECT MIN(competence_id) FROM role_requirements WHERE role_id = CAST($1 AS BIGINT)", &role.to_string()).await;
        let role_path = |p: &str| p.replace("{role}", &role.to_string()).replace("{user}", &sharing.to_string());
        let assess = format!(r#"{{"competence_id": {competence}, "level": 2}}"#);
        let requirement = format!(r#"{{"competence_id": {competence}, "level": 4, "importance": "high"}}"#);
        // (method, path, owner's token, someone else's token, good body, invalid body)
        let writes: Vec<(Method, &str, &str, &str, String, &str)> = vec![
            (Method::PATCH, "/api/v1/organizations/{id}", &token, &foreign, r#"{"description": "Dokumentiert"}"#.into(), r#"{"postal_code": "00000"}"#),
            (Method::POST, "/api/v1/organizations/{id}/contacts", &token, &foreign, r#"{"name": "Doku Mentiert"}"#.into(), r#"{"name": ""}"#),
            (Method::POST, "/api/v1/organizations/{id}/roles", &token, &foreign, r#"{"name": "Dokumentierte Rolle"}"#.into(), r#"{"name": " "}"#),
            (Method::POST, "/api/v1/organizations/{id}/roles/{role}/requirements", &token, &foreign, requirement, r#"{"competence_id": 1, "level": 9, "importance": "high"}"#),
            (Method::POST, "/api/v1/organizations/{id}/changes", &token, &foreign, r#"{"title": "Doku", "target_date": "2031-01-01"}"#.into(), r#"{"title": "Doku", "target_date": "2020-01-01"}"#),
            (Method::POST, "/api/v1/organizations/{id}/employees/{user}/assessments", &token, &foreign, assess.clone(), r#"{"competence_id": 999999, "level": 2}"#),
            (Method::POST, "/api/v1/me/organizations/{id}/assessments", &employee, &foreign, assess, r#"{"competence_id": 1, "level": -1}"#),
            (Method::PUT, "/api/v1/me/organizations/{id}/consent", &employee, &foreign, r#"{"share_with_employer": false, "manager_may_assess": false}"#.into(), r#"{"share_with_employer": "ja", "manager_may_assess": false}"#),
        ];
        let stale_consent = format!(r#"{{"share_with_employer": true, "manager_may_assess": false, "manager_id": {}}}"#, app.scalar("SELECT id FROM users WHERE email = $1", ORG_ADMIN).await);
        let mut writes_checked = std::collections::BTreeSet::new();
        for (method, path, token, foreign, good, invalid) in &writes {
            let own = role_path(&path.replace("{id}", &gft.to_string()));
            let missing = role_path(&path.replace("{id}", "999999"));
            let mut calls = vec![
                (own.clone(), None, good.as_str(), None),
                (own.clone(), Some(*token), "{", None),
                (own.clone(), Some(*foreign), good, None),
                (missing, Some(*token), good, None),
                (own.clone(), Some(*token), *invalid, None),
            ];
            if *path == "/api/v1/me/organizations/{id}/consent" {
                // Naming a manager the person does not have (Anna has none).
                calls.push((own.clone(), Some(*token), stale_consent.as_str(), Some(409)));
            }
            calls.push((own, Some(*token), good, None));
            exercise_write(&app, &doc, method, path, &calls).await;
            writes_checked.insert((method.to_string(), path.to_string()));
        }

        // Removing a requirement: no body, 204 without content.
        let delete = "/api/v1/organizations/{id}/roles/{role}/requirements/{requirement}";
        let req_id = app.scalar("SELECT MIN(id) FROM role_requirements WHERE role_id = CAST($1 AS BIGINT)", &role.to_string()).await;
        let url = |org: i64| role_path(&delete.replace("{id}", &org.to_string())).replace("{requirement}", &req_id.to_string());
        exercise_bodiless(&app, &doc, Method::DELETE, delete, &[(url(gft), None), (url(gft), Some(foreign.as_str())), (url(999999), Some(token.as_str())), (url(gft), Some(token.as_str())), (url(gft), Some(token.as_str()))]).await;
        writes_checked.insert(("DELETE".into(), delete.into()));
        // A new round of self-assessment: no body, 204 without content.
        let round = "/api/v1/me/organizations/{id}/assessment-round";
        let url = |org: i64| round.replace("{id}", &org.to_string());
        exercise_bodiless(&app, &doc, Method::POST, round, &[(url(gft), None), (url(999999), Some(employee.as_str())), (url(gft), Some(foreign.as_str())), (url(gft), Some(employee.as_str()))]).await;
        writes_checked.insert(("POST".into(), round.into()));
        // The idea writes: the phase decides (the company's competition is
        // in its rating phase, the regional labs take ideas).
        let c_public = format!("/api/v1/campaigns/{public_campaign}/ideas");
        let c_company = format!("/api/v1/campaigns/{company_campaign}/ideas");
        let i_public = |what: &str| format!("/api/v1/ideas/{public_idea}/{what}");
        let i_company = |what: &str| format!("/api/v1/ideas/{company_idea}/{what}");
        let category = app.scalar("SELECT MIN(id) FROM idea_categories WHERE campaign_id = CAST($1 AS BIGINT)", &public_campaign.to_string()).await;
        let good_idea = format!(r#"{{"title": "Lernpaten im Dorf", "body": "Ehrenamtliche helfen beim **Online-Kurs**.", "category_id": {category}, "postal_code": "99867"}}"#);
        let good_idea = good_idea.as_str();
        // Per operation: (path, token, body, expected status).
        type Attempt<'a> = (String, Option<&'a str>, &'a str, u16);
        let idea_writes: Vec<(Method, &str, Vec<Attempt>)> = vec![
            (Method::POST, "/api/v1/campaigns/{campaign}/ideas", vec![
                (c_public.clone(), None, good_idea, 401),
                (c_public.clone(), Some(employee.as_str()), "{", 400),
                ("/api/v1/campaigns/999999/ideas".into(), Some(employee.as_str()), good_idea, 404),
                (c_company.clone(), Some(foreign.as_str()), good_idea, 404),
                (c_company.clone(), Some(employee.as_str()), good_idea, 409),
                (c_public.clone(), Some(employee.as_str()), r#"{"title": "", "body": "Text"}"#, 422),
                (c_public.clone(), Some(employee.as_str()), good_idea, 201),
            ]),
            (Method::POST, "/api/v1/ideas/{idea}/comments", vec![
                (i_public("comments"), None, r#"{"body": "Gute Idee"}"#, 401),
                (i_public("comments"), Some(employee.as_str()), "{", 400),
                (i_public("comments"), Some(employee.as_str()), r#"{"body": "Antwort", "parent_id": 999999}"#, 422),
                ("/api/v1/ideas/999999/comments".into(), Some(employee.as_str()), r#"{"body": "Gute Idee"}"#, 404),
                (i_company("comments"), Some(foreign.as_str()), r#"{"body": "Gute Idee"}"#, 404),
                (i_company("comments"), Some(employee.as_str()), r#"{"body": "Zu spät"}"#, 409),
                (i_public("comments"), Some(employee.as_str()), r#"{"body": "  "}"#, 422),
                (i_public("comments"), Some(employee.as_str()), r#"{"body": "Gute Idee"}"#, 201),
            ]),
            (Method::PUT, "/api/v1/ideas/{idea}/rating", vec![
                (i_company("rating"), None, r#"{"stars": 4}"#, 401),
                (i_company("rating"), Some(employee.as_str()), "{", 400),
                ("/api/v1/ideas/999999/rating".into(), Some(employee.as_str()), r#"{"stars": 4}"#, 404),
                (i_company("rating"), Some(foreign.as_str()), r#"{"stars": 4}"#, 404),
                (i_public("rating"), Some(employee.as_str()), r#"{"stars": 4}"#, 409),
                (i_company("rating"), Some(employee.as_str()), r#"{"stars": 9}"#, 422),
                (i_company("rating"), Some(employee.as_str()), r#"{"stars": 4}"#, 200),
            ]),
        ];
        for (method, path, calls) in &idea_writes {
            let calls: Vec<_> = calls.iter().map(|(url, token, body, expected)| (url.clone(), *token, *body, Some(*expected))).collect();
            exercise_write(&app, &doc, method, path, &calls).await;
            writes_checked.insert((method.to_string(), path.to_string()));
        }
        for (method, path) in documented.iter().filter(|(m, _)| m != "GET") {
            assert!(writes_checked.contains(&(method.clone(), path.clone())), "{method} {path} is not exercised here");
        }

        // The server names the field of a badly typed value from its own list
        // of body fields; that list is the documented one.
        use lernregion::api::schema::{BodyFields, NewContactBody, OrganizationPatch};
        use lernregion::ideas::api::{CommentBody, NewIdeaBody, RatingBody};
        use lernregion::competences::api::vision::{AssessmentBody, ConsentBody, NewChangeBody, NewRoleBody, RequirementBody};
        for (schema, fields) in [
            ("OrganizationPatch", OrganizationPatch::FIELDS),
            ("NewContactBody", NewContactBody::FIELDS),
            ("NewRoleBody", NewRoleBody::FIELDS),
            ("NewChangeBody", NewChangeBody::FIELDS),
            ("RequirementBody", RequirementBody::FIELDS),
            ("AssessmentBody", AssessmentBody::FIELDS),
            ("ConsentBody", ConsentBody::FIELDS),
            ("NewIdeaBody", NewIdeaBody::FIELDS),
            ("CommentBody", CommentBody::FIELDS),
            ("RatingBody", RatingBody::FIELDS),
        ] {
            let mut documented: Vec<&str> = doc["components"]["schemas"][schema]["properties"].as_object().expect(schema).keys().map(String::as_str).collect();
            let mut fields = fields.to_vec();
            documented.sort_unstable();
            fields.sort_unstable();
            assert_eq!(fields, documented, "{schema}");
        }

        // The human-readable docs page lists the same operations.
        let page = app.client.page("/api/v1/docs").await;
        assert_eq!(page.status, StatusCode::OK);
        let text = page.text("main");
        for (method, path) in &documented {
            assert!(text.contains(path.as_str()) && text.contains(method.as_str()), "{method} {path} missing on /api/v1/docs");
        }
    }
}
