//! The contract's fixture schema (`shared/api/fixture.schema.json`), built into the mock and
//! checked after the loader's own passes (which name the record and the rule): a fixture the
//! schema refuses is never loaded (issue 10; the fixture fuzz test found empty ids and cut files
//! that passed the loader's own checks).

use std::sync::OnceLock;

use serde_json::Value;

/// The schema as the contract publishes it, read when the mock is built.
const SCHEMA: &str = include_str!("../../../../shared/api/fixture.schema.json");

/// At most this many schema errors are reported; the first ones say what is wrong.
const MAX_REPORTED: usize = 20;

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema: Value = serde_json::from_str(SCHEMA).expect("fixture.schema.json is JSON");
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&schema)
            .expect("fixture.schema.json is a valid JSON Schema")
    })
}

/// Where and why `fixture` breaks the schema (`/records/2/lines/1/documentId`, `"" is shorter
/// than 1 character`), at most [`MAX_REPORTED`]; empty when it is valid.
pub fn schema_errors(fixture: &Value) -> Vec<(String, String)> {
    validator()
        .iter_errors(fixture)
        .take(MAX_REPORTED)
        .map(|e| {
            let at = e.instance_path().to_string();
            let mut message = e.to_string();
            if message.chars().count() > 200 {
                message = message.chars().take(200).collect::<String>() + "…";
            }
            (if at.is_empty() { "/".to_owned() } else { at }, message)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::schema_errors;
    use serde_json::json;

    #[test]
    fn the_schema_builds_and_names_where_a_fixture_breaks_it() {
        let errors = schema_errors(&json!({ "profile": 1 }));
        assert!(!errors.is_empty());
        assert!(errors.iter().any(|(at, _)| at == "/profile"), "{errors:?}");
    }
}
