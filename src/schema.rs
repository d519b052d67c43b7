//! The JSON Schema of the charter format, generated from the model's types so it can never
//! disagree with what `charter check` accepts.

use schemars::generate::SchemaSettings;

use crate::model::Charter;

/// Where editors can find the schema when a charter sits in this repository's `charters/`
/// or `examples/` folders, or beside a schema written by `charter new`.
pub const SCHEMA_FILE: &str = "charter.schema.json";

/// The schema as pretty-printed JSON, ending with a newline.
pub fn schema_json() -> String {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<Charter>();
    schema.insert("title".into(), "Citizens' service charter".into());
    // Serialising a schema to a String cannot fail.
    let mut json = serde_json::to_string_pretty(&schema).unwrap_or_default();
    json.push('\n');
    json
}
