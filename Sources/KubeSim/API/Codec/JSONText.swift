// JSONText: reading and writing JSON text (compact, and kubectl's indented `-o json`).

extension JSON {
  /// Compact JSON, keys in the tree's order: `{"a":1,"b":[true,null]}`.
  public var compactText: String {
    var out = ""
    JSONWriter(indent: nil, escapeHTML: false).write(self, into: &out, level: 0)
    return out
  }

  /// Indented like `kubectl get -o json`: four spaces, keys sorted, `<`, `>`, `&` escaped as Go does.
  public var kubectlText: String {
    var out = ""
    JSONWriter(indent: "    ", escapeHTML: true).write(sortedKeys(), into: &out, level: 0)
    return out
  }

  /// Indented with the given unit and keys as they are.
  public func indentedText(indent: String = "  ") -> String {
    var out = ""
    JSONWriter(indent: indent, escapeHTML: false).write(self, into: &out, level: 0)
    return out
  }

  /// Parses JSON text. Errors name the line and column.
  public static func parse(_ text: String) throws -> JSON {
    var text = text
    // Read in place from the string's UTF-8 storage (no copy of a long document).
    return try text.withUTF8 { bytes in
      var p = JSONParser(bytes)
      p.skipSpace()
      let v = try p.value(depth: 0)
      p.skipSpace()
      guard p.i == p.b.count else { throw p.error("unexpected text after the JSON value") }
      return v
    }
  }
}

public struct JSONParseError: Error, CustomStringConvertible, Sendable {
  public let line: Int
  public let column: Int
  public let message: String
  public var description: String { "line \(line), column \(column): \(message)" }
}

struct JSONWriter {
  let indent: String?
  let escapeHTML: Bool

  func write(_ v: JSON, into out: inout String, level: Int) {
    switch v {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .double(let d): out += formatDouble(d)
    case .string(let s): writeString(s, into: &out)
    case .array(let a):
      if a.isEmpty {
        out += "[]"
        return
      }
      out += "["
      for (n, item) in a.enumerated() {
        if n > 0 { out += "," }
        newline(&out, level + 1)
        write(item, into: &out, level: level + 1)
      }
      newline(&out, level)
      out += "]"
    case .object(let o):
      if o.isEmpty {
        out += "{}"
        return
      }
      out += "{"
      var first = true
      for (k, item) in o {
        if !first { out += "," }
        first = false
        newline(&out, level + 1)
        writeString(k, into: &out)
        out += indent == nil ? ":" : ": "
        write(item, into: &out, level: level + 1)
      }
      newline(&out, level)
      out += "}"
    }
  }

  private func newline(_ out: inout String, _ level: Int) {
    guard let indent else { return }
    out += "\n"
    for _ in 0..<level { out += indent }
  }

  func writeString(_ s: String, into out: inout String) {
    out += "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "<" where escapeHTML: out += "\\u003c"
      case ">" where escapeHTML: out += "\\u003e"
      case "&" where escapeHTML: out += "\\u0026"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default:
        if u.value < 0x20 {
          let hex = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    out += "\""
  }
}

/// Formats a double in the shortest form that reads back the same, integral values without a fraction.
func formatDouble(_ d: Double) -> String {
  if d.isNaN || d.isInfinite { return "null" }
  if d == d.rounded() && Swift.abs(d) < 1e18 { return String(Int64(d)) }
  return String(d)
}

struct JSONParser {
  /// The text's UTF-8 bytes, valid while `JSON.parse` runs.
  let b: UnsafeBufferPointer<UInt8>
  var i = 0
  init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

  func error(_ message: String) -> JSONParseError {
    var line = 1
    var col = 1
    for k in 0..<min(i, b.count) {
      if b[k] == 10 {
        line += 1
        col = 1
      } else if b[k] & 0xC0 != 0x80 {
        col += 1
      }
    }
    return JSONParseError(line: line, column: col, message: message)
  }

  mutating func skipSpace() {
    while i < b.count, b[i] == 32 || b[i] == 10 || b[i] == 13 || b[i] == 9 { i += 1 }
  }

  mutating func value(depth: Int) throws -> JSON {
    guard depth < 512 else { throw error("nesting too deep") }
    guard i < b.count else { throw error("unexpected end of input") }
    switch b[i] {
    case UInt8(ascii: "{"):
      i += 1
      var o = OrderedDictionaryStringJSON()
      skipSpace()
      if i < b.count, b[i] == UInt8(ascii: "}") {
        i += 1
        return .object(o)
      }
      while true {
        skipSpace()
        guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw error("expected a string key") }
        let k = try string()
        skipSpace()
        guard i < b.count, b[i] == UInt8(ascii: ":") else { throw error("expected ':' after an object key") }
        i += 1
        skipSpace()
        o[k] = try value(depth: depth + 1)
        skipSpace()
        guard i < b.count else { throw error("unexpected end of input in an object") }
        if b[i] == UInt8(ascii: ",") {
          i += 1
          continue
        }
        if b[i] == UInt8(ascii: "}") {
          i += 1
          return .object(o)
        }
        throw error("expected ',' or '}' in an object")
      }
    case UInt8(ascii: "["):
      i += 1
      var a: [JSON] = []
      skipSpace()
      if i < b.count, b[i] == UInt8(ascii: "]") {
        i += 1
        return .array(a)
      }
      while true {
        skipSpace()
        a.append(try value(depth: depth + 1))
        skipSpace()
        guard i < b.count else { throw error("unexpected end of input in a list") }
        if b[i] == UInt8(ascii: ",") {
          i += 1
          continue
        }
        if b[i] == UInt8(ascii: "]") {
          i += 1
          return .array(a)
        }
        throw error("expected ',' or ']' in a list")
      }
    case UInt8(ascii: "\""):
      return .string(try string())
    case UInt8(ascii: "t"):
      return try literal("true", .bool(true))
    case UInt8(ascii: "f"):
      return try literal("false", .bool(false))
    case UInt8(ascii: "n"):
      return try literal("null", .null)
    default:
      return try number()
    }
  }

  mutating func literal(_ word: StaticString, _ v: JSON) throws -> JSON {
    let n = word.utf8CodeUnitCount
    guard i + n <= b.count else { throw error("invalid literal") }
    let w = word.utf8Start
    for k in 0..<n where b[i + k] != w[k] { throw error("invalid literal") }
    i += n
    return v
  }

  mutating func number() throws -> JSON {
    let start = i
    if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
    var isInt = true
    while i < b.count {
      let c = b[i]
      if c >= 48 && c <= 57 {
        i += 1
      } else if c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") || c == UInt8(ascii: "+")
        || c == UInt8(ascii: "-")
      {
        isInt = false
        i += 1
      } else {
        break
      }
    }
    guard i > start else { throw error("unexpected character '\(Character(UnicodeScalar(b[i])))'") }
    let text = String(decoding: b[start..<i], as: UTF8.self)
    if isInt, let v = Int64(text) { return .int(v) }
    guard let d = Double(text) else { throw error("invalid number \(text)") }
    return .double(d)
  }

  mutating func string() throws -> String {
    i += 1
    // Most strings have no escapes: made straight from the bytes between the quotes.
    let start = i
    var end = i
    while end < b.count, b[end] != UInt8(ascii: "\""), b[end] != UInt8(ascii: "\\"), b[end] >= 0x20 { end += 1 }
    if end < b.count, b[end] == UInt8(ascii: "\"") {
      i = end + 1
      return String(decoding: b[start..<end], as: UTF8.self)
    }
    var bytes = Array(b[start..<end])
    i = end
    while true {
      guard i < b.count else { throw error("unterminated string") }
      let c = b[i]
      if c == UInt8(ascii: "\"") {
        i += 1
        break
      }
      if c == UInt8(ascii: "\\") {
        i += 1
        guard i < b.count else { throw error("unterminated string") }
        let e = b[i]
        i += 1
        switch e {
        case UInt8(ascii: "n"): bytes.append(10)
        case UInt8(ascii: "t"): bytes.append(9)
        case UInt8(ascii: "r"): bytes.append(13)
        case UInt8(ascii: "b"): bytes.append(8)
        case UInt8(ascii: "f"): bytes.append(12)
        case UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "\""): bytes.append(e)
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800..<0xDC00).contains(code), i + 1 < b.count, b[i] == UInt8(ascii: "\\"),
            b[i + 1] == UInt8(ascii: "u")
          {
            i += 2
            let low = try hex4()
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          let scalar = UnicodeScalar(code) ?? "\u{FFFD}"
          bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
        default: throw error("invalid escape \\\(Character(UnicodeScalar(e)))")
        }
        continue
      }
      if c < 0x20 { throw error("control character in string") }
      bytes.append(c)
      i += 1
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  mutating func hex4() throws -> UInt32 {
    guard i + 4 <= b.count else { throw error("bad \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = b[i]
      let d: UInt32
      switch c {
      case 48...57: d = UInt32(c - 48)
      case 65...70: d = UInt32(c - 55)
      case 97...102: d = UInt32(c - 87)
      default: throw error("bad \\u escape")
      }
      v = v * 16 + d
      i += 1
    }
    return v
  }
}
