//! The one error shape across IPC: `{ code, message }`.

use kiemtra_core::ErrorPayload;
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct IpcError(pub ErrorPayload);

impl From<kiemtra_core::Error> for IpcError {
    fn from(e: kiemtra_core::Error) -> Self {
        IpcError(e.payload())
    }
}

impl IpcError {
    pub fn internal(message: impl Into<String>) -> Self {
        IpcError(ErrorPayload {
            code: "internal".into(),
            message: message.into(),
        })
    }
}

pub type IpcResult<T> = Result<T, IpcError>;
