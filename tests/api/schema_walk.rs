//! The schema as the adversarial tests walk it: read by introspection, every
//! root field called with arguments made up from their types, and every
//! field below it selected. A new resolver or field is covered the day it
//! is added, without anyone writing a case for it.

use std::collections::HashMap;

use rand::rngs::StdRng;
use rand::Rng;
use serde_json::{json, Value};

use crate::common::TestApp;

const INTROSPECTION: &str = include_str!("../fixtures/introspection-query.graphql");

/// How deep below a root field the walk selects.
const DEPTH: u32 = 3;

pub struct Schema {
    types: HashMap<String, Value>,
    pub query: Vec<Value>,
    pub mutation: Vec<Value>,
}

/// What the walk puts into arguments.
pub struct Values<'a> {
    /// Every `ID` argument and input field.
    pub id: &'a str,
    /// The `organization` argument of the public query.
    pub organization: &'a str,
    /// The `base64` argument of an import.
    pub base64: &'a str,
}

/// One call of a root field.
pub struct Call {
    pub field: String,
    pub mutation: bool,
    /// `field(args)`, without a selection.
    pub head: String,
    /// The named type it returns.
    pub returns: String,
}

impl Schema {
    pub async fn read(app: &TestApp) -> Schema {
        let response = app.gql(None, INTROSPECTION, json!({})).await;
        let schema = &response["data"]["__schema"];
        let types: HashMap<String, Value> = schema["types"]
            .as_array()
            .unwrap_or_else(|| panic!("introspection: {response:.300}"))
            .iter()
            .map(|t| (t["name"].as_str().unwrap().to_string(), t.clone()))
            .collect();
        let fields = |root: &str| types[root]["fields"].as_array().unwrap().clone();
        Schema {
            query: fields("Query"),
            mutation: fields("Mutation"),
            types,
        }
    }

    /// Each root field once, with every argument filled in: `ID`s with
    /// `values.id`.
    pub fn calls(&self, values: &Values) -> Vec<Call> {
        let roots = [(&self.query, false), (&self.mutation, true)];
        roots
            .into_iter()
            .flat_map(|(fields, mutation)| fields.iter().map(move |f| (f, mutation)))
            .map(|(field, mutation)| {
                let name = field["name"].as_str().unwrap().to_string();
                Call {
                    head: format!("{name}{}", self.arguments(field, values, true)),
                    returns: named(&field["type"]).to_string(),
                    field: name,
                    mutation,
                }
            })
            .collect()
    }

    /// The whole request for `call`, selecting everything below it.
    pub fn request(&self, call: &Call, values: &Values) -> String {
        let keyword = if call.mutation { "mutation" } else { "query" };
        let selection = self.selection(&call.returns, values, DEPTH);
        format!("{keyword} {{ {} {selection} }}", call.head)
    }

    /// The same call, once per field of what it returns: for a type whose
    /// whole selection costs more than one request may.
    pub fn requests_per_field(&self, call: &Call, values: &Values) -> Vec<String> {
        let keyword = if call.mutation { "mutation" } else { "query" };
        self.fields(&call.returns)
            .iter()
            .filter_map(|field| self.field_selection(field, values, DEPTH))
            .map(|one| format!("{keyword} {{ {} {{ {one} }} }}", call.head))
            .collect()
    }

    /// Whether `type_name` is a scalar or an enum: selected without braces.
    pub fn is_leaf(&self, type_name: &str) -> bool {
        matches!(
            self.types[type_name]["kind"].as_str(),
            Some("SCALAR" | "ENUM")
        )
    }

    fn fields(&self, type_name: &str) -> Vec<Value> {
        self.types[type_name]["fields"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// `{ ... }` for `type_name`, or nothing for a scalar or enum.
    fn selection(&self, type_name: &str, values: &Values, depth: u32) -> String {
        match self.types[type_name]["kind"].as_str() {
            Some("OBJECT") => {
                let fields: Vec<String> = self
                    .fields(type_name)
                    .iter()
                    .filter_map(|field| self.field_selection(field, values, depth))
                    .collect();
                format!("{{ __typename {} }}", fields.join(" "))
            }
            Some("INTERFACE" | "UNION") => "{ __typename }".into(),
            _ => String::new(),
        }
    }

    fn field_selection(&self, field: &Value, values: &Values, depth: u32) -> Option<String> {
        let name = field["name"].as_str().unwrap();
        let returns = named(&field["type"]);
        let object = matches!(
            self.types[returns]["kind"].as_str(),
            Some("OBJECT" | "INTERFACE" | "UNION")
        );
        if object && depth == 0 {
            return None;
        }
        let arguments = self.arguments(field, values, false);
        let below = self.selection(returns, values, depth.saturating_sub(1));
        Some(format!("{name}{arguments} {below}"))
    }

    /// `(a: 1, b: "x")`: every argument of a root field; below the root
    /// the required ones and page sizes.
    fn arguments(&self, field: &Value, values: &Values, every: bool) -> String {
        let given: Vec<String> = field["args"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|arg| {
                let name = arg["name"].as_str().unwrap();
                every || arg["type"]["kind"] == "NON_NULL" || name == "first"
            })
            .filter(|arg| !matches!(arg["name"].as_str(), Some("last" | "before" | "after")))
            .map(|arg| {
                let name = arg["name"].as_str().unwrap();
                format!("{name}: {}", self.literal(&arg["type"], name, values, 0))
            })
            .collect();
        if given.is_empty() {
            String::new()
        } else {
            format!("({})", given.join(", "))
        }
    }

    /// A GraphQL literal of type `ty` for an argument or input field called
    /// `name`, plausible enough to get past format checks to the lookups.
    fn literal(&self, ty: &Value, name: &str, values: &Values, depth: u32) -> String {
        match ty["kind"].as_str().unwrap() {
            "NON_NULL" => self.literal(&ty["ofType"], name, values, depth),
            "LIST" => format!("[{}]", self.literal(&ty["ofType"], name, values, depth)),
            "ENUM" => enum_value(&self.types[ty["name"].as_str().unwrap()], name),
            "INPUT_OBJECT" => {
                let input = &self.types[ty["name"].as_str().unwrap()];
                let fields: Vec<String> = input["inputFields"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|f| depth < 3 || f["type"]["kind"] == "NON_NULL")
                    .map(|f| {
                        let field = f["name"].as_str().unwrap();
                        let value = self.literal(&f["type"], field, values, depth + 1);
                        format!("{field}: {value}")
                    })
                    .collect();
                format!("{{ {} }}", fields.join(", "))
            }
            _ => scalar(ty["name"].as_str().unwrap(), name, values),
        }
    }
}

/// Random arguments for fuzzing: values of the right types (so that they
/// reach the resolvers), chosen to hurt.
impl Schema {
    /// `(mutation($a: T!) { field(a: $a) { __typename } }, variables)` for
    /// `field` of the root type, its arguments drawn from `rng`.
    pub fn random_call(&self, field: &Value, mutation: bool, rng: &mut StdRng) -> (String, Value) {
        let name = field["name"].as_str().unwrap();
        let mut definitions = Vec::new();
        let mut arguments = Vec::new();
        let mut variables = serde_json::Map::new();
        for arg in field["args"].as_array().unwrap() {
            let arg_name = arg["name"].as_str().unwrap();
            if arg["type"]["kind"] != "NON_NULL" && rng.random_bool(0.5) {
                continue;
            }
            definitions.push(format!("${arg_name}: {}", type_text(&arg["type"])));
            arguments.push(format!("{arg_name}: ${arg_name}"));
            variables.insert(arg_name.into(), self.random_value(&arg["type"], rng, 0));
        }
        let keyword = if mutation { "mutation" } else { "query" };
        let definitions = if definitions.is_empty() {
            String::new()
        } else {
            format!("({})", definitions.join(", "))
        };
        let arguments = if arguments.is_empty() {
            String::new()
        } else {
            format!("({})", arguments.join(", "))
        };
        let selection = if self.is_leaf(named(&field["type"])) {
            ""
        } else {
            "{ __typename }"
        };
        (
            format!("{keyword} {definitions} {{ {name}{arguments} {selection} }}"),
            Value::Object(variables),
        )
    }

    fn random_value(&self, ty: &Value, rng: &mut StdRng, depth: u32) -> Value {
        match ty["kind"].as_str().unwrap() {
            "NON_NULL" => self.random_value(&ty["ofType"], rng, depth),
            "LIST" => {
                let length = if depth > 2 { 0 } else { rng.random_range(0..4) };
                Value::Array(
                    (0..length)
                        .map(|_| self.random_value(&ty["ofType"], rng, depth + 1))
                        .collect(),
                )
            }
            "ENUM" => {
                let values = self.types[ty["name"].as_str().unwrap()]["enumValues"]
                    .as_array()
                    .unwrap();
                values[rng.random_range(0..values.len())]["name"].clone()
            }
            "INPUT_OBJECT" => {
                let input = &self.types[ty["name"].as_str().unwrap()];
                let mut object = serde_json::Map::new();
                for field in input["inputFields"].as_array().unwrap() {
                    if field["type"]["kind"] == "NON_NULL" || (depth < 3 && rng.random_bool(0.7)) {
                        let value = self.random_value(&field["type"], rng, depth + 1);
                        object.insert(field["name"].as_str().unwrap().into(), value);
                    }
                }
                Value::Object(object)
            }
            _ => random_scalar(ty["name"].as_str().unwrap(), rng),
        }
    }
}

/// Texts that broke or could break something: SQL, LIKE and format
/// characters, scripts, right-to-left overrides, very long and empty ones,
/// and almost-valid values of the formats the register checks.
const HOSTILE_TEXTS: &[&str] = &[
    "",
    " ",
    "'; DROP TABLE organization; --",
    "%",
    "_",
    "\\",
    "%_%\\%",
    "<script>alert(1)</script>",
    "\u{202e}gnp.exe",
    "é€😀",
    "Robert'); --",
    "{{7*7}}",
    "${jndi:ldap://x}",
    "../../etc/passwd",
    "NL",
    "nl",
    "XX",
    "P",
    "P4W",
    "P-1D",
    "P99999999999Y",
    "PT",
    "https://",
    "http://x",
    "javascript:alert(1)",
    "a@b",
    "@",
    "walk@example.nl",
    "contact.email",
    "UPPER.case",
    "a..b",
    "-slug-",
    "acme",
    "2027-02-30",
    "0190b6a4-0000-7000-8000-000000000000",
    "not-a-uuid",
    "bnVsbA==",
    "e30=",
];

fn random_scalar(ty: &str, rng: &mut StdRng) -> Value {
    match ty {
        "Int" => json!([0, 1, -1, 100, 101, i32::MAX, i32::MIN][rng.random_range(0..7)]),
        "Float" => json!(rng.random_range(-1e9..1e9)),
        "Boolean" => json!(rng.random_bool(0.5)),
        "Date" => {
            json!(["2027-01-01", "1900-01-01", "9999-12-31", "2027-02-28"][rng.random_range(0..4)])
        }
        "ID" => json!(
            [
                "0190b6a4-0000-7000-8000-000000000000",
                "",
                "not-an-id",
                "00000000-0000-0000-0000-000000000000",
                "01a230cb-23f1-710a-8d61-18502a4cee10",
            ][rng.random_range(0..5)]
        ),
        _ => match rng.random_range(0..10) {
            0 => json!("x".repeat(rng.random_range(9_990..20_000))),
            1 => json!((0..rng.random_range(1..40))
                .map(|_| rng.random_range('!'..='~'))
                .collect::<String>()),
            _ => json!(HOSTILE_TEXTS[rng.random_range(0..HOSTILE_TEXTS.len())]),
        },
    }
}

/// A type reference as GraphQL writes it: `[ID!]!`.
fn type_text(ty: &Value) -> String {
    match ty["kind"].as_str().unwrap() {
        "NON_NULL" => format!("{}!", type_text(&ty["ofType"])),
        "LIST" => format!("[{}]", type_text(&ty["ofType"])),
        _ => ty["name"].as_str().unwrap().to_string(),
    }
}

/// The named type under `NON_NULL` and `LIST`.
pub fn named(ty: &Value) -> &str {
    match ty["name"].as_str() {
        Some(name) => name,
        None => named(&ty["ofType"]),
    }
}

fn enum_value(ty: &Value, name: &str) -> String {
    let values: Vec<&str> = ty["enumValues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap())
        .collect();
    // An import reads backups only.
    let preferred = match name {
        "format" if values.contains(&"BACKUP_JSON") => "BACKUP_JSON",
        _ => values[0],
    };
    preferred.to_string()
}

fn scalar(ty: &str, name: &str, values: &Values) -> String {
    let text = |t: &str| serde_json::to_string(t).unwrap();
    match (ty, name) {
        ("ID", _) => text(values.id),
        ("Int", _) => "1".into(),
        ("Float", _) => "1.5".into(),
        // B holds what it imports: A's words would then be B's own.
        ("Boolean", "dryRun") => "true".into(),
        ("Boolean", _) => "true".into(),
        ("Date", _) => text("2027-01-01"),
        ("DateTime", _) => text("2027-01-01T00:00:00Z"),
        ("JSON", _) => "{}".into(),
        (_, "organization") => text(values.organization),
        (_, "base64") => text(values.base64),
        (_, "slug") => text("walk-slug"),
        (_, "key") => text("walk.key"),
        (_, "country") => text("NL"),
        (_, "url" | "websites") => text("https://example.nl"),
        (_, "responsePeriod" | "marketingFollowUpPeriod" | "period" | "duration") => text("P1Y"),
        (_, name) if name.to_lowercase().contains("email") => text("walk@example.nl"),
        _ => text("walk text"),
    }
}
