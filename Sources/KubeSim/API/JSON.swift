// JSON: the generic tree every manifest, patch, body and printout passes through.
import Collections

/// A JSON value. Objects keep insertion order; printers sort keys as kubectl does.
public enum JSON: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSON])
  case object(OrderedDictionary<String, JSON>)

  public static let emptyObject = JSON.object([:])

  // MARK: - Access

  public subscript(key: String) -> JSON? {
    get {
      if case .object(let o) = self { return o[key] }
      return nil
    }
    set {
      guard case .object(var o) = self else { return }
      o[key] = newValue
      self = .object(o)
    }
  }

  public subscript(index: Int) -> JSON? {
    if case .array(let a) = self, a.indices.contains(index) { return a[index] }
    return nil
  }

  public var objectValue: OrderedDictionary<String, JSON>? {
    if case .object(let o) = self { return o }
    return nil
  }

  public var arrayValue: [JSON]? {
    if case .array(let a) = self { return a }
    return nil
  }

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  public var intValue: Int64? {
    switch self {
    case .int(let i): return i
    case .double(let d) where d.rounded() == d && abs(d) < 9.2e18: return Int64(d)
    default: return nil
    }
  }

  public var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  public var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  /// The name of this value's JSON type, for error messages ("expected string, got array").
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .int, .double: return "number"
    case .string: return "string"
    case .array: return "list"
    case .object: return "object"
    }
  }

  /// A copy with object keys sorted at every level (the order kubectl prints).
  public func sortedKeys() -> JSON { resorted() ?? self }

  /// The value with keys sorted at every level, or nil when they already are (then nothing is copied:
  /// what `TreeEncoder` produces is mostly sorted already).
  private func resorted() -> JSON? {
    switch self {
    case .object(var o):
      var changed = false
      for i in o.values.indices {
        if let v = o.values[i].resorted() {
          o.values[i] = v
          changed = true
        }
      }
      var inOrder = true
      var previous: String? = nil
      for key in o.keys {
        if let previous, !(previous < key) {
          inOrder = false
          break
        }
        previous = key
      }
      if inOrder { return changed ? .object(o) : nil }
      var sorted = OrderedDictionary<String, JSON>(minimumCapacity: o.count)
      for key in o.keys.sorted() { sorted[key] = o[key]! }
      return .object(sorted)
    case .array(var a):
      var changed = false
      for i in a.indices {
        if let v = a[i].resorted() {
          a[i] = v
          changed = true
        }
      }
      return changed ? .array(a) : nil
    default:
      return nil
    }
  }
}

extension JSON {
  /// Objects are equal whatever the order of their keys (as Go's maps are); arrays compare in order.
  public static func == (a: JSON, b: JSON) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.double(let x), .double(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.array(let x), .array(let y)): return x == y
    case (.object(let x), .object(let y)):
      guard x.count == y.count else { return false }
      for (k, v) in x {
        guard let w = y[k], w == v else { return false }
      }
      return true
    default: return false
    }
  }

  public func hash(into h: inout Hasher) {
    switch self {
    case .null: h.combine(0)
    case .bool(let b): h.combine(1); h.combine(b)
    case .int(let i): h.combine(2); h.combine(i)
    case .double(let d): h.combine(3); h.combine(d)
    case .string(let s): h.combine(4); h.combine(s)
    case .array(let a): h.combine(5); h.combine(a)
    case .object(let o):
      h.combine(6)
      for k in o.keys.sorted() {
        h.combine(k)
        h.combine(o[k]!)
      }
    }
  }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral,
  ExpressibleByFloatLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int64) { self = .int(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSON...) { self = .array(elements) }
  public init(floatLiteral value: Double) { self = .double(value) }
  public init(nilLiteral: ()) { self = .null }
  public init(dictionaryLiteral elements: (String, JSON)...) {
    var o = OrderedDictionary<String, JSON>()
    for (k, v) in elements { o[k] = v }
    self = .object(o)
  }
}
