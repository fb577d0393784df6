// Selector: a parsed label selector that matches label sets (labels.Selector, labels/selector.go).

/// A label selector: requirements that must all hold (`a=b,c in (x,y),!d`), or the selector
/// that matches nothing.
///
/// `Selector.everything` (no requirements) matches every label set, and is what an empty
/// `-l ""` or an empty `LabelSelector{}` gives; `Selector.nothing` matches none, and is what
/// a missing (nil) `LabelSelector` gives.
///
/// Printing follows upstream's `String()`: requirements sorted by key, `in`/`notin` values
/// sorted, joined with ",": `Selector.parse("b notin (z,y), a")` prints `a,b notin (y,z)`.
///
/// Note: on Apple platforms, files that import both Foundation and KubeSim must spell this
/// `KubeSim.Selector` (Objective-C also has a `Selector`).
public struct Selector: Sendable, Hashable, CustomStringConvertible {
  /// selection.Operator, spelled as upstream's constants are.
  public enum Operator: String, Sendable, Hashable, CaseIterable {
    case doesNotExist = "!"
    case equals = "="
    case doubleEquals = "=="
    case `in` = "in"
    case notEquals = "!="
    case notIn = "notin"
    case exists = "exists"
    case greaterThan = "gt"
    case lessThan = "lt"
  }

  /// One condition on one key (labels.Requirement).
  public struct Requirement: Sendable, Hashable, CustomStringConvertible {
    public let key: String
    public let `operator`: Operator
    /// The values as given (upstream's ValuesUnsorted); printing sorts them.
    public let values: [String]

    /// `operator`, spelled short.
    public var op: Operator { self.operator }

    /// A checked requirement (upstream's NewRequirement): the key must be a qualified name,
    /// In/NotIn need values, Equals/NotEquals/Gt/Lt exactly one (an integer for Gt/Lt),
    /// Exists/DoesNotExist none, and every value must be a valid label value.
    public init(key: String, operator op: Operator, values: [String]) throws(SelectorError) {
      try self.init(key: key, operator: op, values: values, nilValues: false)
    }

    /// `nilValues` says how an empty list prints in an error (`[]string(nil)` vs `[]string{}`).
    init(key: String, operator op: Operator, values: [String], nilValues: Bool) throws(SelectorError) {
      var errors: [String] = []
      let keyErrors = NameValidation.isQualifiedName(key)
      if !keyErrors.isEmpty {
        errors.append(invalid("key", GoFormat.quoted(key), keyErrors.joined(separator: "; ")))
      }
      let listed = GoFormat.stringSlice(nilValues && values.isEmpty ? nil : values)
      switch op {
      case .in, .notIn:
        if values.isEmpty {
          errors.append(invalid("values", listed, "for 'in', 'notin' operators, values set can't be empty"))
        }
      case .equals, .doubleEquals, .notEquals:
        if values.count != 1 {
          errors.append(invalid("values", listed, "exact-match compatibility requires one single value"))
        }
      case .exists, .doesNotExist:
        if !values.isEmpty {
          errors.append(invalid("values", listed, "values set must be empty for exists and does not exist"))
        }
      case .greaterThan, .lessThan:
        if values.count != 1 {
          errors.append(invalid("values", listed, "for 'Gt', 'Lt' operators, exactly one value is required"))
        }
        for (index, value) in values.enumerated() where Int64(value) == nil {
          errors.append(
            invalid(
              "values[\(index)]", GoFormat.quoted(value), "for 'Gt', 'Lt' operators, the value must be an integer"))
        }
      }
      for (index, value) in values.enumerated() {
        let valueErrors = NameValidation.isValidLabelValue(value)
        if !valueErrors.isEmpty {
          errors.append(
            invalid("values[\(index)][\(key)]", GoFormat.quoted(value), valueErrors.joined(separator: "; ")))
        }
      }
      if let error = SelectorError(aggregating: errors) { throw error }
      self.init(unchecked: key, op, values)
    }

    init(unchecked key: String, _ op: Operator, _ values: [String]) {
      self.key = key
      self.operator = op
      self.values = values
    }

    /// Whether `labels` satisfy this requirement (Requirement.Matches). NotIn and NotEquals
    /// match when the key is absent; Gt and Lt need the label to be an integer.
    public func matches(_ labels: [String: String]) -> Bool {
      switch self.operator {
      case .in, .equals, .doubleEquals:
        guard let value = labels[key] else { return false }
        return values.contains(value)
      case .notIn, .notEquals:
        guard let value = labels[key] else { return true }
        return !values.contains(value)
      case .exists:
        return labels[key] != nil
      case .doesNotExist:
        return labels[key] == nil
      case .greaterThan, .lessThan:
        guard let text = labels[key], let labelValue = Int64(text), values.count == 1,
          let bound = Int64(values[0])
        else { return false }
        return self.operator == .greaterThan ? labelValue > bound : labelValue < bound
      }
    }

    /// Upstream's Requirement.String(): `a=b`, `a!=b`, `a in (x,y)`, `!a`, `a>1`.
    public var description: String {
      var text = self.operator == .doesNotExist ? "!" + key : key
      switch self.operator {
      case .exists, .doesNotExist: return text
      case .equals, .doubleEquals, .notEquals: text += self.operator.rawValue
      case .in: text += " in ("
      case .notIn: text += " notin ("
      case .greaterThan: text += ">"
      case .lessThan: text += "<"
      }
      text += values.count == 1 ? values[0] : values.sorted(by: GoFormat.less).joined(separator: ",")
      if self.operator == .in || self.operator == .notIn { text += ")" }
      return text
    }
  }

  private enum Storage: Sendable, Hashable {
    case requirements([Requirement])
    case nothing
  }

  private let storage: Storage

  /// Matches every label set.
  public static let everything = Selector(storage: .requirements([]))
  /// Matches no label set.
  public static let nothing = Selector(storage: .nothing)

  private init(storage: Storage) { self.storage = storage }

  /// A selector of all `requirements`, kept sorted by key (upstream's `Add`).
  public init(_ requirements: [Requirement]) {
    self.init(storage: .requirements(Selector.sortedByKey(requirements)))
  }

  /// The selector that matches exactly `set` (SelectorFromSet; not validated). An empty set
  /// gives `everything`. This is how a Service's or ReplicationController's map selector works.
  public init(matching set: [String: String]) {
    self.init(set.map { Requirement(unchecked: $0.key, .equals, [$0.value]) })
  }

  /// The requirements, sorted by key; empty for both `everything` and `nothing`.
  public var requirements: [Requirement] {
    if case .requirements(let requirements) = storage { return requirements }
    return []
  }

  /// Whether this selector does not restrict anything (`Empty()`): true for `everything`,
  /// false for `nothing`.
  public var isEmpty: Bool {
    if case .requirements(let requirements) = storage { return requirements.isEmpty }
    return false
  }

  /// Whether this is `nothing` (labels.MatchesNothing).
  public var matchesNothing: Bool { storage == .nothing }

  /// Whether `labels` satisfy every requirement.
  public func matches(_ labels: [String: String]) -> Bool {
    switch storage {
    case .nothing: return false
    case .requirements(let requirements): return requirements.allSatisfy { $0.matches(labels) }
    }
  }

  /// The one value `label` must have, if the selector pins it with `=`, `==` or a
  /// one-value `in` (RequiresExactMatch) — for serving a list from an index.
  public func requiresExactMatch(_ label: String) -> String? {
    guard let requirement = requirements.first(where: { $0.key == label }) else { return nil }
    switch requirement.operator {
    case .equals, .doubleEquals, .in: return requirement.values.count == 1 ? requirement.values[0] : nil
    default: return nil
    }
  }

  /// A copy with more requirements (`Add`); `nothing` stays `nothing`.
  public func adding(_ more: [Requirement]) -> Selector {
    guard case .requirements(let requirements) = storage else { return self }
    return Selector(requirements + more)
  }

  /// Upstream's `String()`; both `everything` and `nothing` print as "".
  public var description: String { requirements.map(\.description).joined(separator: ",") }

  /// Stable, byte-wise by key, like upstream's sort.Sort(ByKey) for small selectors.
  static func sortedByKey(_ requirements: [Requirement]) -> [Requirement] {
    requirements.enumerated().sorted {
      $0.element.key == $1.element.key ? $0.offset < $1.offset : GoFormat.less($0.element.key, $1.element.key)
    }.map(\.element)
  }
}

/// A selector that does not parse, or a requirement that is not valid; `message` is upstream's text.
public struct SelectorError: Error, Sendable, Hashable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }

  /// A field.ErrorList aggregated as upstream's ToAggregate prints it: one error alone,
  /// several as "[a, b]", duplicates dropped; nil when there are none.
  init?(aggregating errors: [String]) {
    var unique: [String] = []
    for error in errors where !unique.contains(error) { unique.append(error) }
    switch unique.count {
    case 0: return nil
    case 1: self.init(unique[0])
    default: self.init("[" + unique.joined(separator: ", ") + "]")
    }
  }
}

/// A field.Invalid error: `path: Invalid value: value: detail`.
private func invalid(_ path: String, _ value: String, _ detail: String) -> String {
  "\(path): Invalid value: \(value): \(detail)"
}

// MARK: - Parsing

extension Selector {
  /// Parses the string form (labels.Parse), with upstream's grammar and error messages:
  ///
  ///     <selector>    ::= <requirement> | <requirement> "," <selector>
  ///     <requirement> ::= [!] KEY [ ("in" | "notin") "(" VALUES ")" | ("=" | "==" | "!=" | ">" | "<") VALUE ]
  ///
  /// An empty string gives `everything`.
  public static func parse(_ text: String) throws(SelectorError) -> Selector {
    var parser = SelectorParser(Array(text.utf8))
    return Selector(try parser.parse())
  }
}

/// The lexer and recursive-descent parser of labels/selector.go.
private struct SelectorParser {
  enum Token: Equatable {
    case error, endOfString, closedParenthesis, comma, doesNotExist, doubleEquals, equals, greaterThan
    case identifier, `in`, lessThan, notEquals, notIn, openParenthesis
  }

  /// Where `in` and `notin` are read as plain identifiers.
  enum Context { case keyAndOperator, values }

  static let keywords: [String: Token] = [
    ")": .closedParenthesis, ",": .comma, "!": .doesNotExist, "==": .doubleEquals, "=": .equals,
    ">": .greaterThan, "in": .in, "<": .lessThan, "!=": .notEquals, "notin": .notIn, "(": .openParenthesis,
  ]

  var items: [(token: Token, literal: String)] = []
  var position = 0

  init(_ bytes: [UInt8]) {
    var lexer = Lexer(bytes: bytes)
    while true {
      let item = lexer.lex()
      items.append(item)
      if item.token == .endOfString { break }
    }
  }

  // MARK: Lexer

  struct Lexer {
    let bytes: [UInt8]
    var position = 0

    /// The next byte, or 0 at the end (a NUL byte reads as the end too, as upstream).
    mutating func read() -> UInt8 {
      guard position < bytes.count else { return 0 }
      position += 1
      return bytes[position - 1]
    }

    mutating func unread() { position -= 1 }

    static func isWhitespace(_ byte: UInt8) -> Bool {
      byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
        || byte == UInt8(ascii: "\n")
    }

    static func isSpecialSymbol(_ byte: UInt8) -> Bool { "=!(),><".utf8.contains(byte) }

    mutating func lex() -> (token: Token, literal: String) {
      var byte = read()
      while Lexer.isWhitespace(byte) { byte = read() }
      if byte == 0 { return (.endOfString, "") }
      unread()
      return Lexer.isSpecialSymbol(byte) ? scanSpecialSymbol() : scanIdentifierOrKeyword()
    }

    mutating func scanIdentifierOrKeyword() -> (token: Token, literal: String) {
      var buffer: [UInt8] = []
      while true {
        let byte = read()
        if byte == 0 { break }
        if Lexer.isSpecialSymbol(byte) || Lexer.isWhitespace(byte) {
          unread()
          break
        }
        buffer.append(byte)
      }
      let text = String(decoding: buffer, as: UTF8.self)
      return (SelectorParser.keywords[text] ?? .identifier, text)
    }

    /// The longest run of special symbols that is an operator ("!=", "==", "=" ...).
    mutating func scanSpecialSymbol() -> (token: Token, literal: String) {
      var buffer: [UInt8] = []
      var last: (token: Token, literal: String)?
      while true {
        let byte = read()
        if byte == 0 { break }
        guard Lexer.isSpecialSymbol(byte) else {
          unread()
          break
        }
        buffer.append(byte)
        let text = String(decoding: buffer, as: UTF8.self)
        if let token = SelectorParser.keywords[text] {
          last = (token, text)
        } else if last != nil {
          unread()
          break
        }
      }
      return last ?? (.error, "error expected: keyword found '\(String(decoding: buffer, as: UTF8.self))'")
    }
  }

  // MARK: Parser

  func lookahead(_ context: Context) -> (token: Token, literal: String) {
    var item = items[position]
    if context == .values && (item.token == .in || item.token == .notIn) { item.token = .identifier }
    return item
  }

  mutating func consume(_ context: Context) -> (token: Token, literal: String) {
    let item = lookahead(context)
    position += 1
    return item
  }

  mutating func parse() throws(SelectorError) -> [Selector.Requirement] {
    var requirements: [Selector.Requirement] = []
    while true {
      let (token, literal) = lookahead(.values)
      switch token {
      case .identifier, .doesNotExist:
        do throws(SelectorError) {
          requirements.append(try parseRequirement())
        } catch {
          throw SelectorError("unable to parse requirement: \(error.message)")
        }
        let (next, nextLiteral) = consume(.values)
        switch next {
        case .endOfString:
          return requirements
        case .comma:
          let (after, afterLiteral) = lookahead(.values)
          if after != .identifier && after != .doesNotExist {
            throw SelectorError("found '\(afterLiteral)', expected: identifier after ','")
          }
        default:
          throw SelectorError("found '\(nextLiteral)', expected: ',' or 'end of string'")
        }
      case .endOfString:
        return requirements
      default:
        throw SelectorError("found '\(literal)', expected: !, identifier, or 'end of string'")
      }
    }
  }

  mutating func parseRequirement() throws(SelectorError) -> Selector.Requirement {
    let (key, inferred) = try parseKeyAndInferOperator()
    if let inferred, inferred == .exists || inferred == .doesNotExist {
      return try Selector.Requirement(key: key, operator: inferred, values: [])
    }
    let op = try parseOperator()
    let values: [String]
    switch op {
    case .in, .notIn: values = try parseValues()
    default: values = try parseExactValue()
    }
    // Upstream collects values in a set: sorted and without duplicates.
    return try Selector.Requirement(key: key, operator: op, values: Array(Set(values)).sorted(by: GoFormat.less))
  }

  /// The key, and Exists when nothing follows it or DoesNotExist after a "!".
  mutating func parseKeyAndInferOperator() throws(SelectorError) -> (String, Selector.Operator?) {
    var op: Selector.Operator?
    var (token, literal) = consume(.values)
    if token == .doesNotExist {
      op = .doesNotExist
      (token, literal) = consume(.values)
    }
    guard token == .identifier else { throw SelectorError("found '\(literal)', expected: identifier") }
    let keyErrors = NameValidation.isQualifiedName(literal)
    if !keyErrors.isEmpty {
      throw SelectorError(invalid("<nil>", GoFormat.quoted(literal), keyErrors.joined(separator: "; ")))
    }
    let next = lookahead(.values).token
    if (next == .endOfString || next == .comma) && op != .doesNotExist { op = .exists }
    return (literal, op)
  }

  mutating func parseOperator() throws(SelectorError) -> Selector.Operator {
    let (token, literal) = consume(.keyAndOperator)
    switch token {
    case .in: return .in
    case .equals: return .equals
    case .doubleEquals: return .doubleEquals
    case .greaterThan: return .greaterThan
    case .lessThan: return .lessThan
    case .notIn: return .notIn
    case .notEquals: return .notEquals
    default: throw SelectorError("found '\(literal)', expected: in, notin, =, ==, !=, gt, lt")
    }
  }

  /// `(x,y,z)`; empty entries are the empty value.
  mutating func parseValues() throws(SelectorError) -> [String] {
    var (token, literal) = consume(.values)
    guard token == .openParenthesis else { throw SelectorError("found '\(literal)' expected: '('") }
    (token, literal) = lookahead(.values)
    switch token {
    case .identifier, .comma:
      let values = try parseIdentifiersList()
      // Upstream reports the literal it looked at before the list here.
      guard consume(.values).token == .closedParenthesis else {
        throw SelectorError("found '\(literal)', expected: ')'")
      }
      return values
    case .closedParenthesis:
      _ = consume(.values)
      return [""]
    default:
      throw SelectorError("found '\(literal)', expected: ',', ')' or identifier")
    }
  }

  mutating func parseIdentifiersList() throws(SelectorError) -> [String] {
    var values: [String] = []
    while true {
      let (token, literal) = consume(.values)
      switch token {
      case .identifier:
        values.append(literal)
        let (next, nextLiteral) = lookahead(.values)
        switch next {
        case .comma: continue
        case .closedParenthesis: return values
        default: throw SelectorError("found '\(nextLiteral)', expected: ',' or ')'")
        }
      case .comma:
        if values.isEmpty { values.append("") }  // "(,"
        let next = lookahead(.values).token
        if next == .closedParenthesis {  // ",)"
          values.append("")
          return values
        }
        if next == .comma { values.append("") }  // ",,"
      default:
        throw SelectorError("found '\(literal)', expected: ',', or identifier")
      }
    }
  }

  /// The single value after `=`, `==`, `!=`, `>` or `<`; nothing before "," or the end is "".
  mutating func parseExactValue() throws(SelectorError) -> [String] {
    let next = lookahead(.values).token
    if next == .endOfString || next == .comma { return [""] }
    let (token, literal) = consume(.values)
    guard token == .identifier else { throw SelectorError("found '\(literal)', expected: identifier") }
    return [literal]
  }
}
