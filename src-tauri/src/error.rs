//! The one error shape across IPC: `{ code, message, field }` (see `kiemtra_core::ErrorPayload`).

use kiemtra_core::{ErrorCode, ErrorPayload};
use kiemtra_pdf::DocError;
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct IpcError(pub ErrorPayload);

impl From<kiemtra_core::Error> for IpcError {
    fn from(e: kiemtra_core::Error) -> Self {
        IpcError(e.payload())
    }
}

impl From<DocError> for IpcError {
    fn from(e: DocError) -> Self {
        IpcError(e.payload())
    }
}

impl IpcError {
    pub fn internal(message: impl Into<String>) -> Self {
        IpcError(ErrorPayload {
            code: ErrorCode::Internal,
            message: message.into(),
            field: None,
        })
    }
}

pub type IpcResult<T> = Result<T, IpcError>;
