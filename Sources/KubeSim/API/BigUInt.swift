// BigUInt: an unsigned integer of any size, for the rare quantities that outgrow Int64 (upstream uses math/big).

/// A minimal arbitrary-precision unsigned integer: only what `DecimalAmount`'s slow path needs
/// (add, subtract, compare, multiply and divide by a small number, decimal digits).
/// Limbs are 32-bit, least significant first, with no trailing zero limbs (zero has none).
struct BigUInt: Hashable, Sendable {
  private(set) var limbs: [UInt32]

  init() { limbs = [] }

  init(_ value: UInt64) {
    limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
    trim()
  }

  /// Parses ASCII decimal digits; the caller guarantees every byte is `0`...`9`.
  init(decimalDigits digits: some Collection<UInt8>) {
    self.init()
    var chunk: UInt32 = 0
    var chunkLength = 0
    for digit in digits {
      chunk = chunk * 10 + UInt32(digit - UInt8(ascii: "0"))
      chunkLength += 1
      if chunkLength == 9 {
        multiply(by: 1_000_000_000, adding: chunk)
        chunk = 0
        chunkLength = 0
      }
    }
    if chunkLength > 0 { multiply(by: BigUInt.powersOfTen[chunkLength], adding: chunk) }
  }

  static let powersOfTen: [UInt32] = [
    1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
  ]

  var isZero: Bool { limbs.isEmpty }

  /// The value, if it fits in 64 bits.
  var uint64Value: UInt64? {
    switch limbs.count {
    case 0: return 0
    case 1: return UInt64(limbs[0])
    case 2: return UInt64(limbs[0]) | UInt64(limbs[1]) << 32
    default: return nil
    }
  }

  private mutating func trim() {
    while limbs.last == 0 { limbs.removeLast() }
  }

  // MARK: - Arithmetic

  static func compare(_ a: BigUInt, _ b: BigUInt) -> Int {
    if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count ? -1 : 1 }
    for i in a.limbs.indices.reversed() where a.limbs[i] != b.limbs[i] {
      return a.limbs[i] < b.limbs[i] ? -1 : 1
    }
    return 0
  }

  static func + (a: BigUInt, b: BigUInt) -> BigUInt {
    var result = BigUInt()
    result.limbs.reserveCapacity(max(a.limbs.count, b.limbs.count) + 1)
    var carry: UInt64 = 0
    for i in 0..<max(a.limbs.count, b.limbs.count) {
      let sum =
        UInt64(i < a.limbs.count ? a.limbs[i] : 0) + UInt64(i < b.limbs.count ? b.limbs[i] : 0) + carry
      result.limbs.append(UInt32(truncatingIfNeeded: sum))
      carry = sum >> 32
    }
    if carry != 0 { result.limbs.append(UInt32(carry)) }
    return result
  }

  /// `a - b`; the caller guarantees `a >= b`.
  static func - (a: BigUInt, b: BigUInt) -> BigUInt {
    var result = a
    var borrow: Int64 = 0
    for i in result.limbs.indices {
      var difference = Int64(result.limbs[i]) - Int64(i < b.limbs.count ? b.limbs[i] : 0) - borrow
      borrow = 0
      if difference < 0 {
        difference += 1 << 32
        borrow = 1
      }
      result.limbs[i] = UInt32(difference)
    }
    result.trim()
    return result
  }

  mutating func multiply(by factor: UInt32, adding addend: UInt32 = 0) {
    var carry = UInt64(addend)
    for i in limbs.indices {
      let product = UInt64(limbs[i]) * UInt64(factor) + carry
      limbs[i] = UInt32(truncatingIfNeeded: product)
      carry = product >> 32
    }
    if carry != 0 { limbs.append(UInt32(carry)) }
    trim()
  }

  /// Divides in place by a non-zero `divisor` and returns the remainder.
  @discardableResult
  mutating func divide(by divisor: UInt32) -> UInt32 {
    var remainder: UInt64 = 0
    for i in limbs.indices.reversed() {
      let current = remainder << 32 | UInt64(limbs[i])
      limbs[i] = UInt32(current / UInt64(divisor))
      remainder = current % UInt64(divisor)
    }
    trim()
    return UInt32(remainder)
  }

  func remainder(dividingBy divisor: UInt32) -> UInt32 {
    var remainder: UInt64 = 0
    for limb in limbs.reversed() {
      remainder = (remainder << 32 | UInt64(limb)) % UInt64(divisor)
    }
    return UInt32(remainder)
  }

  mutating func multiply(byPowerOfTen count: Int) {
    var count = count
    while count >= 9 {
      multiply(by: 1_000_000_000)
      count -= 9
    }
    if count > 0 { multiply(by: BigUInt.powersOfTen[count]) }
  }

  mutating func multiply(byPowerOfTwo count: Int) {
    var count = count
    while count >= 31 {
      multiply(by: 1 << 31)
      count -= 31
    }
    if count > 0 { multiply(by: 1 << UInt32(count)) }
  }

  /// Divides in place by 10^count (truncating) and reports whether a non-zero remainder was dropped.
  @discardableResult
  mutating func divide(byPowerOfTen count: Int) -> Bool {
    var inexact = false
    var count = count
    while count > 0 && !isZero {
      let step = min(count, 9)
      if divide(by: BigUInt.powersOfTen[step]) != 0 { inexact = true }
      count -= step
    }
    return inexact
  }

  // MARK: - Decimal text

  var decimalString: String {
    if isZero { return "0" }
    var rest = self
    var chunks: [UInt32] = []
    while !rest.isZero { chunks.append(rest.divide(by: 1_000_000_000)) }
    var text = String(chunks.removeLast())
    for chunk in chunks.reversed() {
      let digits = String(chunk)
      text += String(repeating: "0", count: 9 - digits.count) + digits
    }
    return text
  }

  /// How many decimal digits the value has (zero has one).
  var decimalDigitCount: Int {
    if let small = uint64Value {
      var count = 1
      var rest = small / 10
      while rest > 0 {
        count += 1
        rest /= 10
      }
      return count
    }
    return decimalString.utf8.count
  }
}
