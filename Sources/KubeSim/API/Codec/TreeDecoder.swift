// TreeDecoder: decodes a JSON tree into a typed object with Go's zero-value semantics,
import Collections

typealias OrderedDictionaryStringJSON = OrderedDictionary<String, JSON>
// and reports the keys of the input that no field asked for (unknown fields).

/// Decodes `Decodable` values from a `JSON` tree.
///
/// Unlike Foundation's decoders it follows Kubernetes' (Go's) semantics: a missing or null key
/// of a non-optional property decodes as that type's zero value (`""`, `0`, `false`, `[]`, an
/// empty struct); types with a custom `init(from:)` see `decodeNil() == true` for it.
public struct TreeDecoder {
  public init() {}

  public func decode<T: Decodable>(_ type: T.Type, from json: JSON) throws -> T {
    try T(from: DecoderImpl(node: json, path: [], tracker: nil))
  }

  /// Decodes and also returns the paths (`spec.template.spec.volumes`) of input keys that the
  /// type did not model. Such fields are dropped, as the apiserver's field validation does in Warn mode.
  public func decodeReportingUnknownFields<T: Decodable>(
    _ type: T.Type, from json: JSON, ignoring rootKeys: Set<String> = []
  )
    throws -> (value: T, unknownFields: [[CodingKey]])
  {
    let tracker = FieldTracker()
    let value = try T(from: DecoderImpl(node: json, path: [], tracker: tracker))
    return (value, tracker.unknown(ignoringRootKeys: rootKeys))
  }
}

/// Remembers which keys of each object in the input were read.
final class FieldTracker {
  private var objects: [(path: [CodingKey], keys: [String])] = []
  private var read: Set<String> = []

  func saw(object keys: [String], at path: [CodingKey]) {
    objects.append((path, keys))
  }

  func read(_ key: String, at path: [CodingKey]) {
    read.insert(Self.id(path, key))
  }

  func unknown(ignoringRootKeys: Set<String>) -> [[CodingKey]] {
    var seen: Set<String> = []
    var result: [[CodingKey]] = []
    for (path, keys) in objects {
      for key in keys where !read.contains(Self.id(path, key)) {
        if path.isEmpty && ignoringRootKeys.contains(key) { continue }
        let id = Self.id(path, key)
        if seen.insert(id).inserted { result.append(path + [JSONKey(key)]) }
      }
    }
    return result
  }

  private static func id(_ path: [CodingKey], _ key: String) -> String {
    var s = ""
    for k in path {
      if let i = k.intValue { s += "[\(i)]" } else { s += "\u{1}" + k.stringValue }
    }
    return s + "\u{1}" + key
  }
}

/// A coding key for object keys and array indices met in a tree.
public struct JSONKey: CodingKey, Sendable {
  public var stringValue: String
  public var intValue: Int?
  public init(_ string: String) {
    stringValue = string
    intValue = nil
  }
  public init(index: Int) {
    stringValue = "[\(index)]"
    intValue = index
  }
  public init?(stringValue: String) { self.init(stringValue) }
  public init?(intValue: Int) { self.init(index: intValue) }
}

/// A decoding failure on one line, naming the field: `spec.replicas: expected an integer, got
/// string "x"` (not a DecodingError's Swift debug text).
public func decodingFailure(_ error: any Error) -> String {
  func at(_ path: [CodingKey], _ message: String) -> String {
    let field = fieldPath(path)
    return field.isEmpty ? message : "\(field): \(message)"
  }
  switch error as? DecodingError {
  case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
    return at(c.codingPath, c.debugDescription)
  case .keyNotFound(let key, let c): return at(c.codingPath + [key], "required")
  default: return "\(error)"
  }
}

/// Renders a coding path the way Kubernetes names fields: `spec.containers[0].image`.
public func fieldPath(_ path: [CodingKey]) -> String {
  var s = ""
  for k in path {
    if let i = k.intValue {
      s += "[\(i)]"
    } else {
      if !s.isEmpty { s += "." }
      s += k.stringValue
    }
  }
  return s
}

// MARK: - Decoder

struct DecoderImpl: Decoder {
  let node: JSON
  let codingPath: [CodingKey]
  let tracker: FieldTracker?
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  init(node: JSON, path: [CodingKey], tracker: FieldTracker?) {
    self.node = node
    self.codingPath = path
    self.tracker = tracker
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    switch node {
    case .null:
      return KeyedDecodingContainer(KeyedContainer<Key>(object: [:], decoder: self))
    case .object(let o):
      tracker?.saw(object: Array(o.keys), at: codingPath)
      return KeyedDecodingContainer(KeyedContainer<Key>(object: o, decoder: self))
    default:
      throw mismatch(expected: "an object", at: codingPath, found: node)
    }
  }

  func unkeyedContainer() throws -> UnkeyedDecodingContainer {
    switch node {
    case .null: return UnkeyedContainer(array: [], decoder: self)
    case .array(let a): return UnkeyedContainer(array: a, decoder: self)
    default: throw mismatch(expected: "a list", at: codingPath, found: node)
    }
  }

  func singleValueContainer() throws -> SingleValueDecodingContainer { SingleValueContainer(decoder: self) }

  func child(_ node: JSON, key: CodingKey) -> DecoderImpl {
    DecoderImpl(node: node, path: codingPath + [key], tracker: tracker)
  }

  func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
    if type == JSON.self { return node as! T }
    return try T(from: self)
  }
}

func mismatch(expected: String, at path: [CodingKey], found: JSON) -> DecodingError {
  let shown: String
  switch found {
  // Quoted as Go's %q: a multi-line string stays on the error's one line.
  case .string(let s): shown = "string " + GoFormat.quoted(s.count > 40 ? String(s.prefix(40)) + "…" : s)
  case .int(let i): shown = "number \(i)"
  case .double(let d): shown = "number \(d)"
  case .bool(let b): shown = "boolean \(b)"
  default: shown = found.typeName
  }
  return DecodingError.typeMismatch(
    Any.self, .init(codingPath: path, debugDescription: "expected \(expected), got \(shown)"))
}

struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let object: OrderedDictionaryStringJSON
  let decoder: DecoderImpl
  var codingPath: [CodingKey] { decoder.codingPath }
  var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

  init(object: OrderedDictionaryStringJSON, decoder: DecoderImpl) {
    self.object = object
    self.decoder = decoder
  }

  private func value(_ key: Key) -> JSON {
    decoder.tracker?.read(key.stringValue, at: decoder.codingPath)
    return object[key.stringValue] ?? .null
  }

  func contains(_ key: Key) -> Bool {
    decoder.tracker?.read(key.stringValue, at: decoder.codingPath)
    return object[key.stringValue] != nil
  }

  func decodeNil(forKey key: Key) throws -> Bool { value(key).isNull }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    try decoder.child(value(key), key: key).decodeValue(type)
  }

  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    try decoder.child(value(key), key: key).container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
    try decoder.child(value(key), key: key).unkeyedContainer()
  }

  func superDecoder() throws -> Decoder { decoder }
  func superDecoder(forKey key: Key) throws -> Decoder { decoder.child(value(key), key: key) }
}

struct UnkeyedContainer: UnkeyedDecodingContainer {
  let array: [JSON]
  let decoder: DecoderImpl
  var currentIndex = 0
  var codingPath: [CodingKey] { decoder.codingPath }
  var count: Int? { array.count }
  var isAtEnd: Bool { currentIndex >= array.count }

  init(array: [JSON], decoder: DecoderImpl) {
    self.array = array
    self.decoder = decoder
  }

  private mutating func next() throws -> DecoderImpl {
    guard !isAtEnd else {
      throw DecodingError.valueNotFound(
        Any.self, .init(codingPath: codingPath, debugDescription: "unexpected end of list"))
    }
    defer { currentIndex += 1 }
    return decoder.child(array[currentIndex], key: JSONKey(index: currentIndex))
  }

  mutating func decodeNil() throws -> Bool {
    guard !isAtEnd else { return true }
    if array[currentIndex].isNull {
      currentIndex += 1
      return true
    }
    return false
  }

  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeValue(type) }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
    -> KeyedDecodingContainer<NestedKey>
  { try next().container(keyedBy: type) }

  mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer { try next().unkeyedContainer() }
  mutating func superDecoder() throws -> Decoder { try next() }
}

struct SingleValueContainer: SingleValueDecodingContainer {
  let decoder: DecoderImpl
  var codingPath: [CodingKey] { decoder.codingPath }
  var node: JSON { decoder.node }

  func decodeNil() -> Bool { node.isNull }

  func decode(_ type: Bool.Type) throws -> Bool {
    switch node {
    case .null: return false
    case .bool(let b): return b
    default: throw mismatch(expected: "a boolean", at: codingPath, found: node)
    }
  }

  func decode(_ type: String.Type) throws -> String {
    switch node {
    case .null: return ""
    case .string(let s): return s
    default: throw mismatch(expected: "a string", at: codingPath, found: node)
    }
  }

  func decode(_ type: Double.Type) throws -> Double {
    switch node {
    case .null: return 0
    case .int(let i): return Double(i)
    case .double(let d): return d
    default: throw mismatch(expected: "a number", at: codingPath, found: node)
    }
  }

  func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

  private func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
    switch node {
    case .null:
      return 0
    case .int(let i):
      guard let v = I(exactly: i) else { throw mismatch(expected: "an integer in range", at: codingPath, found: node) }
      return v
    case .double(let d):
      guard d.rounded() == d, let v = I(exactly: d) else {
        throw mismatch(expected: "an integer", at: codingPath, found: node)
      }
      return v
    default:
      throw mismatch(expected: "an integer", at: codingPath, found: node)
    }
  }

  func decode(_ type: Int.Type) throws -> Int { try integer(type) }
  func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
  func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
  func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
  func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
  func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
  func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(type) }
}

extension JSON: Codable {
  /// Through `TreeDecoder` a `JSON` property receives the raw subtree; through other decoders
  /// it is rebuilt from the container.
  public init(from decoder: any Decoder) throws {
    if let d = decoder as? DecoderImpl {
      self = d.node
      return
    }
    if let c = try? decoder.container(keyedBy: JSONKey.self) {
      var o = OrderedDictionaryStringJSON()
      for k in c.allKeys { o[k.stringValue] = try c.decode(JSON.self, forKey: k) }
      self = .object(o)
    } else if var c = try? decoder.unkeyedContainer() {
      var a: [JSON] = []
      while !c.isAtEnd { a.append(try c.decode(JSON.self)) }
      self = .array(a)
    } else {
      let c = try decoder.singleValueContainer()
      if c.decodeNil() {
        self = .null
      } else if let b = try? c.decode(Bool.self) {
        self = .bool(b)
      } else if let i = try? c.decode(Int64.self) {
        self = .int(i)
      } else if let d = try? c.decode(Double.self) {
        self = .double(d)
      } else {
        self = .string(try c.decode(String.self))
      }
    }
  }

  public func encode(to encoder: any Encoder) throws {
    if let e = encoder as? EncoderImpl {
      e.node.set(self)
      return
    }
    switch self {
    case .null:
      var c = encoder.singleValueContainer()
      try c.encodeNil()
    case .bool(let b):
      var c = encoder.singleValueContainer()
      try c.encode(b)
    case .int(let i):
      var c = encoder.singleValueContainer()
      try c.encode(i)
    case .double(let d):
      var c = encoder.singleValueContainer()
      try c.encode(d)
    case .string(let s):
      var c = encoder.singleValueContainer()
      try c.encode(s)
    case .array(let a):
      var c = encoder.unkeyedContainer()
      for v in a { try c.encode(v) }
    case .object(let o):
      var c = encoder.container(keyedBy: JSONKey.self)
      for (k, v) in o { try c.encode(v, forKey: JSONKey(k)) }
    }
  }
}
