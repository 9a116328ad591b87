//! The files the records page fetches and saves (R26, R27): the CSV export of the listed
//! records and each invoiced invoice's PDF, each with its state for the page to show.

use std::collections::HashMap;

use invoicing::invoice_record::RecordQuery;
use leptos::prelude::*;

use crate::api::{ApiClient, ApiError, FileBody};
use crate::state::file_save::save_file;

/// Where fetching one file stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum FileState {
    #[default]
    Idle,
    Running,
    /// Handed to the browser under this name.
    Saved(String),
    Failed(FileFailure),
}

/// Why a file was not saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileFailure {
    Api(ApiError),
    /// The browser refused the blob or the link.
    Save(String),
}

/// The export's state and each invoice's download state. `Copy`.
#[derive(Clone, Copy)]
pub struct FileStates {
    client: StoredValue<ApiClient>,
    export: RwSignal<FileState>,
    downloads: RwSignal<HashMap<String, FileState>>,
}

impl FileStates {
    pub fn new(client: ApiClient) -> FileStates {
        FileStates {
            client: StoredValue::new(client),
            export: RwSignal::new(FileState::Idle),
            downloads: RwSignal::new(HashMap::new()),
        }
    }

    pub fn export_state(self) -> ReadSignal<FileState> {
        self.export.read_only()
    }

    /// The download state of one invoice.
    pub fn download_state(self, invoice_id: &str) -> FileState {
        self.downloads
            .with(|d| d.get(invoice_id).cloned())
            .unwrap_or_default()
    }

    /// "Export details" (R26): the CSV of the records matching `query`, saved as a file named
    /// by the server, or `invoice-records-YYYYMMDD.csv`.
    pub fn export(self, query: RecordQuery) {
        if self.export.get_untracked() == FileState::Running {
            return;
        }
        self.export.set(FileState::Running);
        let client = self.client.get_value();
        leptos::task::spawn_local(async move {
            let answer = client.export_records(&query).await;
            let state = saved(answer, export_fallback_name(), "text/csv;charset=utf-8");
            let _ = self.export.try_set(state);
        });
    }

    /// "Download invoice" (R27): the invoice's PDF, named by the server, or
    /// `<invoiceNumber>.pdf` (the invoice id when it has no number).
    pub fn download(self, invoice_id: String, invoice_number: Option<String>) {
        if self.download_state(&invoice_id) == FileState::Running {
            return;
        }
        self.set_download(&invoice_id, FileState::Running);
        let client = self.client.get_value();
        leptos::task::spawn_local(async move {
            let answer = client.invoice_file(&invoice_id).await;
            let fallback = format!("{}.pdf", invoice_number.as_deref().unwrap_or(&invoice_id));
            let state = saved(answer, fallback, "application/pdf");
            self.set_download(&invoice_id, state);
        });
    }

    fn set_download(self, invoice_id: &str, state: FileState) {
        let _ = self.downloads.try_update(|d| {
            d.insert(invoice_id.to_owned(), state);
        });
    }
}

/// Saves a fetched file; its state afterwards.
fn saved(answer: Result<FileBody, ApiError>, fallback: String, default_type: &str) -> FileState {
    let file = match answer {
        Ok(file) => file,
        Err(error) => return FileState::Failed(FileFailure::Api(error)),
    };
    let name = file.file_name.unwrap_or(fallback);
    let content_type = file.content_type.as_deref().unwrap_or(default_type);
    match save_file(&file.bytes, &name, content_type) {
        Ok(()) => FileState::Saved(name),
        Err(e) => FileState::Failed(FileFailure::Save(e)),
    }
}

/// `invoice-records-YYYYMMDD.csv` with the browser's date of today.
pub fn export_fallback_name() -> String {
    let today = web_sys::js_sys::Date::new_0();
    format!(
        "invoice-records-{:04}{:02}{:02}.csv",
        today.get_full_year(),
        today.get_month() + 1,
        today.get_date()
    )
}
