// Quantity: resource amounts such as 100m, 0.5, 64Mi, 1Gi, 1e3 (resource.Quantity, quantity.go and suffix.go).

/// A fixed-point amount of a resource, parsed and printed exactly as Kubernetes does.
///
/// Grammar (upstream's): `<signedNumber><suffix>`, where the suffix is a binary SI suffix
/// (`Ki Mi Gi Ti Pi Ei`), a decimal SI suffix (`n u m "" k M G T P E`) or a decimal exponent
/// (`e3`, `E-3`). Parsing rounds up to whole nanos and caps binary amounts at 2^63-1.
///
/// Printing puts the amount in canonical form in the format it was written in: no fractional
/// digits, the largest suffix that loses nothing (`0.5` → `500m`, `1.5Gi` → `1536Mi`,
/// `1000` → `1k`). Like upstream, a string that is already in canonical form is kept as
/// written, so `+1` and `1E3` print as typed until arithmetic changes the value.
///
/// `==`, hashing and ordering compare amounts only, like upstream's `Cmp`/`Equal`:
/// `Quantity("1Gi") == Quantity("1073741824")`.
public struct Quantity: Sendable {
  /// The three ways a quantity can be written (resource.Format).
  public enum Format: String, Sendable, Hashable, Codable {
    /// `12e6`
    case decimalExponent = "DecimalExponent"
    /// `12Mi` (12 × 2^20)
    case binarySI = "BinarySI"
    /// `12M` (12 × 10^6)
    case decimalSI = "DecimalSI"
  }

  /// Why a string is not a quantity; `description` is upstream's error text.
  public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `ErrFormatWrong`
    case formatWrong
    /// `ErrNumeric`
    case numeric
    /// `ErrSuffix`
    case suffix

    public var description: String {
      switch self {
      case .formatWrong:
        return "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
      case .numeric: return "unable to parse numeric part of quantity"
      case .suffix: return "unable to parse quantity's suffix"
      }
    }
  }

  var amount: DecimalAmount
  /// The format the quantity prints in; change it at will.
  public var format: Format
  /// The text the quantity was parsed from, kept when it was already canonical (upstream's `s`).
  var spelling: String?

  init(amount: DecimalAmount, format: Format, spelling: String? = nil) {
    self.amount = amount
    self.format = format
    self.spelling = spelling
  }

  /// `value` whole units (NewQuantity).
  public init(value: Int64, format: Format = .decimalSI) {
    self.init(amount: DecimalAmount(value, exponent: 0), format: format)
  }

  /// `milli` thousandths (NewMilliQuantity): `Quantity(milli: 250)` prints `250m`.
  public init(milli: Int64, format: Format = .decimalSI) {
    self.init(amount: DecimalAmount(milli, exponent: -3), format: format)
  }

  /// `value × 10^scale` in DecimalSI (NewScaledQuantity): `Quantity(value: 5, scale: -9)` is `5n`.
  public init(value: Int64, scale: Int) {
    self.init(amount: DecimalAmount(value, exponent: scale), format: .decimalSI)
  }

  /// Parses trusted text, such as a literal or a default (upstream's MustParse): traps on
  /// malformed text. Use `parse(_:)` for anything a learner typed.
  public init(_ text: String) {
    do {
      self = try Quantity.parse(text)
    } catch {
      preconditionFailure("cannot parse '\(text)': \(error)")
    }
  }

  public static let zero = Quantity(amount: .zero, format: .decimalSI)

  // MARK: - Values

  public var isZero: Bool { amount.isZero }

  /// -1, 0 or 1.
  public var sign: Int { amount.signum }

  /// The amount in whole units, rounded up away from zero (`Value()`); saturates at the
  /// Int64 limits where upstream's result is undefined.
  public var value: Int64 { amount.scaledValue(0) }

  /// The amount in thousandths, rounded up away from zero (`MilliValue()`): `0.1` → 100,
  /// `1n` → 1. Cheap for every quantity a cluster really holds.
  public var milliValue: Int64 { amount.scaledValue(-3) }

  /// ceil(amount / 10^`scale`) (`ScaledValue`): `scaledValue(-9)` gives nanos.
  public func scaledValue(_ scale: Int) -> Int64 { amount.scaledValue(scale) }

  // MARK: - Arithmetic

  /// The sum, in the left operand's format unless the left operand is zero (`Add`).
  public static func + (lhs: Quantity, rhs: Quantity) -> Quantity {
    Quantity(amount: lhs.amount + rhs.amount, format: lhs.isZero ? rhs.format : lhs.format)
  }

  /// The difference, in the left operand's format unless the left operand is zero (`Sub`).
  public static func - (lhs: Quantity, rhs: Quantity) -> Quantity {
    Quantity(amount: lhs.amount - rhs.amount, format: lhs.isZero ? rhs.format : lhs.format)
  }

  public static func += (lhs: inout Quantity, rhs: Quantity) { lhs = lhs + rhs }
  public static func -= (lhs: inout Quantity, rhs: Quantity) { lhs = lhs - rhs }

  /// The negation, in the same format (`Neg`).
  public static prefix func - (operand: Quantity) -> Quantity {
    Quantity(amount: operand.amount.negated, format: operand.format)
  }
}

// MARK: - Parsing

extension Quantity {
  /// Parses `text` as upstream's `ParseQuantity` does, with its errors.
  public static func parse(_ text: String) throws(ParseError) -> Quantity {
    let bytes = Array(text.utf8)
    if bytes.isEmpty { throw .formatWrong }
    if text == "0" { return Quantity(amount: .zero, format: .decimalSI, spelling: text) }

    let parts = try scan(bytes)
    guard let (base, exponent, suffixFormat) = interpret(suffix: parts.suffix) else { throw .suffix }
    var format = suffixFormat
    let positive = parts.positive
    let (num, denom) = (parts.num, parts.denom)

    // 1. The fast path: the digits fit an Int64 and need no rounding. When the text is in
    //    canonical form already, it is kept to be printed as written.
    switch format {
    case .decimalExponent, .decimalSI:
      let scale = Int(exponent) - denom.count
      if num.count + denom.count <= 18 && scale >= -9 {
        let shifted = num + denom
        let value = Int64(decimalDigits: shifted)
        let canonical =
          scale % 3 == 0 && Array(shifted.suffix(3)) != Array("000".utf8) && shifted.first != UInt8(ascii: "0")
        return Quantity(
          amount: DecimalAmount(positive ? value : -value, exponent: scale), format: format,
          spelling: canonical ? text : nil)
      }
    case .binarySI:
      let precision = 15 - num.count - Int(exponent) * 3 / 10 - 1
      if exponent >= 0 && denom.isEmpty && precision >= 0 {
        let value = Int64(decimalDigits: num)
        let (result, overflow) = value.multipliedReportingOverflow(by: 1 << Int64(exponent))
        if !overflow {
          return Quantity(
            amount: DecimalAmount(positive ? result : -result, exponent: 0), format: format,
            spelling: value & 0x07 != 0 ? text : nil)
        }
      }
    }

    // 2. The general path: exact arithmetic, rounded up to whole nanos, binary capped at 2^63-1.
    var magnitude = BigUInt(decimalDigits: num + denom)
    var scale = -denom.count
    if base == 10 {
      scale += Int(exponent)
    } else {
      magnitude.multiply(byPowerOfTwo: Int(exponent))
    }
    var amount = DecimalAmount(DecimalAmount.Wide(negative: false, magnitude: magnitude, exponent: scale))
    if !amount.isZero { amount = amount.roundedAwayFromZero(toExponent: -9) }
    let int64Max = DecimalAmount(Int64.max, exponent: 0)
    if format == .binarySI && DecimalAmount.compare(amount, int64Max) > 0 { amount = int64Max }
    if format == .binarySI && !amount.isZero && DecimalAmount.compare(amount, DecimalAmount(1, exponent: 0)) < 0 {
      format = .decimalSI
    }
    return Quantity(amount: positive ? amount : amount.negated, format: format)
  }

  /// The pieces of a quantity string (upstream's parseQuantityString): sign, the integer digits
  /// without leading zeros ("0" if none), the fraction digits, and the suffix text.
  private static func scan(
    _ bytes: [UInt8]
  ) throws(ParseError) -> (positive: Bool, num: [UInt8], denom: [UInt8], suffix: [UInt8]) {
    let end = bytes.count
    var pos = 0
    var positive = true
    if bytes[0] == UInt8(ascii: "-") {
      positive = false
      pos += 1
    } else if bytes[0] == UInt8(ascii: "+") {
      pos += 1
    }
    let zero: [UInt8] = [UInt8(ascii: "0")]
    while pos < end && bytes[pos] == UInt8(ascii: "0") { pos += 1 }
    if pos >= end { return (positive, zero, [], []) }

    let numStart = pos
    while pos < end && isDigit(bytes[pos]) { pos += 1 }
    var num = Array(bytes[numStart..<pos])
    if pos >= end { return (positive, num, [], []) }
    if num.isEmpty { num = zero }

    var denom: [UInt8] = []
    if bytes[pos] == UInt8(ascii: ".") {
      pos += 1
      let denomStart = pos
      while pos < end && isDigit(bytes[pos]) { pos += 1 }
      denom = Array(bytes[denomStart..<pos])
      if pos >= end { return (positive, num, denom, []) }
    }

    let suffixStart = pos
    while pos < end && "eEinumkKMGTP".utf8.contains(bytes[pos]) { pos += 1 }
    if pos < end && (bytes[pos] == UInt8(ascii: "-") || bytes[pos] == UInt8(ascii: "+")) { pos += 1 }
    while pos < end && isDigit(bytes[pos]) { pos += 1 }
    if pos >= end { return (positive, num, denom, Array(bytes[suffixStart..<end])) }
    // Something other than a digit follows the exponent.
    throw .formatWrong
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  /// The base, exponent and format a suffix stands for (upstream's suffixer.interpret).
  private static func interpret(suffix: [UInt8]) -> (base: Int, exponent: Int32, format: Format)? {
    switch String(decoding: suffix, as: UTF8.self) {
    case "": return (10, 0, .decimalSI)
    case "n": return (10, -9, .decimalSI)
    case "u": return (10, -6, .decimalSI)
    case "m": return (10, -3, .decimalSI)
    case "k": return (10, 3, .decimalSI)
    case "M": return (10, 6, .decimalSI)
    case "G": return (10, 9, .decimalSI)
    case "T": return (10, 12, .decimalSI)
    case "P": return (10, 15, .decimalSI)
    case "E": return (10, 18, .decimalSI)
    case "Ki": return (2, 10, .binarySI)
    case "Mi": return (2, 20, .binarySI)
    case "Gi": return (2, 30, .binarySI)
    case "Ti": return (2, 40, .binarySI)
    case "Pi": return (2, 50, .binarySI)
    case "Ei": return (2, 60, .binarySI)
    case let text:
      guard suffix.count > 1, suffix[0] == UInt8(ascii: "e") || suffix[0] == UInt8(ascii: "E"),
        let exponent = Int64(text.dropFirst())
      else { return nil }
      // Upstream parses an int64 and keeps its low 32 bits.
      return (10, Int32(truncatingIfNeeded: exponent), .decimalExponent)
    }
  }
}

extension Int64 {
  /// The value of at most 18 ASCII digits.
  fileprivate init(decimalDigits digits: [UInt8]) {
    var value: Int64 = 0
    for digit in digits { value = value * 10 + Int64(digit - UInt8(ascii: "0")) }
    self = value
  }
}

// MARK: - Printing

extension Quantity: CustomStringConvertible {
  /// The canonical form (upstream's `String()`), or the text it was parsed from when that
  /// text was already canonical.
  public var description: String { spelling ?? canonicalString }

  /// Upstream's CanonicalizeBytes: number and suffix.
  var canonicalString: String {
    if amount.isZero { return "0" }
    var format = self.format
    if format == .binarySI {
      let inOpenRange =
        DecimalAmount.compare(amount, DecimalAmount(-1024, exponent: 0)) > 0
        && DecimalAmount.compare(amount, DecimalAmount(1024, exponent: 0)) < 0
      // Small or fractional binary amounts print in DecimalSI rather than lose precision.
      if inOpenRange || !amount.isInteger { format = .decimalSI }
    }
    switch format {
    case .decimalSI, .decimalExponent:
      let (digits, exponent) = amount.canonicalDecimal
      return digits + Quantity.decimalSuffix(exponent: exponent, format: format)
    case .binarySI:
      let (digits, power) = amount.canonicalBinary
      return digits + ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][power]
    }
  }

  private static func decimalSuffix(exponent: Int, format: Format) -> String {
    if format == .decimalSI {
      switch exponent {
      case -9: return "n"
      case -6: return "u"
      case -3: return "m"
      case 0: return ""
      case 3: return "k"
      case 6: return "M"
      case 9: return "G"
      case 12: return "T"
      case 15: return "P"
      case 18: return "E"
      // Beyond E (or below n) DecimalSI has no suffix; current upstream falls back to an
      // exponent rather than printing "1000E" as "1".
      default: break
      }
    }
    return exponent == 0 ? "" : "e\(exponent)"
  }
}

// MARK: - Equality and order

extension Quantity: Hashable, Comparable {
  public static func == (lhs: Quantity, rhs: Quantity) -> Bool { lhs.amount == rhs.amount }
  public func hash(into hasher: inout Hasher) { hasher.combine(amount) }
  public static func < (lhs: Quantity, rhs: Quantity) -> Bool { DecimalAmount.compare(lhs.amount, rhs.amount) < 0 }

  /// -1, 0 or 1 as this quantity is less than, equal to or greater than `other` (`Cmp`).
  public func compare(_ other: Quantity) -> Int { DecimalAmount.compare(amount, other.amount) }
}

// MARK: - Codable

extension Quantity: Codable {
  /// Decodes a JSON/YAML string or number (`cpu: "500m"`, `cpu: 1`, `cpu: 0.5`); null (a
  /// missing field) decodes as zero. A malformed string throws `dataCorrupted` carrying
  /// upstream's message.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text: String
    if container.decodeNil() {
      self = .zero
      return
    } else if let string = try? container.decode(String.self) {
      text = string.trimmingASCIIWhitespace
    } else if let integer = try? container.decode(Int64.self) {
      text = String(integer)
    } else {
      text = String(try container.decode(Double.self))
    }
    do {
      self = try Quantity.parse(text)
    } catch {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
    }
  }

  /// Encodes the printed form as a string, as upstream's MarshalJSON does.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

extension Quantity: ExpressibleByStringLiteral {
  /// A literal quantity: `let request: Quantity = "250m"`. Traps on a malformed literal.
  public init(stringLiteral value: String) { self.init(value) }
}

extension String {
  /// Without leading and trailing spaces, tabs and line breaks (Go's strings.TrimSpace for ASCII).
  fileprivate var trimmingASCIIWhitespace: String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
      return ""
    }
    return String(self[first...last])
  }
}
