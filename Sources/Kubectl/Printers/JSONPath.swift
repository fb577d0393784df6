// JSONPath: client-go's jsonpath templates as `kubectl get -o jsonpath=…` evaluates them:
// `{.items[*].metadata.name}`, `{range .items[*]}{.metadata.name}{"\n"}{end}`,
// `{.status.conditions[?(@.type=="Ready")].status}`, `{..image}`, `[0]`, `[-1]`, `[1:3]`, `['a.b']`.
import KubeSim

struct JSONPathError: Error, CustomStringConvertible {
  let description: String
}

/// A parsed JSONPath template.
struct JSONPath {
  indirect enum Node {
    case text(String)
    case path([Segment])
    case range([Segment], [Node])
  }

  enum Segment: Equatable {
    case field(String)
    case recursive(String)
    case wildcard
    case index(Int)
    case slice(Int?, Int?, Int?)
    case union([Segment])
    case filter(Filter)
    case root
    case current
  }

  struct Filter: Equatable {
    let left: [Segment]
    let op: String
    let right: Operand?
  }

  enum Operand: Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case path([Segment])
  }

  let nodes: [Node]
  /// kubectl's `--allow-missing-template-keys` (true by default).
  var allowMissingKeys = true

  init(_ template: String) throws {
    var p = TemplateParser(Array(template))
    nodes = try p.parseNodes(untilEnd: false)
  }

  /// Executes the template against `root`.
  func execute(_ root: JSON) throws -> String {
    var out = ""
    try run(nodes, root: root, current: root, into: &out)
    return out
  }

  private func run(_ nodes: [Node], root: JSON, current: JSON, into out: inout String) throws {
    for n in nodes {
      switch n {
      case .text(let t): out += t
      case .path(let segs):
        let values = try evaluate(segs, root: root, current: current)
        out += values.map(Self.text).joined(separator: " ")
      case .range(let segs, let body):
        let values = try evaluate(segs, root: root, current: current)
        var items: [JSON] = []
        for v in values {
          if case .array(let a) = v, segs.last.map(Self.yieldsArrayItself) == true {
            items += a
          } else {
            items.append(v)
          }
        }
        for item in items { try run(body, root: root, current: item, into: &out) }
      }
    }
  }

  /// `{range .items}` ranges over the array's items; `{range .items[*]}` over the items already.
  private static func yieldsArrayItself(_ s: Segment) -> Bool {
    switch s {
    case .field, .recursive, .index, .root, .current: return true
    default: return false
    }
  }

  /// How a result prints: strings bare, numbers and booleans as Go prints them, the rest as JSON.
  static func text(_ v: JSON) -> String {
    switch v {
    case .string(let s): return s
    case .int(let i): return String(i)
    case .double(let d): return d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    case .bool(let b): return b ? "true" : "false"
    case .null: return "<nil>"
    case .array, .object: return v.sortedKeys().compactText
    }
  }

  func evaluate(_ segs: [Segment], root: JSON, current: JSON) throws -> [JSON] {
    var values: [JSON] = [current]
    for (i, s) in segs.enumerated() {
      var next: [JSON] = []
      for v in values {
        next += try apply(s, to: v, root: root, isLast: i == segs.count - 1)
      }
      values = next
    }
    return values
  }

  private func apply(_ s: Segment, to v: JSON, root: JSON, isLast: Bool) throws -> [JSON] {
    switch s {
    case .root: return [root]
    case .current: return [v]
    case .field(let name):
      if let child = v[name] { return [child] }
      if !allowMissingKeys { throw JSONPathError(description: "\(name) is not found") }
      return []
    case .recursive(let name):
      var out: [JSON] = []
      func walk(_ x: JSON) {
        switch x {
        case .object(let o):
          if name == "*" {
            out += o.values
          } else if let c = o[name] {
            out.append(c)
          }
          for (_, c) in o { walk(c) }
        case .array(let a):
          for c in a { walk(c) }
        default: break
        }
      }
      walk(v)
      return out
    case .wildcard:
      switch v {
      case .object(let o): return o.keys.sorted().map { o[$0]! }
      case .array(let a): return a
      default: return []
      }
    case .index(let i):
      guard case .array(let a) = v else { return [] }
      let idx = i < 0 ? a.count + i : i
      guard a.indices.contains(idx) else {
        if allowMissingKeys { return [] }
        throw JSONPathError(description: "array index out of bounds: index \(i), length \(a.count)")
      }
      return [a[idx]]
    case .slice(let start, let end, let step):
      guard case .array(let a) = v else { return [] }
      let n = a.count
      func clamp(_ x: Int) -> Int { x < 0 ? max(0, n + x) : min(n, x) }
      let s0 = clamp(start ?? 0)
      let e0 = clamp(end ?? n)
      let st = max(1, step ?? 1)
      guard s0 < e0 else { return [] }
      return stride(from: s0, to: e0, by: st).map { a[$0] }
    case .union(let parts):
      return try parts.flatMap { try apply($0, to: v, root: root, isLast: isLast) }
    case .filter(let f):
      let items: [JSON]
      switch v {
      case .array(let a): items = a
      default: items = [v]
      }
      return try items.filter { try matches(f, $0, root: root) }
    }
  }

  private func matches(_ f: Filter, _ item: JSON, root: JSON) throws -> Bool {
    let lefts = try evaluate(f.left, root: root, current: item)
    guard let right = f.right else { return !lefts.isEmpty && lefts.contains { !$0.isNull } }
    let rights: [JSON]
    switch right {
    case .string(let s): rights = [.string(s)]
    case .number(let d): rights = [.double(d)]
    case .bool(let b): rights = [.bool(b)]
    case .path(let p): rights = try evaluate(p, root: root, current: item)
    }
    for l in lefts {
      for r in rights where compare(l, f.op, r) { return true }
    }
    return false
  }

  private func compare(_ l: JSON, _ op: String, _ r: JSON) -> Bool {
    func num(_ j: JSON) -> Double? {
      switch j {
      case .int(let i): return Double(i)
      case .double(let d): return d
      default: return nil
      }
    }
    if let a = num(l), let b = num(r) {
      switch op {
      case "==": return a == b
      case "!=": return a != b
      case "<": return a < b
      case ">": return a > b
      case "<=": return a <= b
      case ">=": return a >= b
      default: return false
      }
    }
    let a = Self.text(l)
    let b = Self.text(r)
    switch op {
    case "==": return a == b
    case "!=": return a != b
    case "<": return a < b
    case ">": return a > b
    case "<=": return a <= b
    case ">=": return a >= b
    default: return false
    }
  }
}

/// Splits a template into text and `{…}` actions, then actions into path segments.
private struct TemplateParser {
  let c: [Character]
  var i = 0

  init(_ chars: [Character]) { c = chars }

  mutating func parseNodes(untilEnd: Bool) throws -> [JSONPath.Node] {
    var nodes: [JSONPath.Node] = []
    var text = ""
    while i < c.count {
      if c[i] == "{" {
        if !text.isEmpty {
          nodes.append(.text(text))
          text = ""
        }
        i += 1
        guard let close = findClose() else {
          throw JSONPathError(description: "unclosed action")
        }
        let action = String(c[i..<close]).trimmingCharacters(in: " ")
        i = close + 1
        if action == "end" {
          if untilEnd { return nodes }
          throw JSONPathError(description: "not in range, nothing to end")
        }
        if action.hasPrefix("range ") || action.hasPrefix("range\t") {
          let expr = String(action.dropFirst(6)).trimmingCharacters(in: " ")
          let segs = try parseActionPath(expr)
          let body = try parseNodes(untilEnd: true)
          nodes.append(.range(segs, body))
          continue
        }
        nodes.append(contentsOf: try parseAction(action))
      } else {
        text.append(c[i])
        i += 1
      }
    }
    if untilEnd { throw JSONPathError(description: "unclosed range") }
    if !text.isEmpty { nodes.append(.text(text)) }
    return nodes
  }

  /// The matching `}` (strings and brackets may contain braces).
  private func findClose() -> Int? {
    var j = i
    var quote: Character? = nil
    var depth = 0
    while j < c.count {
      let ch = c[j]
      if let q = quote {
        if ch == "\\" {
          j += 2
          continue
        }
        if ch == q { quote = nil }
      } else if ch == "\"" || ch == "'" {
        quote = ch
      } else if ch == "[" {
        depth += 1
      } else if ch == "]" {
        depth -= 1
      } else if ch == "}" && depth <= 0 {
        return j
      }
      j += 1
    }
    return nil
  }

  /// An action: one or more string literals and paths (`{"\n"}`, `{.a} {.b}` is two actions).
  private func parseAction(_ action: String) throws -> [JSONPath.Node] {
    let a = Array(action)
    if let first = a.first, first == "\"" || first == "'" {
      guard a.count >= 2, a.last == first else { throw JSONPathError(description: "unterminated string") }
      return [.text(Self.unescape(String(a[1..<(a.count - 1)])))]
    }
    return [.path(try parseActionPath(action))]
  }

  static func unescape(_ s: String) -> String {
    var out = ""
    var it = s.makeIterator()
    while let ch = it.next() {
      guard ch == "\\" else {
        out.append(ch)
        continue
      }
      switch it.next() {
      case "n": out += "\n"
      case "t": out += "\t"
      case "r": out += "\r"
      case "\"": out += "\""
      case "'": out += "'"
      case "\\": out += "\\"
      case let other?: out += "\\" + String(other)
      case nil: out += "\\"
      }
    }
    return out
  }

  func parseActionPath(_ expr: String) throws -> [JSONPath.Segment] {
    var p = PathParser(Array(expr))
    return try p.parse()
  }
}

/// Parses `.a.b[0]['c.d'][?(@.x=="y")]..name` into segments.
struct PathParser {
  let c: [Character]
  var i = 0

  init(_ chars: [Character]) { c = chars }

  mutating func parse() throws -> [JSONPath.Segment] {
    var segs: [JSONPath.Segment] = []
    while i < c.count {
      let ch = c[i]
      if ch == "$" {
        segs.append(.root)
        i += 1
      } else if ch == "@" {
        segs.append(.current)
        i += 1
      } else if ch == "." {
        if i + 1 < c.count && c[i + 1] == "." {
          i += 2
          let name = readName()
          segs.append(.recursive(name.isEmpty ? "*" : name))
          continue
        }
        i += 1
        if i < c.count && c[i] == "*" {
          i += 1
          segs.append(.wildcard)
          continue
        }
        let name = readName()
        if !name.isEmpty { segs.append(.field(name)) }
      } else if ch == "[" {
        segs.append(try readBracket())
      } else if ch == " " {
        i += 1
      } else if ch.isLetter || ch == "_" {
        segs.append(.field(readName()))
      } else {
        throw JSONPathError(
          description:
            "unrecognized character in action: U+\(String(ch.unicodeScalars.first!.value, radix: 16, uppercase: true).leftPadded(4)) '\(ch)'"
        )
      }
    }
    return segs
  }

  private mutating func readName() -> String {
    var name = ""
    while i < c.count {
      let ch = c[i]
      if ch == "\\" && i + 1 < c.count {
        name.append(c[i + 1])
        i += 2
        continue
      }
      if ch == "." || ch == "[" || ch == " " || ch == "}" || ch == ")" || ch == "=" || ch == "!" || ch == "<"
        || ch == ">"
      {
        break
      }
      name.append(ch)
      i += 1
    }
    return name
  }

  private mutating func readBracket() throws -> JSONPath.Segment {
    // c[i] == "["
    var depth = 0
    var j = i
    var quote: Character? = nil
    while j < c.count {
      let ch = c[j]
      if let q = quote {
        if ch == q { quote = nil }
      } else if ch == "'" || ch == "\"" {
        quote = ch
      } else if ch == "[" {
        depth += 1
      } else if ch == "]" {
        depth -= 1
        if depth == 0 { break }
      }
      j += 1
    }
    guard j < c.count else { throw JSONPathError(description: "unterminated array") }
    let inner = String(c[(i + 1)..<j]).trimmingCharacters(in: " ")
    i = j + 1
    if inner == "*" { return .wildcard }
    if inner.hasPrefix("?") {
      var f = inner.dropFirst().trimmingCharacters(in: " ")
      if f.hasPrefix("(") && f.hasSuffix(")") { f = String(f.dropFirst().dropLast()) }
      return .filter(try parseFilter(f))
    }
    let parts = splitTopLevel(inner, ",")
    if parts.count > 1 { return .union(try parts.map { try single($0) }) }
    return try single(inner)
  }

  private func single(_ s: String) throws -> JSONPath.Segment {
    let t = s.trimmingCharacters(in: " ")
    if let q = t.first, q == "'" || q == "\"", t.count >= 2, t.last == q {
      return .field(String(t.dropFirst().dropLast()))
    }
    if t.contains(":") {
      let p = t.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: " ") }
      func n(_ k: Int) throws -> Int? {
        guard k < p.count, !p[k].isEmpty else { return nil }
        guard let v = Int(p[k]) else { throw JSONPathError(description: "invalid array index \(p[k])") }
        return v
      }
      return .slice(try n(0), try n(1), try n(2))
    }
    guard let n = Int(t) else { throw JSONPathError(description: "invalid array index \(t)") }
    return .index(n)
  }

  private func splitTopLevel(_ s: String, _ sep: Character) -> [String] {
    var parts: [String] = []
    var cur = ""
    var quote: Character? = nil
    for ch in s {
      if let q = quote {
        if ch == q { quote = nil }
        cur.append(ch)
      } else if ch == "'" || ch == "\"" {
        quote = ch
        cur.append(ch)
      } else if ch == sep {
        parts.append(cur)
        cur = ""
      } else {
        cur.append(ch)
      }
    }
    parts.append(cur)
    return parts
  }

  private func parseFilter(_ f: String) throws -> JSONPath.Filter {
    for op in ["==", "!=", "<=", ">=", "<", ">"] {
      if let r = rangeOutsideQuotes(f, op) {
        let left = String(f[..<r.lowerBound]).trimmingCharacters(in: " ")
        let right = String(f[r.upperBound...]).trimmingCharacters(in: " ")
        var lp = PathParser(Array(left))
        return JSONPath.Filter(left: try lp.parse(), op: op, right: try operand(right))
      }
    }
    var lp = PathParser(Array(f))
    return JSONPath.Filter(left: try lp.parse(), op: "", right: nil)
  }

  private func rangeOutsideQuotes(_ s: String, _ op: String) -> Range<String.Index>? {
    var quote: Character? = nil
    var idx = s.startIndex
    while idx < s.endIndex {
      let ch = s[idx]
      if let q = quote {
        if ch == q { quote = nil }
      } else if ch == "'" || ch == "\"" {
        quote = ch
      } else if s[idx...].hasPrefix(op) {
        return idx..<s.index(idx, offsetBy: op.count)
      }
      idx = s.index(after: idx)
    }
    return nil
  }

  private func operand(_ s: String) throws -> JSONPath.Operand {
    if let q = s.first, q == "'" || q == "\"", s.count >= 2, s.last == q {
      return .string(String(s.dropFirst().dropLast()))
    }
    if s == "true" || s == "false" { return .bool(s == "true") }
    if let d = Double(s) { return .number(d) }
    var p = PathParser(Array(s))
    return .path(try p.parse())
  }
}

extension String {
  func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
