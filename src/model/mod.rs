//! The validated charter: every type a charter file can hold.
//!
//! Each type's doc comments are the descriptions in the generated JSON Schema (`charter
//! schema`), so they are written for the people who write charters. Each type decodes
//! itself from the YAML tree through [`decode`] (whose context carries the charter's
//! languages and columns, read first), which is why the decoder lives here.

mod abbreviations;
mod charter;
pub(crate) mod choice;
mod columns;
mod contact;
mod date;
pub mod decode;
pub mod fee;
mod labels;
pub(crate) mod lang;
mod row_number;
mod sections;
pub(crate) mod service;
mod service_list;
pub mod timeline;
pub mod total;
mod untranslated;
mod written;

pub use abbreviations::Abbreviations;
pub use charter::{Charter, Layout};
pub use columns::{
    Cell, CellValue, Cells, Column, ColumnOf, ColumnType, Columns, ServiceCells, StepCells,
};
pub use contact::{Channel, Complaints, Contact, Detail, web_target};
pub use date::Date;
pub use fee::{Amount, Currency, Fee, FeeCase, FeeKind, Tier};
pub use labels::Labels;
pub use lang::{Lang, Text, TextValue};
pub use row_number::RowNumber;
pub use sections::{
    Country, CustomerGroup, Item, List, Organization, Paragraphs, Preface, Review, Section,
    Signatory, Standard, StandardGroup,
};
pub use service::{
    Classification, Classified, Requirement, Service, Step, Transaction, TransactionItem,
    Transactions,
};
pub use service_list::{ServiceGroup, Services};
pub use timeline::{Basis, Duration, Timeline, TimelineCase, TimelineKind, Unit};
pub use total::Total;
pub use untranslated::Str;
