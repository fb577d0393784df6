// TEMPORARY: JSON's Codable conformance until the codec on `main` (which provides it) is merged.
// Delete this file when merging main.

extension JSON: Codable {
  private struct TempJSONKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  public init(from decoder: any Decoder) throws {
    if let c = try? decoder.container(keyedBy: TempJSONKey.self) {
      var o: [(String, JSON)] = []
      for k in c.allKeys { o.append((k.stringValue, try c.decode(JSON.self, forKey: k))) }
      self = .object(.init(uniqueKeysWithValues: o))
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
      var c = encoder.container(keyedBy: TempJSONKey.self)
      for (k, v) in o { try c.encode(v, forKey: TempJSONKey(k)) }
    }
  }
}
