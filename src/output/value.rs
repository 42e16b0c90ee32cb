//! serde data → template values, remembering what Go would know from the static types.
//!
//! gotmpl's `Value` has maps but no structs, and no nil maps or slices. Go templates
//! behave differently for each (a missing struct field is an error while a missing map key
//! prints `<no value>`; `{{json .}}` keeps struct field order but sorts map keys; a nil map
//! prints `map[]` but encodes as `null`). The serializer here therefore records, per
//! allocation, which maps came from structs (with their field order and type name) and
//! which empty maps or lists stand for Go nils. The allocations are `Arc`s that gotmpl only
//! clones, so their addresses identify them for as long as the data is alive.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use gotmpl::Value;
use serde::Serialize;
use serde::ser::{self, Impossible};

/// Newtype-struct name that [`serialize_nil_map`] uses to mark a Go nil map.
const NIL_MAP: &str = "\u{0}burrow.output.nil-map";
/// Newtype-struct name that [`serialize_nil_slice`] uses to mark a Go nil slice.
const NIL_SLICE: &str = "\u{0}burrow.output.nil-slice";

/// Serialize an `Option` of a map the way Go treats a nil map: `None` prints `map[]` in
/// templates and encodes as `null` in JSON. Use with
/// `#[serde(serialize_with = "crate::output::serialize_nil_map")]`.
/// Other serializers (serde_json) see `None` as `null`.
pub fn serialize_nil_map<S, M>(value: &Option<M>, serializer: S) -> Result<S::Ok, S::Error>
where
    S: serde::Serializer,
    M: Serialize,
{
    match value {
        Some(map) => map.serialize(serializer),
        None => serializer.serialize_newtype_struct(NIL_MAP, &()),
    }
}

/// Serialize an `Option` of a sequence the way Go treats a nil slice: `None` prints `[]`
/// in templates and encodes as `null` in JSON.
/// Use with `#[serde(serialize_with = "crate::output::serialize_nil_slice")]`.
pub fn serialize_nil_slice<S, L>(value: &Option<L>, serializer: S) -> Result<S::Ok, S::Error>
where
    S: serde::Serializer,
    L: Serialize,
{
    match value {
        Some(list) => list.serialize(serializer),
        None => serializer.serialize_newtype_struct(NIL_SLICE, &()),
    }
}

/// Field order and type name of a map that was serialized from a struct.
#[derive(Debug)]
pub(crate) struct StructShape {
    pub name: &'static str,
    pub fields: Vec<Arc<str>>,
}

/// What the serializer learned about the allocations of a value tree.
#[derive(Debug, Default)]
pub(crate) struct Shapes {
    structs: HashMap<usize, StructShape>,
    /// nil maps and slices (print as `map[]` / `[]`)
    nils: HashSet<usize>,
    /// `None`s, which stand for Go nil pointers (print as `<nil>`)
    nil_pointers: HashSet<usize>,
    /// values replaced by duplicate keys, kept alive so no address above is ever reused
    graveyard: Vec<Value>,
}

pub(crate) type Map = BTreeMap<Arc<str>, Value>;

fn map_addr(map: &Arc<Map>) -> usize {
    Arc::as_ptr(map) as usize
}

fn list_addr(list: &Arc<[Value]>) -> usize {
    Arc::as_ptr(list) as *const Value as usize
}

impl Shapes {
    pub fn struct_shape(&self, map: &Arc<Map>) -> Option<&StructShape> {
        self.structs.get(&map_addr(map))
    }

    /// Whether `value` encodes as JSON `null`.
    pub fn is_nil(&self, value: &Value) -> bool {
        match value {
            Value::Nil => true,
            Value::Map(map) => {
                let addr = map_addr(map);
                self.nils.contains(&addr) || self.nil_pointers.contains(&addr)
            }
            Value::List(list) => self.nils.contains(&list_addr(list)),
            _ => false,
        }
    }

    /// Whether `value` stands for a Go nil pointer (a Rust `None`).
    pub fn is_nil_pointer(&self, value: &Value) -> bool {
        match value {
            Value::Map(map) => self.nil_pointers.contains(&map_addr(map)),
            _ => false,
        }
    }

    /// Go's name for the dynamic type of `value`, as its error messages print it.
    pub fn go_type_name(&self, value: &Value) -> String {
        match value {
            Value::Nil => "<nil>".to_string(),
            v if self.is_nil_pointer(v) => "<nil>".to_string(),
            Value::Bool(_) => "bool".to_string(),
            Value::Int(_) => "int".to_string(),
            Value::Uint(_) => "uint64".to_string(),
            Value::Float(_) => "float64".to_string(),
            Value::String(_) => "string".to_string(),
            Value::List(items) => {
                let element = common_type(items.iter().map(|v| self.go_type_name(v)));
                format!("[]{element}")
            }
            Value::Map(map) => match self.struct_shape(map) {
                Some(shape) => shape.name.to_string(),
                None => {
                    let element = common_type(map.values().map(|v| self.go_type_name(v)));
                    format!("map[string]{element}")
                }
            },
            _ => "func".to_string(),
        }
    }
}

/// The element type of a Go container judged from its elements: `string` when all agree
/// on it (or there are none: most of podman's slices and maps are of strings).
fn common_type(mut names: impl Iterator<Item = String>) -> String {
    let Some(first) = names.next() else {
        return "string".to_string();
    };
    if names.all(|n| n == first) {
        first
    } else {
        "interface {}".to_string()
    }
}

/// Why a value could not become template data.
#[derive(Debug)]
pub(crate) struct SerializeError(pub String);

impl std::fmt::Display for SerializeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SerializeError {}

impl ser::Error for SerializeError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        SerializeError(msg.to_string())
    }
}

type SerResult = Result<Value, SerializeError>;

/// Convert `value` into template data, recording struct and nil information in `shapes`.
pub(crate) fn to_value<T: Serialize + ?Sized>(value: &T, shapes: &mut Shapes) -> SerResult {
    value.serialize(ValueSerializer { shapes })
}

struct ValueSerializer<'a> {
    shapes: &'a mut Shapes,
}

impl ValueSerializer<'_> {
    fn nil_map(self) -> Value {
        let map = Arc::new(Map::new());
        self.shapes.nils.insert(map_addr(&map));
        Value::Map(map)
    }

    /// An empty map standing for a nil pointer: false in `{{if}}`, `null` in JSON, and
    /// `<nil>` when printed, as in Go.
    fn nil_pointer(self) -> Value {
        let map = Arc::new(Map::new());
        self.shapes.nil_pointers.insert(map_addr(&map));
        Value::Map(map)
    }

    fn nil_list(self) -> Value {
        let list: Arc<[Value]> = Arc::from(Vec::new());
        self.shapes.nils.insert(list_addr(&list));
        Value::List(list)
    }
}

fn string(s: &str) -> Value {
    Value::String(Arc::from(s))
}

fn single_entry(key: &str, value: Value) -> Value {
    let mut map = Map::new();
    map.insert(Arc::from(key), value);
    Value::Map(Arc::new(map))
}

impl<'a> ser::Serializer for ValueSerializer<'a> {
    type Ok = Value;
    type Error = SerializeError;
    type SerializeSeq = SeqBuilder<'a>;
    type SerializeTuple = SeqBuilder<'a>;
    type SerializeTupleStruct = SeqBuilder<'a>;
    type SerializeTupleVariant = VariantSeqBuilder<'a>;
    type SerializeMap = MapBuilder<'a>;
    type SerializeStruct = StructBuilder<'a>;
    type SerializeStructVariant = VariantStructBuilder<'a>;

    fn serialize_bool(self, v: bool) -> SerResult {
        Ok(Value::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> SerResult {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i16(self, v: i16) -> SerResult {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i32(self, v: i32) -> SerResult {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i64(self, v: i64) -> SerResult {
        Ok(Value::Int(v))
    }
    fn serialize_i128(self, v: i128) -> SerResult {
        i64::try_from(v)
            .map(Value::Int)
            .map_err(|_| SerializeError(format!("integer {v} does not fit in 64 bits")))
    }
    fn serialize_u8(self, v: u8) -> SerResult {
        Ok(Value::Uint(v.into()))
    }
    fn serialize_u16(self, v: u16) -> SerResult {
        Ok(Value::Uint(v.into()))
    }
    fn serialize_u32(self, v: u32) -> SerResult {
        Ok(Value::Uint(v.into()))
    }
    fn serialize_u64(self, v: u64) -> SerResult {
        Ok(Value::Uint(v))
    }
    fn serialize_u128(self, v: u128) -> SerResult {
        u64::try_from(v)
            .map(Value::Uint)
            .map_err(|_| SerializeError(format!("integer {v} does not fit in 64 bits")))
    }
    fn serialize_f32(self, v: f32) -> SerResult {
        Ok(Value::Float(v.into()))
    }
    fn serialize_f64(self, v: f64) -> SerResult {
        Ok(Value::Float(v))
    }
    fn serialize_char(self, v: char) -> SerResult {
        Ok(string(v.encode_utf8(&mut [0; 4])))
    }
    fn serialize_str(self, v: &str) -> SerResult {
        Ok(string(v))
    }
    fn serialize_bytes(self, v: &[u8]) -> SerResult {
        Ok(Value::List(
            v.iter().map(|b| Value::Uint((*b).into())).collect(),
        ))
    }
    fn serialize_none(self) -> SerResult {
        Ok(self.nil_pointer())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> SerResult {
        value.serialize(self)
    }
    fn serialize_unit(self) -> SerResult {
        Ok(Value::Nil)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> SerResult {
        Ok(Value::Nil)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> SerResult {
        Ok(string(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> SerResult {
        match name {
            NIL_MAP => Ok(self.nil_map()),
            NIL_SLICE => Ok(self.nil_list()),
            _ => value.serialize(self),
        }
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> SerResult {
        let inner = value.serialize(ValueSerializer {
            shapes: self.shapes,
        })?;
        Ok(single_entry(variant, inner))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder<'a>, SerializeError> {
        Ok(SeqBuilder {
            shapes: self.shapes,
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder<'a>, SerializeError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<SeqBuilder<'a>, SerializeError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantSeqBuilder<'a>, SerializeError> {
        Ok(VariantSeqBuilder {
            variant,
            seq: self.serialize_seq(Some(len))?,
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<MapBuilder<'a>, SerializeError> {
        Ok(MapBuilder {
            shapes: self.shapes,
            map: Map::new(),
            key: None,
        })
    }
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<StructBuilder<'a>, SerializeError> {
        Ok(StructBuilder {
            shapes: self.shapes,
            name,
            map: Map::new(),
            fields: Vec::with_capacity(len),
        })
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantStructBuilder<'a>, SerializeError> {
        Ok(VariantStructBuilder {
            variant,
            inner: self.serialize_struct(name, len)?,
        })
    }
}

pub(crate) struct SeqBuilder<'a> {
    shapes: &'a mut Shapes,
    items: Vec<Value>,
}

impl SeqBuilder<'_> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerializeError> {
        let item = value.serialize(ValueSerializer {
            shapes: self.shapes,
        })?;
        self.items.push(item);
        Ok(())
    }
    fn finish(self) -> Value {
        Value::List(Arc::from(self.items))
    }
}

impl ser::SerializeSeq for SeqBuilder<'_> {
    type Ok = Value;
    type Error = SerializeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        self.push(value)
    }
    fn end(self) -> SerResult {
        Ok(self.finish())
    }
}

impl ser::SerializeTuple for SeqBuilder<'_> {
    type Ok = Value;
    type Error = SerializeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        self.push(value)
    }
    fn end(self) -> SerResult {
        Ok(self.finish())
    }
}

impl ser::SerializeTupleStruct for SeqBuilder<'_> {
    type Ok = Value;
    type Error = SerializeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        self.push(value)
    }
    fn end(self) -> SerResult {
        Ok(self.finish())
    }
}

pub(crate) struct VariantSeqBuilder<'a> {
    variant: &'static str,
    seq: SeqBuilder<'a>,
}

impl ser::SerializeTupleVariant for VariantSeqBuilder<'_> {
    type Ok = Value;
    type Error = SerializeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        self.seq.push(value)
    }
    fn end(self) -> SerResult {
        Ok(single_entry(self.variant, self.seq.finish()))
    }
}

pub(crate) struct MapBuilder<'a> {
    shapes: &'a mut Shapes,
    map: Map,
    key: Option<Arc<str>>,
}

impl ser::SerializeMap for MapBuilder<'_> {
    type Ok = Value;
    type Error = SerializeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Self::Error> {
        self.key = Some(Arc::from(key.serialize(KeySerializer)?));
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| SerializeError("map value serialized before its key".into()))?;
        let value = value.serialize(ValueSerializer {
            shapes: self.shapes,
        })?;
        if let Some(replaced) = self.map.insert(key, value) {
            self.shapes.graveyard.push(replaced);
        }
        Ok(())
    }
    fn end(self) -> SerResult {
        Ok(Value::Map(Arc::new(self.map)))
    }
}

pub(crate) struct StructBuilder<'a> {
    shapes: &'a mut Shapes,
    name: &'static str,
    map: Map,
    fields: Vec<Arc<str>>,
}

impl StructBuilder<'_> {
    fn finish(self) -> Value {
        let map = Arc::new(self.map);
        let shape = StructShape {
            name: self.name,
            fields: self.fields,
        };
        self.shapes.structs.insert(map_addr(&map), shape);
        Value::Map(map)
    }
}

impl ser::SerializeStruct for StructBuilder<'_> {
    type Ok = Value;
    type Error = SerializeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        let value = value.serialize(ValueSerializer {
            shapes: self.shapes,
        })?;
        let key: Arc<str> = Arc::from(key);
        match self.map.insert(Arc::clone(&key), value) {
            Some(replaced) => self.shapes.graveyard.push(replaced),
            None => self.fields.push(key),
        }
        Ok(())
    }
    fn end(self) -> SerResult {
        Ok(self.finish())
    }
}

pub(crate) struct VariantStructBuilder<'a> {
    variant: &'static str,
    inner: StructBuilder<'a>,
}

impl ser::SerializeStructVariant for VariantStructBuilder<'_> {
    type Ok = Value;
    type Error = SerializeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        ser::SerializeStruct::serialize_field(&mut self.inner, key, value)
    }
    fn end(self) -> SerResult {
        let variant = self.variant;
        Ok(single_entry(variant, self.inner.finish()))
    }
}

/// Map keys become strings, as Go's `map[string]…` keys and JSON object keys are.
struct KeySerializer;

fn key_error() -> SerializeError {
    SerializeError("map keys must be strings, numbers, booleans or unit variants".into())
}

impl ser::Serializer for KeySerializer {
    type Ok = String;
    type Error = SerializeError;
    type SerializeSeq = Impossible<String, SerializeError>;
    type SerializeTuple = Impossible<String, SerializeError>;
    type SerializeTupleStruct = Impossible<String, SerializeError>;
    type SerializeTupleVariant = Impossible<String, SerializeError>;
    type SerializeMap = Impossible<String, SerializeError>;
    type SerializeStruct = Impossible<String, SerializeError>;
    type SerializeStructVariant = Impossible<String, SerializeError>;

    fn serialize_bool(self, v: bool) -> Result<String, SerializeError> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<String, SerializeError> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<String, SerializeError> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String, SerializeError> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String, SerializeError> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<String, SerializeError> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<String, SerializeError> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String, SerializeError> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String, SerializeError> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, _v: f32) -> Result<String, SerializeError> {
        Err(key_error())
    }
    fn serialize_f64(self, _v: f64) -> Result<String, SerializeError> {
        Err(key_error())
    }
    fn serialize_char(self, v: char) -> Result<String, SerializeError> {
        Ok(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<String, SerializeError> {
        Ok(v.to_string())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<String, SerializeError> {
        Err(key_error())
    }
    fn serialize_none(self) -> Result<String, SerializeError> {
        Err(key_error())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String, SerializeError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, SerializeError> {
        Err(key_error())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<String, SerializeError> {
        Err(key_error())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<String, SerializeError> {
        Ok(variant.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<String, SerializeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<String, SerializeError> {
        Err(key_error())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, SerializeError> {
        Err(key_error())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, SerializeError> {
        Err(key_error())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, SerializeError> {
        Err(key_error())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, SerializeError> {
        Err(key_error())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, SerializeError> {
        Err(key_error())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, SerializeError> {
        Err(key_error())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, SerializeError> {
        Err(key_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Row {
        zeta: String,
        alpha: u64,
        #[serde(serialize_with = "serialize_nil_map")]
        labels: Option<HashMap<String, String>>,
        #[serde(serialize_with = "serialize_nil_slice")]
        names: Option<Vec<String>>,
    }

    #[test]
    fn structs_keep_field_order_and_name() {
        let mut shapes = Shapes::default();
        let row = Row {
            zeta: "z".into(),
            alpha: 1,
            labels: None,
            names: None,
        };
        let value = to_value(&row, &mut shapes).unwrap();
        let Value::Map(map) = &value else {
            panic!("struct must become a map")
        };
        let shape = shapes.struct_shape(map).expect("struct shape recorded");
        assert_eq!(shape.name, "Row");
        let fields: Vec<&str> = shape.fields.iter().map(|f| f.as_ref()).collect();
        assert_eq!(fields, ["Zeta", "Alpha", "Labels", "Names"]);
        assert!(shapes.is_nil(&map["Labels"]));
        assert!(shapes.is_nil(&map["Names"]));
        assert!(!shapes.is_nil(&map["Zeta"]));
        assert_eq!(shapes.go_type_name(&value), "Row");
        assert_eq!(shapes.go_type_name(&map["Names"]), "[]string");
        assert_eq!(shapes.go_type_name(&map["Labels"]), "map[string]string");
    }

    #[test]
    fn real_maps_are_not_structs_and_nil_markers_are_null_for_serde_json() {
        let mut shapes = Shapes::default();
        let mut labels = HashMap::new();
        labels.insert("k".to_string(), "v".to_string());
        let row = Row {
            zeta: String::new(),
            alpha: 0,
            labels: Some(labels),
            names: None,
        };
        let value = to_value(&row, &mut shapes).unwrap();
        let Value::Map(map) = &value else {
            panic!("struct must become a map")
        };
        let Value::Map(labels) = &map["Labels"] else {
            panic!("labels must be a map")
        };
        assert!(shapes.struct_shape(labels).is_none());
        assert!(!shapes.is_nil(&map["Labels"]));
        let json = serde_json::to_string(&row).unwrap();
        assert_eq!(
            json,
            r#"{"Zeta":"","Alpha":0,"Labels":{"k":"v"},"Names":null}"#
        );
    }

    #[test]
    fn non_string_keys_are_stringified_and_compound_keys_fail() {
        let mut shapes = Shapes::default();
        let map: BTreeMap<u32, &str> = [(10, "a"), (2, "b")].into_iter().collect();
        let value = to_value(&map, &mut shapes).unwrap();
        assert_eq!(value.field("10"), Some(&Value::String("a".into())));
        let bad: BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into_iter().collect();
        assert!(to_value(&bad, &mut shapes).is_err());
    }
}
