// FieldSelector: a parsed field selector such as spec.nodeName=node-1 (fields.Selector, fields/selector.go).

/// A field selector: terms `field=value`, `field==value` or `field!=value` that must all
/// hold. In values, `\`, `,` and `=` are escaped with a backslash (`a=x\,y` means a is "x,y").
///
/// Which fields exist is the apiserver's business: this type only parses, prints and matches
/// through a lookup function. `requiresExactMatch("spec.nodeName")` lets a list of pods for
/// one node be served from a per-node index.
public struct FieldSelector: Sendable, Hashable, CustomStringConvertible {
  /// `=` and `==` both mean Equals (selection.Equals / selection.NotEquals).
  public enum Operator: String, Sendable, Hashable {
    case equals = "="
    case notEquals = "!="
  }

  /// One term (fields.Requirement).
  public struct Requirement: Sendable, Hashable, CustomStringConvertible {
    public let field: String
    public let `operator`: Operator
    public let value: String

    /// `operator`, spelled short.
    public var op: Operator { self.operator }

    public init(field: String, operator op: Operator, value: String) {
      self.field = field
      self.operator = op
      self.value = value
    }

    /// A missing field reads as "", as upstream's `Fields.Get` does.
    public func matches(_ get: (String) -> String?) -> Bool {
      let actual = get(field) ?? ""
      return self.operator == .equals ? actual == value : actual != value
    }

    /// `field=value` or `field!=value`, the value escaped.
    public var description: String { field + self.operator.rawValue + FieldSelector.escapeValue(value) }
  }

  private enum Storage: Sendable, Hashable {
    case requirements([Requirement])
    case nothing
  }

  private let storage: Storage

  private init(storage: Storage) { self.storage = storage }

  /// Matches every object.
  public static let everything = FieldSelector(storage: .requirements([]))
  /// Matches no object.
  public static let nothing = FieldSelector(storage: .nothing)

  /// A selector of all `requirements`, in the given order.
  public init(_ requirements: [Requirement]) { self.init(storage: .requirements(requirements)) }

  /// `field=value` (OneTermEqualSelector), e.g. the kubelet's `spec.nodeName=node-1`.
  public static func oneTermEqual(_ field: String, _ value: String) -> FieldSelector {
    FieldSelector([Requirement(field: field, operator: .equals, value: value)])
  }

  /// The terms, in order (sorted as parsed); empty for `everything` and `nothing`.
  public var requirements: [Requirement] {
    if case .requirements(let requirements) = storage { return requirements }
    return []
  }

  /// Whether the selector restricts nothing (`Empty()`); false for `nothing`.
  public var isEmpty: Bool {
    if case .requirements(let requirements) = storage { return requirements.isEmpty }
    return false
  }

  /// Whether every term holds, reading fields through `get` (nil for a missing field).
  public func matches(_ get: (String) -> String?) -> Bool {
    switch storage {
    case .nothing: return false
    case .requirements(let requirements): return requirements.allSatisfy { $0.matches(get) }
    }
  }

  /// The value `field` must equal, if a term `field=value` pins it (RequiresExactMatch).
  public func requiresExactMatch(_ field: String) -> String? {
    requirements.first { $0.field == field && $0.operator == .equals }?.value
  }

  /// Upstream's `String()`: the terms joined with ",".
  public var description: String { requirements.map(\.description).joined(separator: ",") }

  // MARK: - Parsing

  /// Parses `a=b,c!=d` (fields.ParseSelector) with upstream's escaping and errors. Terms are
  /// sorted as text; empty terms, and terms with neither field nor value, are skipped.
  public static func parse(_ text: String) throws(SelectorError) -> FieldSelector {
    var requirements: [Requirement] = []
    for term in splitTerms(text).sorted(by: GoFormat.less) where !term.isEmpty {
      guard let (field, op, rawValue) = splitTerm(term) else {
        throw SelectorError("invalid selector: '\(text)'; can't understand '\(term)'")
      }
      let value = try unescapeValue(rawValue)
      // Upstream's Transform drops a term whose field and value are both empty.
      if field.isEmpty && value.isEmpty { continue }
      requirements.append(Requirement(field: field, operator: op == "!=" ? .notEquals : .equals, value: value))
    }
    return FieldSelector(requirements)
  }

  /// Escapes `\`, `,` and `=` in a value (EscapeValue).
  public static func escapeValue(_ value: String) -> String {
    var escaped = ""
    for character in value.unicodeScalars {
      if character == "\\" || character == "," || character == "=" { escaped += "\\" }
      escaped.unicodeScalars.append(character)
    }
    return escaped
  }

  /// Undoes `escapeValue` (UnescapeValue); an unknown escape or a bare `,` or `=` is an error.
  public static func unescapeValue(_ value: String) throws(SelectorError) -> String {
    var result = String.UnicodeScalarView()
    var inSlash = false
    for scalar in value.unicodeScalars {
      if inSlash {
        guard scalar == "\\" || scalar == "," || scalar == "=" else {
          throw SelectorError("invalid field selector: invalid escape sequence: \\\(scalar)")
        }
        result.append(scalar)
        inSlash = false
        continue
      }
      switch scalar {
      case "\\": inSlash = true
      // Upstream prints the rune with %v, that is as its number: '=' is 61.
      case ",", "=": throw SelectorError("invalid field selector: unescaped character in value: \(scalar.value)")
      default: result.append(scalar)
      }
    }
    if inSlash { throw SelectorError("invalid field selector: invalid escape sequence: \\") }
    return String(result)
  }

  /// The comma-separated terms; an escaped comma stays in its term, backslash included.
  private static func splitTerms(_ text: String) -> [String] {
    if text.isEmpty { return [] }
    var terms: [String] = []
    var current = String.UnicodeScalarView()
    var inSlash = false
    for scalar in text.unicodeScalars {
      if inSlash {
        inSlash = false
      } else if scalar == "\\" {
        inSlash = true
      } else if scalar == "," {
        terms.append(String(current))
        current = String.UnicodeScalarView()
        continue
      }
      current.append(scalar)
    }
    terms.append(String(current))
    return terms
  }

  /// Field, operator and raw value, split at the first `!=`, `==` or `=` (no escaping in fields).
  private static func splitTerm(_ term: String) -> (String, String, String)? {
    let scalars = term.unicodeScalars
    var index = scalars.startIndex
    while index < scalars.endIndex {
      let rest = scalars[index...]
      for op in ["!=", "==", "="] where rest.starts(with: op.unicodeScalars) {
        let valueStart = scalars.index(index, offsetBy: op.unicodeScalars.count)
        return (String(scalars[..<index]), op, String(scalars[valueStart...]))
      }
      index = scalars.index(after: index)
    }
    return nil
  }
}
