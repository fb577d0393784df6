// FieldError: one validation failure of one field, rendered exactly like upstream's field.Error.

/// Upstream `field.ErrorType`: the kind of failure, its text and its `StatusCause` reason.
public enum FieldErrorType: String, Sendable, Hashable {
  case notFound = "Not found"
  case required = "Required value"
  case duplicate = "Duplicate value"
  case invalid = "Invalid value"
  case notSupported = "Unsupported value"
  case forbidden = "Forbidden"
  case tooLong = "Too long"
  case tooMany = "Too many"
  case `internal` = "Internal error"
  case typeInvalid = "Invalid type"

  /// The `metav1.CauseType` a Status reports for it (`FieldValueRequired`, …).
  public var causeType: String {
    switch self {
    case .notFound: return "FieldValueNotFound"
    case .required: return "FieldValueRequired"
    case .duplicate: return "FieldValueDuplicate"
    case .invalid: return "FieldValueInvalid"
    case .notSupported: return "FieldValueNotSupported"
    case .forbidden: return "FieldValueForbidden"
    case .tooLong: return "FieldValueTooLong"
    case .tooMany: return "FieldValueTooMany"
    case .internal: return "InternalError"
    case .typeInvalid: return "FieldValueTypeInvalid"
    }
  }
}

/// The offending value of a field error, printed as Go's `ErrorBody` prints it: numbers and bools
/// plainly, strings quoted (`%q`), anything else in Go syntax (`%#v`), pre-rendered here.
public enum BadValue: Sendable, Hashable {
  case none
  case string(String)
  case int(Int64)
  case bool(Bool)
  /// Already in Go's `%#v` form, e.g. `map[string]string{"app":"x"}`.
  case goSyntax(String)

  public static func integer<I: BinaryInteger>(_ i: I) -> BadValue { .int(Int64(i)) }

  var rendered: String {
    switch self {
    case .none: return "null"
    case .string(let s): return GoSyntax.quote(s)
    case .int(let i): return String(i)
    case .bool(let b): return String(b)
    case .goSyntax(let s): return s
    }
  }
}

/// Upstream `field.Error`.
public struct FieldError: Error, Sendable, Hashable, CustomStringConvertible {
  public var type: FieldErrorType
  /// The field path, `spec.containers[0].image`.
  public var field: String
  public var badValue: BadValue
  public var detail: String

  public init(_ type: FieldErrorType, _ field: FieldPath, _ badValue: BadValue = .none, _ detail: String = "") {
    self.type = type
    self.field = field.description
    self.badValue = badValue
    self.detail = detail
  }

  /// `field.ErrorBody`: the message without the field path.
  public var body: String {
    var s: String
    switch type {
    case .required, .forbidden, .tooLong, .internal:
      s = type.rawValue
    default:
      s = "\(type.rawValue): \(badValue.rendered)"
    }
    if !detail.isEmpty { s += ": \(detail)" }
    return s
  }

  /// `field.Error.Error()`: `spec.containers[0].image: Required value`.
  public var description: String { "\(field): \(body)" }

  // MARK: - Constructors named as upstream's

  public static func required(_ path: FieldPath, _ detail: String = "") -> FieldError {
    FieldError(.required, path, .none, detail)
  }
  public static func invalid(_ path: FieldPath, _ value: BadValue, _ detail: String) -> FieldError {
    FieldError(.invalid, path, value, detail)
  }
  public static func duplicate(_ path: FieldPath, _ value: BadValue) -> FieldError {
    FieldError(.duplicate, path, value)
  }
  public static func notFound(_ path: FieldPath, _ value: BadValue) -> FieldError {
    FieldError(.notFound, path, value)
  }
  public static func forbidden(_ path: FieldPath, _ detail: String) -> FieldError {
    FieldError(.forbidden, path, .none, detail)
  }
  /// `field.NotSupported`: detail `supported values: "A", "B"`.
  public static func notSupported(_ path: FieldPath, _ value: BadValue, _ supported: [String]) -> FieldError {
    let detail = supported.isEmpty ? "" : "supported values: " + supported.map(GoSyntax.quote).joined(separator: ", ")
    return FieldError(.notSupported, path, value, detail)
  }
}

/// Upstream `field.Path`: `spec`, `.containers`, `[0]`, `[cpu]`.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
  public private(set) var description: String

  public init(_ root: String) { description = root }
  public init(stringLiteral value: String) { description = value }

  /// `path.Child("a", "b")`.
  public func child(_ names: String...) -> FieldPath {
    var p = self
    for n in names { p.description += p.description.isEmpty ? n : ".\(n)" }
    return p
  }
  /// `path.Index(i)`.
  public func index(_ i: Int) -> FieldPath {
    var p = self
    p.description += "[\(i)]"
    return p
  }
  /// `path.Key(k)`.
  public func key(_ k: String) -> FieldPath {
    var p = self
    p.description += "[\(k)]"
    return p
  }
}

/// Renders values the way Go's fmt does in validation messages.
public enum GoSyntax {
  /// `strconv.Quote` for the characters the simulation meets: escapes `"`, `\` and control characters.
  public static func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if u.value < 0x20 || u.value == 0x7f {
          let hex = String(u.value, radix: 16)
          out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }

  /// `%#v` of a `map[string]string`: keys sorted, `map[string]string(nil)` for nil.
  public static func stringMap(_ m: [String: String]?) -> String {
    guard let m else { return "map[string]string(nil)" }
    let entries = m.keys.sorted().map { "\(quote($0)):\(quote(m[$0]!))" }
    return "map[string]string{" + entries.joined(separator: ", ") + "}"
  }

  /// `%#v` of a `[]string`.
  public static func stringSlice(_ a: [String]?) -> String {
    guard let a else { return "[]string(nil)" }
    return "[]string{" + a.map(quote).joined(separator: ", ") + "}"
  }

  /// `%#v` of a `metav1.LabelSelector` value (as `field is immutable` and `empty selector` print it).
  public static func labelSelector(_ s: LabelSelector?) -> String {
    guard let s else { return "null" }
    let exprs: String
    if let e = s.matchExpressions {
      let items = e.map {
        "v1.LabelSelectorRequirement{Key:\(quote($0.key)), Operator:\(quote($0.operator)), Values:\(stringSlice($0.values))}"
      }
      exprs = "[]v1.LabelSelectorRequirement{" + items.joined(separator: ", ") + "}"
    } else {
      exprs = "[]v1.LabelSelectorRequirement(nil)"
    }
    return "v1.LabelSelector{MatchLabels:\(stringMap(s.matchLabels)), MatchExpressions:\(exprs)}"
  }
}
