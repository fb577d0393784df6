// TreeEncoder: encodes a typed object into a JSON tree with Kubernetes' omitempty conventions.
import Collections

/// Encodes `Encodable` values into a `JSON` tree, object keys sorted (as kubectl prints them).
///
/// Field conventions (see `KubeObject`): a non-optional empty `String`, array or dictionary is
/// left out (Go's `omitempty`); non-optional numbers, booleans and structs are always written;
/// an `Optional` is written whenever it is set. Dictionary entries are always written.
public struct TreeEncoder {
  public init() {}

  public func encode<T: Encodable>(_ value: T) throws -> JSON {
    let root = EncNode()
    try value.encode(to: EncoderImpl(node: root, path: nil, inDictionary: false))
    return root.json()
  }
}

/// A node of the tree being built; containers share it by reference.
final class EncNode {
  enum Content {
    case empty
    case value(JSON)
    case object([(String, EncNode)])
    case array([EncNode])
  }
  var content: Content = .empty

  func set(_ json: JSON) { content = .value(json) }

  func objectChild(_ key: String) -> EncNode {
    let child = EncNode()
    if case .object(var entries) = content {
      content = .empty  // `entries` is then the only reference: changed in place, not copied
      entries.removeAll { $0.0 == key }
      entries.append((key, child))
      content = .object(entries)
    } else {
      content = .object([(key, child)])
    }
    return child
  }

  func makeObject() {
    if case .object = content { return }
    content = .object([])
  }

  func makeArray() {
    if case .array = content { return }
    content = .array([])
  }

  func appendChild() -> EncNode {
    let child = EncNode()
    if case .array(var items) = content {
      content = .empty
      items.append(child)
      content = .array(items)
    } else {
      content = .array([child])
    }
    return child
  }

  func removeChild(_ key: String) {
    if case .object(var entries) = content {
      content = .empty
      entries.removeAll { $0.0 == key }
      content = .object(entries)
    }
  }

  func json() -> JSON {
    switch content {
    case .empty: return .object([:])
    case .value(let v): return v
    case .array(let items): return .array(items.map { $0.json() })
    case .object(let entries):
      var o = OrderedDictionary<String, JSON>(minimumCapacity: entries.count)
      for (k, n) in entries.sorted(by: { $0.0 < $1.0 }) { o[k] = n.json() }
      return .object(o)
    }
  }
}

/// Marks `[String: V]` so its entries are written even when empty (a label `a: ""`).
protocol EncodedAsDictionary {}
extension Dictionary: EncodedAsDictionary {}

/// Where an encoder is: its parent's path and its own key, made into `codingPath` only when asked (nothing
/// asks while encoding succeeds, so fields do not each pay for an array of keys).
final class EncPath {
  let parent: EncPath?
  let key: CodingKey

  init(_ parent: EncPath?, _ key: CodingKey) {
    self.parent = parent
    self.key = key
  }

  static func keys(_ path: EncPath?) -> [CodingKey] {
    var keys: [CodingKey] = []
    var p = path
    while let n = p {
      keys.append(n.key)
      p = n.parent
    }
    return keys.reversed()
  }
}

struct EncoderImpl: Encoder {
  let node: EncNode
  let path: EncPath?
  let inDictionary: Bool
  var codingPath: [CodingKey] { EncPath.keys(path) }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  init(node: EncNode, path: EncPath?, inDictionary: Bool) {
    self.node = node
    self.path = path
    self.inDictionary = inDictionary
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    node.makeObject()
    return KeyedEncodingContainer(KeyedEncoder<Key>(encoder: self))
  }

  func unkeyedContainer() -> UnkeyedEncodingContainer {
    node.makeArray()
    return UnkeyedEncoder(encoder: self)
  }

  func singleValueContainer() -> SingleValueEncodingContainer { SingleEncoder(encoder: self) }

  /// Encodes `value` into `target`, short-cutting the scalar and JSON cases. `path` is only made for
  /// values that encode themselves.
  static func encode<T: Encodable>(_ value: T, into target: EncNode, path: @autoclosure () -> EncPath?) throws {
    // The common exact types first, by type (cheaper than a cast); the casts below also unwrap.
    if T.self == String.self { return target.set(.string(unsafeBitCast(value, to: String.self))) }
    if T.self == Bool.self { return target.set(.bool(unsafeBitCast(value, to: Bool.self))) }
    if T.self == Int.self { return target.set(.int(Int64(unsafeBitCast(value, to: Int.self)))) }
    if T.self == Int64.self { return target.set(.int(unsafeBitCast(value, to: Int64.self))) }
    switch value {
    case let j as JSON: target.set(j)
    case let s as String: target.set(.string(s))
    case let b as Bool: target.set(.bool(b))
    case let i as Int: target.set(.int(Int64(i)))
    case let i as Int32: target.set(.int(Int64(i)))
    case let i as Int64: target.set(.int(i))
    case let d as Double: target.set(.double(d))
    default:
      try value.encode(to: EncoderImpl(node: target, path: path(), inDictionary: value is EncodedAsDictionary))
    }
  }
}

/// True for the values `omitempty` leaves out: empty strings and empty collections.
func isOmittedWhenEmpty<T>(_ value: T) -> Bool {
  if T.self == String.self { return unsafeBitCast(value, to: String.self).isEmpty }
  if let s = value as? String { return s.isEmpty }
  if let j = value as? JSON {
    switch j {
    case .null: return true
    case .string(let s): return s.isEmpty
    case .array(let a): return a.isEmpty
    case .object(let o): return o.isEmpty
    default: return false
    }
  }
  if let c = value as? any Collection { return c.isEmpty }
  return false
}

struct KeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let encoder: EncoderImpl
  var codingPath: [CodingKey] { encoder.codingPath }

  private func put<T: Encodable>(_ value: T, _ key: Key, omitEmpty: Bool) throws {
    if omitEmpty && !encoder.inDictionary && isOmittedWhenEmpty(value) { return }
    let child = encoder.node.objectChild(key.stringValue)
    try EncoderImpl.encode(value, into: child, path: EncPath(encoder.path, key))
  }

  mutating func encodeNil(forKey key: Key) throws { encoder.node.objectChild(key.stringValue).set(.null) }
  mutating func encode(_ value: Bool, forKey key: Key) throws { try put(value, key, omitEmpty: false) }
  mutating func encode(_ value: String, forKey key: Key) throws { try put(value, key, omitEmpty: true) }
  mutating func encode(_ value: Double, forKey key: Key) throws { try put(value, key, omitEmpty: false) }
  mutating func encode(_ value: Float, forKey key: Key) throws { try put(Double(value), key, omitEmpty: false) }
  mutating func encode(_ value: Int, forKey key: Key) throws { try put(value, key, omitEmpty: false) }
  mutating func encode(_ value: Int8, forKey key: Key) throws { try put(Int(value), key, omitEmpty: false) }
  mutating func encode(_ value: Int16, forKey key: Key) throws { try put(Int(value), key, omitEmpty: false) }
  mutating func encode(_ value: Int32, forKey key: Key) throws { try put(value, key, omitEmpty: false) }
  mutating func encode(_ value: Int64, forKey key: Key) throws { try put(value, key, omitEmpty: false) }
  mutating func encode(_ value: UInt, forKey key: Key) throws { try put(Int64(value), key, omitEmpty: false) }
  mutating func encode(_ value: UInt8, forKey key: Key) throws { try put(Int(value), key, omitEmpty: false) }
  mutating func encode(_ value: UInt16, forKey key: Key) throws { try put(Int(value), key, omitEmpty: false) }
  mutating func encode(_ value: UInt32, forKey key: Key) throws { try put(Int64(value), key, omitEmpty: false) }
  mutating func encode(_ value: UInt64, forKey key: Key) throws { try put(Int64(value), key, omitEmpty: false) }
  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try put(value, key, omitEmpty: true) }

  // Optionals are written whenever they are set, even when empty.
  mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
    if let value { try put(value, key, omitEmpty: false) }
  }
  mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
    if let value { try put(value, key, omitEmpty: false) }
  }
  mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
    if let value { try put(value, key, omitEmpty: false) }
  }
  mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws {
    if let value { try put(Double(value), key, omitEmpty: false) }
  }
  mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
    if let value { try put(value, key, omitEmpty: false) }
  }
  mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws {
    if let value { try put(Int(value), key, omitEmpty: false) }
  }
  mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws {
    if let value { try put(Int(value), key, omitEmpty: false) }
  }
  mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
    if let value { try put(value, key, omitEmpty: false) }
  }
  mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
    if let value { try put(value, key, omitEmpty: false) }
  }
  mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws {
    if let value { try put(Int64(value), key, omitEmpty: false) }
  }
  mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws {
    if let value { try put(Int(value), key, omitEmpty: false) }
  }
  mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws {
    if let value { try put(Int(value), key, omitEmpty: false) }
  }
  mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws {
    if let value { try put(Int64(value), key, omitEmpty: false) }
  }
  mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws {
    if let value { try put(Int64(value), key, omitEmpty: false) }
  }
  mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
    if let value {
      if let j = value as? JSON, j.isNull { return }
      try put(value, key, omitEmpty: false)
    }
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
    -> KeyedEncodingContainer<NestedKey>
  {
    let child = encoder.node.objectChild(key.stringValue)
    return EncoderImpl(node: child, path: EncPath(encoder.path, key), inDictionary: false).container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
    let child = encoder.node.objectChild(key.stringValue)
    return EncoderImpl(node: child, path: EncPath(encoder.path, key), inDictionary: false).unkeyedContainer()
  }

  mutating func superEncoder() -> Encoder { encoder }
  mutating func superEncoder(forKey key: Key) -> Encoder {
    EncoderImpl(node: encoder.node.objectChild(key.stringValue), path: EncPath(encoder.path, key), inDictionary: false)
  }
}

struct UnkeyedEncoder: UnkeyedEncodingContainer {
  let encoder: EncoderImpl
  var codingPath: [CodingKey] { encoder.codingPath }
  var count: Int {
    if case .array(let items) = encoder.node.content { return items.count }
    return 0
  }

  private func path() -> EncPath { EncPath(encoder.path, JSONKey(index: count)) }

  mutating func encodeNil() throws { encoder.node.appendChild().set(.null) }
  mutating func encode<T: Encodable>(_ value: T) throws {
    let (parent, index) = (encoder.path, count)
    try EncoderImpl.encode(value, into: encoder.node.appendChild(), path: EncPath(parent, JSONKey(index: index)))
  }
  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let p = path()
    return EncoderImpl(node: encoder.node.appendChild(), path: p, inDictionary: false).container(keyedBy: keyType)
  }
  mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
    let p = path()
    return EncoderImpl(node: encoder.node.appendChild(), path: p, inDictionary: false).unkeyedContainer()
  }
  mutating func superEncoder() -> Encoder {
    let p = path()
    return EncoderImpl(node: encoder.node.appendChild(), path: p, inDictionary: false)
  }
}

struct SingleEncoder: SingleValueEncodingContainer {
  let encoder: EncoderImpl
  var codingPath: [CodingKey] { encoder.codingPath }

  mutating func encodeNil() throws { encoder.node.set(.null) }
  mutating func encode(_ value: Bool) throws { encoder.node.set(.bool(value)) }
  mutating func encode(_ value: String) throws { encoder.node.set(.string(value)) }
  mutating func encode(_ value: Double) throws { encoder.node.set(.double(value)) }
  mutating func encode(_ value: Float) throws { encoder.node.set(.double(Double(value))) }
  mutating func encode(_ value: Int) throws { encoder.node.set(.int(Int64(value))) }
  mutating func encode(_ value: Int8) throws { encoder.node.set(.int(Int64(value))) }
  mutating func encode(_ value: Int16) throws { encoder.node.set(.int(Int64(value))) }
  mutating func encode(_ value: Int32) throws { encoder.node.set(.int(Int64(value))) }
  mutating func encode(_ value: Int64) throws { encoder.node.set(.int(value)) }
  mutating func encode(_ value: UInt) throws { encoder.node.set(.int(Int64(value))) }
  mutating func encode(_ value: UInt8) throws { encoder.node.set(.int(Int64(value))) }
  mutating func encode(_ value: UInt16) throws { encoder.node.set(.int(Int64(value))) }
  mutating func encode(_ value: UInt32) throws { encoder.node.set(.int(Int64(value))) }
  mutating func encode(_ value: UInt64) throws { encoder.node.set(.int(Int64(value))) }
  mutating func encode<T: Encodable>(_ value: T) throws {
    try EncoderImpl.encode(value, into: encoder.node, path: encoder.path)
  }
}
