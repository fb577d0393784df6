// YAMLWriter: prints a JSON tree as `kubectl get -o yaml` does (sigs.k8s.io/yaml over go-yaml v2):
// sorted keys, two-space indent, sequences not indented under their key, go-yaml's quoting
// rules and its folding of long plain and single-quoted strings at 80 columns.

extension JSON {
  /// The tree as kubectl prints YAML (keys sorted).
  public var yamlText: String { YAMLWriter().document(sortedKeys()) }
}

struct YAMLWriter {
  /// go-yaml's best_width.
  let width = 80

  func document(_ v: JSON) -> String {
    var out = ""
    switch v {
    case .object(let o) where !o.isEmpty:
      mapping(o, indent: 0, into: &out)
    case .array(let a) where !a.isEmpty:
      sequence(a, indent: 0, into: &out)
    default:
      out += inline(v, indent: 0, column: 0) + "\n"
    }
    return out
  }

  private func mapping(_ o: OrderedDictionaryStringJSON, indent: Int, into out: inout String) {
    let pad = String(repeating: " ", count: indent)
    for (k, v) in o {
      let key = keyText(k)
      out += pad + key + ":"
      appendValue(v, indent: indent, keyColumn: indent + key.count + 1, into: &out)
    }
  }

  /// Writes what follows `key:` or `- `: a nested block on the next lines, or an inline value.
  private func appendValue(_ v: JSON, indent: Int, keyColumn: Int, into out: inout String) {
    switch v {
    case .object(let o) where !o.isEmpty:
      out += "\n"
      mapping(o, indent: indent + 2, into: &out)
    case .array(let a) where !a.isEmpty:
      out += "\n"
      sequence(a, indent: indent, into: &out)
    case .string(let s) where s.contains("\n") && literalAllowed(s):
      out += " " + literal(s, indent: indent + 2)
    default:
      out += " " + inline(v, indent: indent + 2, column: keyColumn + 1) + "\n"
    }
  }

  private func sequence(_ a: [JSON], indent: Int, into out: inout String) {
    let pad = String(repeating: " ", count: indent)
    for item in a {
      switch item {
      case .object(let o) where !o.isEmpty:
        // The first key shares the line with "- "; the rest align under it.
        var first = true
        for (k, v) in o {
          let key = keyText(k)
          out += (first ? pad + "- " : pad + "  ") + key + ":"
          appendValue(v, indent: indent + 2, keyColumn: indent + 2 + key.count + 1, into: &out)
          first = false
        }
      case .array(let inner) where !inner.isEmpty:
        out += pad + "-"
        var nested = ""
        sequence(inner, indent: indent + 2, into: &nested)
        // go-yaml puts the first nested item on the same line: "- - a".
        out += " " + nested.dropFirst(indent + 2)
      case .string(let s) where s.contains("\n") && literalAllowed(s):
        out += pad + "- " + literal(s, indent: indent + 2)
      default:
        out += pad + "- " + inline(item, indent: indent + 2, column: indent + 2) + "\n"
      }
    }
  }

  private func inline(_ v: JSON, indent: Int, column: Int) -> String {
    switch v {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .double(let d): return yamlDouble(d)
    case .string(let s): return scalar(s, indent: indent, column: column, allowBreaks: true)
    case .array: return "[]"
    case .object: return "{}"
    }
  }

  private func keyText(_ k: String) -> String { scalar(k, indent: 0, column: 0, allowBreaks: false) }

  private func yamlDouble(_ d: Double) -> String {
    if d.isNaN { return ".NaN" }
    if d.isInfinite { return d > 0 ? ".Inf" : "-.Inf" }
    if d == d.rounded() && abs(d) < 1e18 { return String(Int64(d)) }
    return String(d)
  }

  // MARK: - Scalar styles

  private func scalar(_ s: String, indent: Int, column: Int, allowBreaks: Bool) -> String {
    if s.contains("\n") || needsDoubleQuotes(s) || YAMLResolve.isNonString(s) { return doubleQuoted(s) }
    if plainAllowed(s) { return allowBreaks ? fold(s, indent: indent, column: column) : s }
    let quoted = "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
    return allowBreaks ? fold(quoted, indent: indent, column: column) : quoted
  }

  /// Breaks at single spaces once the line is past `width`, as go-yaml's emitter does.
  private func fold(_ s: String, indent: Int, column: Int) -> String {
    guard column + s.count > width, s.contains(" ") else { return s }
    var out = ""
    var col = column
    let chars = Array(s)
    var previousWasSpace = false
    for (i, c) in chars.enumerated() {
      if c == " " && !previousWasSpace && col > width && i + 1 < chars.count && chars[i + 1] != " " && i > 0 {
        out += "\n" + String(repeating: " ", count: indent)
        col = indent
        previousWasSpace = true
        continue
      }
      out.append(c)
      col += 1
      previousWasSpace = c == " "
    }
    return out
  }

  private func needsDoubleQuotes(_ s: String) -> Bool {
    for u in s.unicodeScalars {
      if u.value < 0x20 && u != "\t" { return true }
      if u.value == 0x7F || (0x80...0x9F).contains(u.value) || u == "\u{FEFF}" { return true }
    }
    return false
  }

  private func plainAllowed(_ s: String) -> Bool {
    guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
    if first == " " || last == " " || first == "\t" || last == "\t" { return false }
    let scalars = Array(s.unicodeScalars)
    if "#,[]{}&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
    if first == "-" || first == "?" || first == ":" {
      if scalars.count == 1 || scalars[1] == " " || scalars[1] == "\t" { return false }
    }
    if s.hasPrefix("---") || s.hasPrefix("...") { return false }
    for (i, c) in scalars.enumerated() {
      if c == ":" && (i + 1 == scalars.count || scalars[i + 1] == " " || scalars[i + 1] == "\t") { return false }
      if c == "#" && i > 0 && (scalars[i - 1] == " " || scalars[i - 1] == "\t") { return false }
      if c == "\t" { return false }
    }
    return true
  }

  private func literalAllowed(_ s: String) -> Bool {
    if needsDoubleQuotes(s.replacingOccurrences(of: "\n", with: "")) { return false }
    // go-yaml refuses block style when a line ends in a space before a break.
    return !s.contains(" \n") && !s.contains("\t\n")
  }

  private func literal(_ s: String, indent: Int) -> String {
    var header = "|"
    if s.first == " " { header += "2" }
    if !s.hasSuffix("\n") {
      header += "-"
    } else if s.hasSuffix("\n\n") {
      header += "+"
    }
    let pad = String(repeating: " ", count: indent)
    var body = s
    if body.hasSuffix("\n") { body.removeLast() }
    var out = header + "\n"
    for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
      out += line.isEmpty ? "\n" : pad + line + "\n"
    }
    return out
  }

  private func doubleQuoted(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      case "\u{0}": out += "\\0"
      default:
        if u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value) || u == "\u{FEFF}" {
          let hex = String(u.value, radix: 16, uppercase: true)
          out += u.value <= 0xFF ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex : "\\u" + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }
}

/// go-yaml v2's implicit resolution: which plain strings would read back as something else.
enum YAMLResolve {
  static func isNonString(_ s: String) -> Bool {
    if s.isEmpty { return true }
    switch s {
    case "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True",
      "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", ".inf", ".Inf", ".INF", "+.inf",
      "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN", "<<":
      return true
    default: break
    }
    guard let f = s.unicodeScalars.first else { return false }
    // Only strings starting like a number or a date can resolve to one.
    guard "+-.0123456789".unicodeScalars.contains(f) else { return false }
    if YAMLReader.parseInt(s) != nil && isIntSyntax(s) { return true }
    if isFloatSyntax(s) { return true }
    if isBase60(s) { return true }
    if Time.parse(s) != nil || isDate(s) { return true }
    return false
  }

  private static func isIntSyntax(_ s: String) -> Bool {
    let t = s.hasPrefix("-") || s.hasPrefix("+") ? String(s.dropFirst()) : s
    if t.isEmpty { return false }
    if t.hasPrefix("0x") { return t.count > 2 && t.dropFirst(2).allSatisfy { $0.isHexDigit || $0 == "_" } }
    if t.hasPrefix("0b") { return t.count > 2 && t.dropFirst(2).allSatisfy { $0 == "0" || $0 == "1" || $0 == "_" } }
    return t.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "_") }
  }

  private static func isFloatSyntax(_ s: String) -> Bool {
    // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    var c = Array(s.unicodeScalars)[...]
    if let f = c.first, f == "-" || f == "+" { c = c.dropFirst() }
    var digits = 0
    while let f = c.first, ("0"..."9").contains(f) || f == "_" {
      digits += 1
      c = c.dropFirst()
    }
    var frac = 0
    if c.first == "." {
      c = c.dropFirst()
      while let f = c.first, ("0"..."9").contains(f) || f == "_" {
        frac += 1
        c = c.dropFirst()
      }
    }
    if digits == 0 && frac == 0 { return false }
    if let f = c.first, f == "e" || f == "E" {
      c = c.dropFirst()
      if let g = c.first, g == "-" || g == "+" { c = c.dropFirst() }
      var exp = 0
      while let f = c.first, ("0"..."9").contains(f) {
        exp += 1
        c = c.dropFirst()
      }
      if exp == 0 { return false }
    }
    return c.isEmpty
  }

  private static func isBase60(_ s: String) -> Bool {
    // [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
    guard s.contains(":") else { return false }
    var t = Substring(s)
    if t.hasPrefix("-") || t.hasPrefix("+") { t = t.dropFirst() }
    let parts = t.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count >= 2, let head = parts.first, let h = head.first, h.isNumber,
      head.allSatisfy({ $0.isNumber || $0 == "_" })
    else { return false }
    for (i, p) in parts.dropFirst().enumerated() {
      var part = p
      if i == parts.count - 2, let dot = part.firstIndex(of: ".") {
        guard part[part.index(after: dot)...].allSatisfy({ $0.isNumber || $0 == "_" }) else { return false }
        part = part[..<dot]
      }
      guard (1...2).contains(part.count), part.allSatisfy({ $0.isNumber }), let v = Int(part), v < 60 else {
        return false
      }
    }
    return true
  }

  private static func isDate(_ s: String) -> Bool {
    let b = Array(s.utf8)
    guard b.count == 10, b[4] == 45, b[7] == 45 else { return false }
    return [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { b[$0] >= 48 && b[$0] <= 57 }
  }
}
