// DecimalAmount: the exact number inside a Quantity (upstream's int64Amount with its inf.Dec fallback, amount.go).

/// An exact decimal `mantissa × 10^exponent`.
///
/// Normalised, so that `==` and hashing compare values: the mantissa carries no factor of ten
/// (zero is `0 × 10^0`), and it is held as `Int64` whenever its magnitude fits (`.small`, the
/// hot path: adding and comparing CPU and memory never allocates). Only a mantissa beyond
/// `Int64.max` lives in `.large`, the way upstream falls back from int64Amount to inf.Dec.
///
/// Worked example: `1.5Gi` parses to 1610612736 = `.small(1610612736, 0)`; `100m` to
/// `.small(1, -1)`; `1E + 1n` = 1000000000000000000.000000001 = `.large(false, 10^27 + 1, -9)`.
enum DecimalAmount: Hashable, Sendable {
  case small(Int64, exponent: Int)
  case large(negative: Bool, magnitude: BigUInt, exponent: Int)

  static let zero = DecimalAmount.small(0, exponent: 0)

  /// 10^0 ... 10^18, every power of ten that fits in Int64.
  static let powersOfTen: [Int64] = {
    var table: [Int64] = [1]
    for _ in 1...18 { table.append(table.last! * 10) }
    return table
  }()

  /// `mantissa × 10^exponent`, normalised.
  init(_ mantissa: Int64, exponent: Int) {
    if mantissa == 0 {
      self = .zero
    } else if mantissa == .min {
      self.init(Wide(negative: true, magnitude: BigUInt(UInt64(1) << 63), exponent: exponent))
    } else {
      var mantissa = mantissa
      var exponent = exponent
      while mantissa % 10 == 0 {
        mantissa /= 10
        exponent += 1
      }
      self = .small(mantissa, exponent: exponent)
    }
  }

  init(_ wide: Wide) {
    var magnitude = wide.magnitude
    var exponent = wide.exponent
    if magnitude.isZero {
      self = .zero
      return
    }
    while magnitude.remainder(dividingBy: 10) == 0 {
      magnitude.divide(by: 10)
      exponent += 1
    }
    if let value = magnitude.uint64Value, value <= UInt64(Int64.max) {
      self = .small(wide.negative ? -Int64(value) : Int64(value), exponent: exponent)
    } else {
      self = .large(negative: wide.negative, magnitude: magnitude, exponent: exponent)
    }
  }

  /// The slow-path form: sign, magnitude and exponent, not normalised.
  struct Wide {
    var negative: Bool
    var magnitude: BigUInt
    var exponent: Int
  }

  var wide: Wide {
    switch self {
    case .small(let mantissa, let exponent):
      return Wide(negative: mantissa < 0, magnitude: BigUInt(mantissa.magnitude), exponent: exponent)
    case .large(let negative, let magnitude, let exponent):
      return Wide(negative: negative, magnitude: magnitude, exponent: exponent)
    }
  }

  // MARK: - Inspection

  var signum: Int {
    switch self {
    case .small(let mantissa, _): return mantissa == 0 ? 0 : (mantissa < 0 ? -1 : 1)
    case .large(let negative, _, _): return negative ? -1 : 1
    }
  }

  var isZero: Bool { self == .zero }

  /// Whether the value has no fractional part (normalised, so a non-negative exponent).
  var isInteger: Bool {
    switch self {
    case .small(_, let exponent), .large(_, _, let exponent): return exponent >= 0
    }
  }

  var negated: DecimalAmount {
    switch self {
    case .small(let mantissa, let exponent): return .small(-mantissa, exponent: exponent)
    case .large(let negative, let magnitude, let exponent):
      return .large(negative: !negative, magnitude: magnitude, exponent: exponent)
    }
  }

  var magnitude: DecimalAmount { signum < 0 ? negated : self }

  // MARK: - Comparison

  /// -1, 0 or 1 as `a` is less than, equal to or greater than `b`.
  static func compare(_ a: DecimalAmount, _ b: DecimalAmount) -> Int {
    if case .small(let ma, let ea) = a, case .small(let mb, let eb) = b {
      let (sa, sb) = (a.signum, b.signum)
      if sa != sb { return sa < sb ? -1 : 1 }
      if sa == 0 { return 0 }
      if ea == eb { return ma == mb ? 0 : (ma < mb ? -1 : 1) }
      // Same sign: scale the mantissa with the larger exponent down to the other's exponent.
      // If that overflows, its magnitude exceeds any Int64, so it is the larger one.
      let (high, low, highIsA) = ea > eb ? (ma, mb, true) : (mb, ma, false)
      let shift = abs(ea - eb)
      var order: Int
      if shift <= 18 {
        let (scaled, overflow) = high.multipliedReportingOverflow(by: powersOfTen[shift])
        if overflow {
          order = 1
        } else {
          order = scaled.magnitude == low.magnitude ? 0 : (scaled.magnitude < low.magnitude ? -1 : 1)
        }
      } else {
        order = 1
      }
      if sa < 0 { order = -order }
      return highIsA ? order : -order
    }
    let (wa, wb) = (a.wide, b.wide)
    let (sa, sb) = (a.signum, b.signum)
    if sa != sb { return sa < sb ? -1 : 1 }
    let order = compareMagnitudes(wa, wb)
    return sa < 0 ? -order : order
  }

  private static func compareMagnitudes(_ a: Wide, _ b: Wide) -> Int {
    if a.magnitude.isZero || b.magnitude.isZero {
      return a.magnitude.isZero ? (b.magnitude.isZero ? 0 : -1) : 1
    }
    // Compare orders of magnitude first; only equal orders need aligning, and then the
    // exponents differ by no more than the digit counts do.
    let orderA = a.magnitude.decimalDigitCount + a.exponent
    let orderB = b.magnitude.decimalDigitCount + b.exponent
    if orderA != orderB { return orderA < orderB ? -1 : 1 }
    var (ma, mb) = (a.magnitude, b.magnitude)
    if a.exponent > b.exponent {
      ma.multiply(byPowerOfTen: a.exponent - b.exponent)
    } else {
      mb.multiply(byPowerOfTen: b.exponent - a.exponent)
    }
    return BigUInt.compare(ma, mb)
  }

  // MARK: - Arithmetic

  static func + (a: DecimalAmount, b: DecimalAmount) -> DecimalAmount {
    if b.isZero { return a }
    if a.isZero { return b }
    if case .small(let ma, let ea) = a, case .small(let mb, let eb) = b {
      if ea == eb {
        let (sum, overflow) = ma.addingReportingOverflow(mb)
        if !overflow { return DecimalAmount(sum, exponent: ea) }
      } else {
        let (high, low, lowExponent) = ea > eb ? (ma, mb, eb) : (mb, ma, ea)
        let shift = abs(ea - eb)
        if shift <= 18 {
          let (scaled, overflow) = high.multipliedReportingOverflow(by: powersOfTen[shift])
          if !overflow {
            let (sum, overflow) = scaled.addingReportingOverflow(low)
            if !overflow { return DecimalAmount(sum, exponent: lowExponent) }
          }
        }
      }
    }
    return DecimalAmount(addWide(a.wide, b.wide))
  }

  static func - (a: DecimalAmount, b: DecimalAmount) -> DecimalAmount { a + b.negated }

  /// The most digits the slow path will add to align two exponents.
  static let maximumAlignment = 512

  private static func addWide(_ a: Wide, _ b: Wide) -> Wide {
    var (a, b) = (a, b)
    // Simulation: upstream aligns any two exponents exactly. Past `maximumAlignment` digits
    // (say 1e600 + 1) the smaller term cannot change a printed quantity, so it is dropped
    // rather than building a number with millions of digits.
    if abs(a.exponent - b.exponent) > maximumAlignment {
      return compareMagnitudes(a, b) >= 0 ? a : b
    }
    if a.exponent > b.exponent {
      a.magnitude.multiply(byPowerOfTen: a.exponent - b.exponent)
      a.exponent = b.exponent
    } else if b.exponent > a.exponent {
      b.magnitude.multiply(byPowerOfTen: b.exponent - a.exponent)
      b.exponent = a.exponent
    }
    if a.negative == b.negative {
      return Wide(negative: a.negative, magnitude: a.magnitude + b.magnitude, exponent: a.exponent)
    }
    if BigUInt.compare(a.magnitude, b.magnitude) >= 0 {
      return Wide(negative: a.negative, magnitude: a.magnitude - b.magnitude, exponent: a.exponent)
    }
    return Wide(negative: b.negative, magnitude: b.magnitude - a.magnitude, exponent: a.exponent)
  }

  /// The value rounded away from zero to a multiple of 10^`exponent` (upstream rounds parsed
  /// values up to whole nanos this way: "if you want some resources, you should get some").
  func roundedAwayFromZero(toExponent target: Int) -> DecimalAmount {
    switch self {
    case .small(let mantissa, let exponent):
      if exponent >= target { return self }
      let shift = target - exponent
      if shift > 18 { return DecimalAmount(mantissa < 0 ? -1 : 1, exponent: target) }
      let divisor = DecimalAmount.powersOfTen[shift]
      var quotient = mantissa / divisor
      if mantissa % divisor != 0 { quotient += mantissa < 0 ? -1 : 1 }
      return DecimalAmount(quotient, exponent: target)
    case .large(let negative, var magnitude, let exponent):
      if exponent >= target { return self }
      let shift = target - exponent
      let inexact: Bool
      if shift > magnitude.decimalDigitCount {
        magnitude = BigUInt()
        inexact = true
      } else {
        inexact = magnitude.divide(byPowerOfTen: shift)
      }
      if inexact { magnitude = magnitude + BigUInt(1) }
      return DecimalAmount(Wide(negative: negative, magnitude: magnitude, exponent: target))
    }
  }

  /// ceil(value / 10^`scale`) rounded away from zero, saturating at the Int64 limits
  /// (upstream's `ScaledValue`; upstream's result is undefined on overflow).
  func scaledValue(_ scale: Int) -> Int64 {
    switch self {
    case .small(let mantissa, let exponent):
      if mantissa == 0 { return 0 }
      let shift = exponent - scale
      if shift >= 0 {
        if shift > 18 { return mantissa < 0 ? .min : .max }
        let (scaled, overflow) = mantissa.multipliedReportingOverflow(by: DecimalAmount.powersOfTen[shift])
        return overflow ? (mantissa < 0 ? .min : .max) : scaled
      }
      if -shift > 18 { return mantissa < 0 ? -1 : 1 }
      let divisor = DecimalAmount.powersOfTen[-shift]
      var quotient = mantissa / divisor
      if mantissa % divisor != 0 { quotient += mantissa < 0 ? -1 : 1 }
      return quotient
    case .large(let negative, var magnitude, let exponent):
      let shift = exponent - scale
      if shift >= 0 {
        if magnitude.decimalDigitCount + shift > 19 { return negative ? .min : .max }
        magnitude.multiply(byPowerOfTen: shift)
      } else if -shift > magnitude.decimalDigitCount {
        return negative ? -1 : 1
      } else if magnitude.divide(byPowerOfTen: -shift) {
        magnitude = magnitude + BigUInt(1)
      }
      guard let value = magnitude.uint64Value, value <= UInt64(Int64.max) else {
        return negative ? .min : .max
      }
      return negative ? -Int64(value) : Int64(value)
    }
  }

  // MARK: - Canonical digits

  /// Sign and digits of the value as `digits × 10^exponent` with the exponent lowered to a
  /// multiple of three (upstream's AsCanonicalBytes): 1.5 → ("1500", -3), 1e4 → ("10", 3).
  var canonicalDecimal: (digits: String, exponent: Int) {
    let (negative, magnitudeText, exponent): (Bool, String, Int)
    switch self {
    case .small(let mantissa, let e):
      (negative, magnitudeText, exponent) = (mantissa < 0, String(mantissa.magnitude), e)
    case .large(let n, let magnitude, let e): (negative, magnitudeText, exponent) = (n, magnitude.decimalString, e)
    }
    var padding = 0
    while (exponent - padding) % 3 != 0 { padding += 1 }
    let digits = magnitudeText + String(repeating: "0", count: padding)
    return (negative ? "-" + digits : digits, exponent - padding)
  }

  /// For an integer value: sign and digits of `digits × 1024^power`, with as many factors of
  /// 1024 taken out as the largest binary suffix allows (upstream's AsCanonicalBase1024Bytes).
  var canonicalBinary: (digits: String, power: Int) {
    let wide = self.wide
    var magnitude = wide.magnitude
    magnitude.multiply(byPowerOfTen: wide.exponent)
    var power = 0
    // Simulation: upstream keeps dividing past Ei (and then prints no suffix at all); we stop
    // at Ei so that a sum beyond 1024Ei still prints its true value.
    while power < 6, BigUInt.compare(magnitude, BigUInt(1024)) >= 0, magnitude.remainder(dividingBy: 1024) == 0 {
      magnitude.divide(by: 1024)
      power += 1
    }
    let digits = magnitude.decimalString
    return (wide.negative ? "-" + digits : digits, power)
  }
}
