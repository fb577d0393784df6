// YAMLReader: parses YAML (block or flow style, several documents) and JSON into JSON trees,
// remembering where each field came from so errors can name a line and column.
import Yams

/// One document of a manifest file: its tree, where it starts, and where each field is.
public struct YAMLDocument: Sendable {
  public let json: JSON
  /// 1-based line of the document's first node.
  public let line: Int
  /// Positions by field path (`spec.containers[0].image` → line 12, column 14).
  public let positions: [String: SourcePosition]

  /// The position of `path`, or of its nearest ancestor that has one.
  public func position(of path: [CodingKey]) -> SourcePosition? {
    var p = path
    while true {
      if let pos = positions[fieldPath(p)] { return pos }
      if p.isEmpty { return nil }
      p.removeLast()
    }
  }
}

public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
  public let line: Int
  public let column: Int
  public var description: String { "\(line):\(column)" }
}

/// A syntax error in a manifest, with the position libyaml reported.
public struct YAMLSyntaxError: Error, CustomStringConvertible, Sendable {
  public let line: Int
  public let column: Int
  public let message: String
  public var description: String { "\(line):\(column): \(message)" }
}

public enum YAMLReader {
  /// Parses every document in `text`. Empty documents (only comments, or `---` alone) are skipped.
  public static func documents(_ text: String) throws -> [YAMLDocument] {
    let parser: Parser
    do {
      parser = try Parser(yaml: text, resolver: .default, constructor: .default)
    } catch {
      throw convert(error)
    }
    var docs: [YAMLDocument] = []
    while true {
      let node: Yams.Node?
      do {
        node = try parser.nextRoot()
      } catch {
        throw convert(error)
      }
      guard let node else { break }
      var positions: [String: SourcePosition] = [:]
      let json = try convert(node, path: [], positions: &positions)
      if json.isNull { continue }
      docs.append(YAMLDocument(json: json, line: node.mark?.line ?? 1, positions: positions))
    }
    return docs
  }

  static func convert(_ error: Error) -> YAMLSyntaxError {
    guard let y = error as? YamlError else {
      return YAMLSyntaxError(line: 1, column: 1, message: "\(error)")
    }
    switch y {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      var message = problem
      if let context { message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
      return YAMLSyntaxError(line: mark.line, column: mark.column, message: message)
    case .duplicatedKeysInMapping(let duplicates, let context):
      return YAMLSyntaxError(
        line: context.mark.line, column: context.mark.column,
        message: "mapping key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", ")) already defined")
    case .reader(let problem, let offset, _, _):
      return YAMLSyntaxError(line: 1, column: (offset ?? 0) + 1, message: problem)
    default:
      return YAMLSyntaxError(line: 1, column: 1, message: "\(y)")
    }
  }

  private static func convert(_ node: Yams.Node, path: [CodingKey], positions: inout [String: SourcePosition]) throws
    -> JSON
  {
    if let mark = node.mark { positions[fieldPath(path)] = SourcePosition(line: mark.line, column: mark.column) }
    switch node {
    case .scalar(let scalar):
      return scalarValue(scalar)
    case .sequence(let seq):
      var items: [JSON] = []
      for (i, item) in seq.enumerated() {
        items.append(try convert(item, path: path + [JSONKey(index: i)], positions: &positions))
      }
      return .array(items)
    case .mapping(let map):
      var o = OrderedDictionaryStringJSON()
      for (k, v) in map {
        let key: String
        if case .scalar(let s) = k {
          key = s.string
        } else {
          throw YAMLSyntaxError(
            line: k.mark?.line ?? 1, column: k.mark?.column ?? 1, message: "a mapping key must be a plain value")
        }
        if key == "<<", case .mapping = v {
          // YAML merge key: copy the referenced mapping's entries that are not set here.
          if case .object(let merged) = try convert(v, path: path, positions: &positions) {
            for (mk, mv) in merged where o[mk] == nil { o[mk] = mv }
          }
          continue
        }
        if o[key] != nil {
          throw YAMLSyntaxError(
            line: k.mark?.line ?? 1, column: k.mark?.column ?? 1, message: "mapping key \"\(key)\" already defined")
        }
        o[key] = try convert(v, path: path + [JSONKey(key)], positions: &positions)
      }
      return .object(o)
    case .alias:
      throw YAMLSyntaxError(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, message: "unresolved alias")
    }
  }

  /// Resolves a scalar as YAML 1.1 does for Kubernetes (sigs.k8s.io/yaml): quoted scalars are strings.
  static func scalarValue(_ s: Yams.Node.Scalar) -> JSON {
    let text = s.string
    if s.style != .plain && s.style != .any { return .string(text) }
    switch s.tag.rawValue == "" || s.tag.rawValue == "?"
      ? Resolver.default.resolveTag(of: .scalar(s)) : Tag.Name(rawValue: s.tag.rawValue)
    {
    case .null: return .null
    case .bool:
      switch text.lowercased() {
      case "true", "yes", "on": return .bool(true)
      default: return .bool(false)
      }
    case .int:
      if let v = parseInt(text) { return .int(v) }
      return .string(text)
    case .float:
      let cleaned = text.replacingOccurrences(of: "_", with: "")
      switch cleaned.lowercased() {
      case ".inf", "+.inf": return .double(.infinity)
      case "-.inf": return .double(-.infinity)
      case ".nan": return .double(.nan)
      default: break
      }
      if let d = Double(cleaned) { return .double(d) }
      return .string(text)
    default:
      return .string(text)
    }
  }

  static func parseInt(_ raw: String) -> Int64? {
    var t = raw.replacingOccurrences(of: "_", with: "")
    var sign: Int64 = 1
    if t.hasPrefix("-") {
      sign = -1
      t.removeFirst()
    } else if t.hasPrefix("+") {
      t.removeFirst()
    }
    if t.contains(":") {
      // YAML 1.1 sexagesimal: 1:30 = 90
      var v: Int64 = 0
      for part in t.split(separator: ":") {
        guard let p = Int64(part) else { return nil }
        v = v * 60 + p
      }
      return sign * v
    }
    if t.hasPrefix("0x") { return Int64(t.dropFirst(2), radix: 16).map { sign * $0 } }
    if t.hasPrefix("0b") { return Int64(t.dropFirst(2), radix: 2).map { sign * $0 } }
    if t.hasPrefix("0o") { return Int64(t.dropFirst(2), radix: 8).map { sign * $0 } }
    if t.count > 1, t.hasPrefix("0") { return Int64(t.dropFirst(), radix: 8).map { sign * $0 } }
    return Int64(t).map { sign * $0 }
  }
}
