//! How an enum is stored as TEXT: one table of `(variant, "text")` pairs per enum, read and
//! written through rusqlite's `ToSql`/`FromSql`. Text the table does not know is an error when
//! read (a store written by something else, or edited by hand), never a silent default.

use std::fmt;

/// Text in a column that names no variant of the enum read from it.
#[derive(Debug)]
pub struct UnknownText {
    pub what: &'static str,
    pub text: String,
}

impl fmt::Display for UnknownText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "giá trị «{}» không hợp lệ cho {} trong kho dữ liệu",
            self.text, self.what
        )
    }
}

impl std::error::Error for UnknownText {}

/// `stored_text!(Enum { Variant => "text", … })` gives `Enum` its one mapping to stored text:
/// `as_str()`, `from_stored(&str) -> Option<Self>`, and `ToSql`/`FromSql` (unknown text is a
/// `FromSqlError::Other` carrying [`UnknownText`]). `Option<Enum>` reads NULL as None.
macro_rules! stored_text {
    ($ty:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $ty {
            /// The text stored for this value.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $text,)+
                }
            }

            /// The value stored as `s`, if `s` is one of the stored texts.
            pub fn from_stored(s: &str) -> Option<Self> {
                match s {
                    $($text => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }

        impl rusqlite::types::ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }

        impl rusqlite::types::FromSql for $ty {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let s = value.as_str()?;
                $ty::from_stored(s).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(Box::new($crate::stored::UnknownText {
                        what: stringify!($ty),
                        text: s.to_string(),
                    }))
                })
            }
        }
    };
}

pub(crate) use stored_text;

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Colour {
        Red,
        Green,
    }

    stored_text!(Colour { Red => "red", Green => "green" });

    #[test]
    fn each_value_round_trips_and_unknown_text_is_an_error() -> anyhow::Result<()> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch("CREATE TABLE t (c TEXT)")?;
        for c in [Colour::Red, Colour::Green] {
            conn.execute("DELETE FROM t", [])?;
            conn.execute("INSERT INTO t (c) VALUES (?1)", [c])?;
            let raw: String = conn.query_row("SELECT c FROM t", [], |r| r.get(0))?;
            assert_eq!(raw, c.as_str());
            let back: Colour = conn.query_row("SELECT c FROM t", [], |r| r.get(0))?;
            assert_eq!(back, c);
        }
        conn.execute("UPDATE t SET c = NULL", [])?;
        let none: Option<Colour> = conn.query_row("SELECT c FROM t", [], |r| r.get(0))?;
        assert_eq!(none, None);
        conn.execute("UPDATE t SET c = 'blue'", [])?;
        let err = conn
            .query_row("SELECT c FROM t", [], |r| r.get::<_, Colour>(0))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("«blue»"), "{err}");
        let err = conn
            .query_row("SELECT c FROM t", [], |r| r.get::<_, Option<Colour>>(0))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("«blue»"), "unknown is not NULL: {err}");
        Ok(())
    }
}
