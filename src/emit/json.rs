//! Compact JSON for output lines, byte for byte what `serde_json::to_writer` writes.
//!
//! serde derive describes the format and `sonic_rs` writes every string and number;
//! this serializer only puts the punctuation around them and writes the field names.
//! Through `sonic_rs` alone every field name went through its string escaper, as a map
//! key, on every record: 31 M of the writer thread's 83 M instructions on every twelfth
//! corpus document (callgrind, `--jobs 1`). Field and variant names are `&'static str`s
//! from serde derive, Rust identifiers that need no escaping, so they are copied as
//! they are; the tests hold every name of [`Record`](crate::record::Record) and
//! [`Reject`](crate::record::Reject) to `serde_json`'s bytes.

use serde::ser::{self, Error as _, Serialize};
use sonic_rs::Error;

/// Appends `value` to `out` as compact JSON. Field and variant names are written
/// unescaped (a debug assertion checks that they need no escaping); map keys must be
/// strings.
pub fn write<T: ?Sized + Serialize>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(Json { out })
}

/// The serializer: writes into `out`.
struct Json<'a> {
    out: &'a mut Vec<u8>,
}

/// Hands a leaf value (a string, a number, null) to `sonic_rs`'s own serializer.
macro_rules! leaf {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method(self, $($arg: $ty),*) -> Result<(), Error> {
            (&mut sonic_rs::Serializer::new(self.out)).$method($($arg),*)
        }
    )*};
}

impl<'a> ser::Serializer for Json<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    leaf! {
        serialize_bool(v: bool);
        serialize_i8(v: i8);
        serialize_i16(v: i16);
        serialize_i32(v: i32);
        serialize_i64(v: i64);
        serialize_i128(v: i128);
        serialize_u8(v: u8);
        serialize_u16(v: u16);
        serialize_u32(v: u32);
        serialize_u64(v: u64);
        serialize_u128(v: u128);
        serialize_f32(v: f32);
        serialize_f64(v: f64);
        serialize_char(v: char);
        serialize_str(v: &str);
        serialize_bytes(v: &[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(name: &'static str);
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str);
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push(b'{');
        field_name(self.out, variant);
        value.serialize(Json { out: &mut *self.out })?;
        self.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(Compound::open(self.out, b'[', b']', false))
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(self.open_variant(variant, b'[', b']'))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(Compound::open(self.out, b'{', b'}', false))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(Compound::open(self.out, b'{', b'}', false))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(self.open_variant(variant, b'{', b'}'))
    }
}

impl<'a> Json<'a> {
    /// Opens `{"variant":` and then the variant's own list or fields.
    fn open_variant(self, variant: &'static str, open: u8, close: u8) -> Compound<'a> {
        self.out.push(b'{');
        field_name(self.out, variant);
        Compound::open(self.out, open, close, true)
    }
}

/// Writes `"name":`. Names are written as they are, never escaped: see [`write`].
fn field_name(out: &mut Vec<u8>, name: &str) {
    debug_assert!(
        name.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\'),
        "field name {name:?} needs escaping"
    );
    out.reserve(name.len() + 3);
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\":");
}

/// An array or object being written: a comma before every element but the first.
struct Compound<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
    /// `]` or `}`.
    close: u8,
    /// Whether the array or object is the value of `{"variant":…}`, closed after it.
    in_variant: bool,
}

impl<'a> Compound<'a> {
    fn open(out: &'a mut Vec<u8>, open: u8, close: u8, in_variant: bool) -> Compound<'a> {
        out.push(open);
        Compound {
            out,
            first: true,
            close,
            in_variant,
        }
    }

    /// Writes the comma that separates this element from the one before.
    fn next(&mut self) -> Json<'_> {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        Json { out: self.out }
    }

    fn close(self) -> Result<(), Error> {
        self.out.push(self.close);
        if self.in_variant {
            self.out.push(b'}');
        }
        Ok(())
    }
}

/// The four ways serde writes a list of values (sequences, tuples, tuple structs, tuple
/// variants): each value after the one before, then the closing bracket.
macro_rules! list_of_values {
    ($($kind:ident :: $method:ident;)*) => {$(
        impl ser::$kind for Compound<'_> {
            type Ok = ();
            type Error = Error;

            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
                value.serialize(self.next())
            }

            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
}

list_of_values! {
    SerializeSeq::serialize_element;
    SerializeTuple::serialize_element;
    SerializeTupleStruct::serialize_field;
    SerializeTupleVariant::serialize_field;
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;

    /// Keys must serialize as strings: the maps of records and rejects are keyed by
    /// names. (`serde_json` also writes numbers and booleans as quoted keys.)
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        let json = self.next();
        let start = json.out.len();
        key.serialize(Json { out: &mut *json.out })?;
        if json.out.get(start) != Some(&b'"') {
            return Err(Error::custom("a map key must be a string"));
        }
        json.out.push(b':');
        Ok(())
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(Json { out: &mut *self.out })
    }

    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

/// The two ways serde writes named fields (structs, struct variants): each name and
/// value after the one before, then the closing brace.
macro_rules! named_fields {
    ($($kind:ident;)*) => {$(
        impl ser::$kind for Compound<'_> {
            type Ok = ();
            type Error = Error;

            fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
                let json = self.next();
                field_name(json.out, key);
                value.serialize(json)
            }

            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
}

named_fields! {
    SerializeStruct;
    SerializeStructVariant;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::*;
    use rust_decimal::Decimal;
    use serde::Serialize;
    use std::collections::BTreeMap;
    use std::str::FromStr;

    fn assert_same_as_serde_json<T: Serialize>(value: &T) {
        let mut out = Vec::new();
        write(&mut out, value).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string(value).unwrap(),
            "help: the output contract was written against serde_json's bytes"
        );
    }

    fn decimal(d: &str) -> Decimal {
        Decimal::from_str(d).unwrap()
    }

    /// A record with every field filled, so that adding a field to the contract adds it
    /// here and its name is checked against `serde_json`.
    fn full_record() -> Record {
        Record {
            schema: SCHEMA.to_owned(),
            id: "0548f6ca8cda0e5a".to_owned(),
            source: Source {
                path: "in/a \"b\".jsonl".to_owned(),
                line: Some(3),
                id: Some("x#1".to_owned()),
                article: 2,
                encoding: "GB18030".to_owned(),
            },
            published: Some("2026-01-22".to_owned()),
            section: Some("要闻".to_owned()),
            column: Some("短新闻竞赛".to_owned()),
            kind: ArticleKind::Photo,
            headlines: vec!["浙江\n进出口".to_owned(), String::new()],
            title: Some("浙江进出口".to_owned()),
            byline: Byline {
                reporters: vec!["王凤凤".to_owned()],
                correspondents: vec!["a".to_owned(), "b".to_owned()],
                photographers: Vec::new(),
                alliance: vec!["共享联盟·云和王凤凤".to_owned()],
            },
            dateline: Some(Dateline {
                place: Some("绍兴".to_owned()),
                date: None,
            }),
            subheads: vec!["\u{1}\u{1f}\\".to_owned()],
            captions: Vec::new(),
            text: "本报讯 浙江进出口总额5.55万亿元,同比增长5.4%。\t\"引号\"\u{2028}😀".repeat(9),
            figures: vec![
                Figure {
                    kind: FigureKind::Money,
                    text: "5.55万亿元".to_owned(),
                    span: [10, 17],
                    value: FigureValue::Number(decimal("5550000000000")),
                    upper: Some(decimal("66.6667")),
                    unit: Some("CNY".to_owned()),
                    approx: Some(Approx::Over),
                    rule: "money.wan_yi".to_owned(),
                },
                Figure {
                    kind: FigureKind::Date,
                    text: "1月21日".to_owned(),
                    span: [0, 5],
                    value: FigureValue::Text("XXXX-01-21".to_owned()),
                    upper: None,
                    unit: None,
                    approx: None,
                    rule: "date".to_owned(),
                },
            ],
            places: vec![Place {
                text: "绍兴".to_owned(),
                span: [4, 6],
                name: "绍兴市".to_owned(),
                code: Some("330600".to_owned()),
                level: PlaceLevel::Prefecture,
                parents: vec!["中国".to_owned(), "浙江省".to_owned()],
                rule: "admin".to_owned(),
            }],
            facts: vec![Fact {
                subject: Some("浙江省".to_owned()),
                subject_code: None,
                indicator: "进出口总额".to_owned(),
                period: Some("2025".to_owned()),
                value: Some(decimal("-0.5")),
                unit: Some("CNY".to_owned()),
                change: Some(decimal("5.4")),
                change_unit: Some("%".to_owned()),
                basis: Some("yoy".to_owned()),
                counterpart: None,
                figures: vec![0, 1],
            }],
            warnings: vec!["`date` \"soon\" is not a YYYY-MM-DD date; ignored".to_owned()],
        }
    }

    #[test]
    fn records_and_rejects_are_the_bytes_serde_json_writes() {
        let full = full_record();
        assert_same_as_serde_json(&full);
        let empty = Record {
            source: Source {
                line: None,
                id: None,
                ..full.source.clone()
            },
            published: None,
            section: None,
            column: None,
            headlines: Vec::new(),
            title: None,
            byline: Byline::default(),
            dateline: None,
            subheads: Vec::new(),
            text: String::new(),
            figures: Vec::new(),
            places: Vec::new(),
            facts: Vec::new(),
            warnings: Vec::new(),
            ..full
        };
        assert_same_as_serde_json(&empty);
        assert_same_as_serde_json(&Reject {
            source: RejectSource {
                path: "in/a.jsonl".to_owned(),
                line: Some(7),
                id: None,
            },
            stage: Stage::Parse,
            error: "not JSON: EOF while parsing a string at line 1 column 9".to_owned(),
        });
    }

    /// Shapes the record types do not use today, written the way `serde_json` writes them.
    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(i32, Option<String>),
        Struct { a: bool, b: Vec<Shape> },
        Empty {},
    }

    #[derive(Serialize)]
    struct Wrapper(String);

    #[derive(Serialize)]
    struct UnitStruct;

    #[derive(Serialize)]
    struct Everything {
        shapes: Vec<Shape>,
        wrapper: Wrapper,
        unit: UnitStruct,
        nothing: (),
        empty_list: Vec<u8>,
        empty_object: BTreeMap<String, u8>,
        map: BTreeMap<String, Vec<Option<f64>>>,
        variant_keys: BTreeMap<FigureKind, u8>,
        tuple: (char, u128, i128, f32),
        bytes: Bytes,
    }

    /// Serialized with `serialize_bytes`.
    struct Bytes(Vec<u8>);

    impl Serialize for Bytes {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(&self.0)
        }
    }

    #[test]
    fn every_serde_shape_is_the_bytes_serde_json_writes() {
        let value = Everything {
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(7),
                Shape::Tuple(-3, None),
                Shape::Struct {
                    a: true,
                    b: vec![Shape::Empty {}, Shape::Tuple(0, Some("\"".to_owned()))],
                },
                Shape::Struct {
                    a: false,
                    b: Vec::new(),
                },
            ],
            wrapper: Wrapper("w".to_owned()),
            unit: UnitStruct,
            nothing: (),
            empty_list: Vec::new(),
            empty_object: BTreeMap::new(),
            map: BTreeMap::from([
                ("a\nb".to_owned(), vec![Some(0.1), None, Some(f64::NAN)]),
                ("c".to_owned(), Vec::new()),
            ]),
            variant_keys: BTreeMap::from([(FigureKind::Money, 1), (FigureKind::Date, 2)]),
            tuple: ('"', u128::MAX, i128::MIN, 1.5),
            bytes: Bytes(vec![0, 255]),
        };
        assert_same_as_serde_json(&value);
    }

    #[test]
    fn a_map_key_that_is_no_string_is_an_error() {
        let mut out = Vec::new();
        assert!(write(&mut out, &BTreeMap::from([(1, 2)])).is_err());
    }
}
