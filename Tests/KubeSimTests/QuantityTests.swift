// Tests for Quantity: parsing, canonical printing, arithmetic and Codable, against upstream's tables.
import Foundation
import Testing

@testable import KubeSim

@Suite struct QuantityTests {
  // MARK: - Parsing and printing

  /// Input, what `String()` prints, and the format it keeps. Cases from the brief and from
  /// upstream's quantity_test.go (TestQuantityParse, TestQuantityParseEmit).
  @Test(arguments: [
    ("100m", "100m", Quantity.Format.decimalSI),
    ("0.5", "500m", .decimalSI),
    ("1", "1", .decimalSI),
    ("64Mi", "64Mi", .binarySI),
    ("1Gi", "1Gi", .binarySI),
    ("1e3", "1e3", .decimalExponent),
    ("1E3", "1E3", .decimalExponent),  // canonical text is kept as written
    ("128974848", "128974848", .decimalSI),
    ("129M", "129M", .decimalSI),
    ("123Mi", "123Mi", .binarySI),
    ("+1", "+1", .decimalSI),
    ("-1", "-1", .decimalSI),
    (".5", "500m", .decimalSI),
    ("1.5Gi", "1536Mi", .binarySI),
    ("500u", "500u", .decimalSI),
    ("10n", "10n", .decimalSI),
    ("1Ki", "1Ki", .binarySI),
    ("1Ti", "1Ti", .binarySI),
    ("1Pi", "1Pi", .binarySI),
    ("1Ei", "1Ei", .binarySI),
    ("1k", "1k", .decimalSI),
    ("1M", "1M", .decimalSI),
    ("1G", "1G", .decimalSI),
    ("1T", "1T", .decimalSI),
    ("1P", "1P", .decimalSI),
    ("1E", "1E", .decimalSI),
    ("1000", "1k", .decimalSI),
    ("1024Mi", "1Gi", .binarySI),
    ("129e6", "129e6", .decimalExponent),
    ("0.1", "100m", .decimalSI),
    ("1.0001", "1000100u", .decimalSI),
    ("500Ki", "500Ki", .binarySI),
    ("1000M", "1G", .decimalSI),
    (".001Ki", "1024m", .binarySI),
    (".000001Ki", "1024u", .decimalSI),  // binary below 1 becomes DecimalSI
    (".000000001Ki", "1024n", .decimalSI),
    (".000000000001Ki", "2n", .decimalSI),  // rounds up, changes format
    ("0", "0", .decimalSI),
    ("0n", "0", .decimalSI),
    ("0Ki", "0", .binarySI),
    ("0Ti", "0", .binarySI),
    ("-0", "0", .decimalSI),
    ("100.035k", "100.035k", .decimalSI),  // upstream keeps text whose scale is a multiple of 3
    ("1.5k", "1500", .decimalSI),
    ("0.0005k", "500m", .decimalSI),
    ("0.00050k", "500m", .decimalSI),
    ("0.5e0", "500e-3", .decimalExponent),
    ("0.5e-2", "5e-3", .decimalExponent),
    ("1.2e3", "1200", .decimalExponent),
    ("1.3E+6", "1300e3", .decimalExponent),
    ("1.7E18", "1700e15", .decimalExponent),
    ("9.01", "9010m", .decimalSI),
    ("7.123456M", "7.123456M", .decimalSI),
    ("7.1234560M", "7123456", .decimalSI),
    ("6.987654321G", "6.987654321G", .decimalSI),
    ("2.5P", "2500T", .decimalSI),
    ("1.01E", "1010P", .decimalSI),
    ("3.001n", "4n", .decimalSI),
    ("1.1E-9", "2e-9", .decimalExponent),
    ("0.0000000001", "1n", .decimalSI),
    ("0.0000000005", "1n", .decimalSI),
    ("0.00000012345", "124n", .decimalSI),
    ("9Ei", "9223372036854775807", .binarySI),  // capped at 2^63-1
    ("9223372036854775807Ki", "9223372036854775807", .binarySI),
    ("12E", "12E", .decimalSI),
    ("100.035Ki", "102435840m", .binarySI),
    ("0.5Mi", "512Ki", .binarySI),
    ("0.05Gi", "53687091200m", .binarySI),
    ("0.025Ti", "27487790694400m", .binarySI),
    ("1.", "1.", .decimalSI),
    ("1.G", "1.G", .decimalSI),
    ("001", "001", .decimalSI),
    ("1000E", "1e21", .decimalSI),  // no DecimalSI suffix above E
    ("1e-20", "1e-9", .decimalExponent),
    ("12345678901234567890", "12345678901234567890", .decimalSI),
    ("Mi", "0", .binarySI),  // upstream accepts a bare suffix as zero
  ])
  func parseAndPrint(input: String, printed: String, format: Quantity.Format) throws {
    let quantity = try Quantity.parse(input)
    #expect(quantity.description == printed)
    #expect(quantity.format == format)
  }

  static let canonicalCases: [(Int64, Int, Quantity.Format, String, String)] = [
    (1024 * 1024 * 1024, 0, .binarySI, "1Gi", "1024Mi"),
    (300 * 1024 * 1024, 0, .binarySI, "300Mi", "307200Ki"),
    (6 * 1024, 0, .binarySI, "6Ki", ""),
    (1001 * 1024 * 1024 * 1024, 0, .binarySI, "1001Gi", "1025024Mi"),
    (1024 * 1024 * 1024 * 1024, 0, .binarySI, "1Ti", "1024Gi"),
    (5, 0, .binarySI, "5", "5000m"),
    (500, -3, .binarySI, "500m", "0.5"),
    (1, 9, .decimalSI, "1G", "1000M"),
    (1000, 6, .decimalSI, "1G", "0.001T"),
    (1_000_000, 3, .decimalSI, "1G", ""),
    (1_000_000_000, 0, .decimalSI, "1G", ""),
    (1, -3, .decimalSI, "1m", "1000u"),
    (80, -3, .decimalSI, "80m", ""),
    (1080, -3, .decimalSI, "1080m", "1.08"),
    (108, -2, .decimalSI, "1080m", "1080000000n"),
    (10800, -4, .decimalSI, "1080m", ""),
    (300, 6, .decimalSI, "300M", ""),
    (1, 12, .decimalSI, "1T", ""),
    (1, 18, .decimalSI, "1E", ""),
    (1, 21, .decimalSI, "1e21", "1000E"),
    (5, 21, .decimalSI, "5e21", "5000E"),
    (1, 24, .decimalSI, "1e24", "1000000E"),
    (1_234_567, 6, .decimalSI, "1234567M", ""),
    (1_234_567, -3, .binarySI, "1234567m", ""),
    (3, 3, .decimalSI, "3k", ""),
    (1025, 0, .binarySI, "1025", ""),
    (0, 0, .decimalSI, "0", ""),
    (0, 0, .binarySI, "0", ""),
    (1, 9, .decimalExponent, "1e9", ".001e12"),
    (1, -3, .decimalExponent, "1e-3", "0.001e0"),
    (1, -9, .decimalExponent, "1e-9", "1000e-12"),
    (80, -3, .decimalExponent, "80e-3", ""),
    (300, 6, .decimalExponent, "300e6", ""),
    (1, 12, .decimalExponent, "1e12", ""),
    (1, 3, .decimalExponent, "1e3", ""),
    (3, 3, .decimalExponent, "3e3", ""),
    (0, 0, .decimalExponent, "0", "00"),
    (1, -9, .decimalSI, "1n", ""),
    (80, -9, .decimalSI, "80n", ""),
    (1080, -9, .decimalSI, "1080n", ""),
    (108, -8, .decimalSI, "1080n", ""),
    (10800, -10, .decimalSI, "1080n", ""),
    (1, -6, .decimalSI, "1u", ""),
    (80, -6, .decimalSI, "80u", ""),
    (1080, -6, .decimalSI, "1080u", ""),
  ]

  /// Values upstream builds directly (TestQuantityString): the canonical text, and an
  /// alternate spelling that must print the same.
  @Test(arguments: canonicalCases)
  func canonicalString(value: Int64, scale: Int, format: Quantity.Format, expect: String, alternate: String) throws {
    var quantity = Quantity(value: value, scale: scale)
    quantity.format = format
    #expect(quantity.description == expect)
    if value != 0 { #expect((-quantity).description == "-" + expect) }
    // Parsing the canonical text keeps it; an alternate spelling reprints canonically.
    let reparsed = try Quantity.parse(expect)
    #expect(reparsed.description == expect)
    #expect(reparsed == quantity)
    if !alternate.isEmpty {
      let other = try Quantity.parse(alternate)
      #expect(other.description == expect)
      #expect(other == quantity)
    }
  }

  @Test(arguments: [
    ("", Quantity.ParseError.formatWrong),
    ("1.1.M", .formatWrong),
    ("1+1.0M", .formatWrong),
    ("0.1am", .formatWrong),
    ("aoeu", .formatWrong),
    (" 1", .formatWrong),
    ("1 ", .formatWrong),
    ("1e3k", .formatWrong),
    ("0.1mi", .suffix),
    (".5i", .suffix),
    ("1i", .suffix),
    ("-3.01i", .suffix),
    ("-3.01e-", .suffix),
    ("1e", .suffix),
    ("1ki", .suffix),
    ("1KI", .formatWrong),
    ("1e99999999999999999999", .suffix),
  ])
  func rejects(input: String, error: Quantity.ParseError) {
    #expect(throws: error) { try Quantity.parse(input) }
  }

  @Test func errorMessagesAreUpstreams() {
    #expect(
      Quantity.ParseError.formatWrong.description
        == "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
    #expect(Quantity.ParseError.suffix.description == "unable to parse quantity's suffix")
    #expect(Quantity.ParseError.numeric.description == "unable to parse numeric part of quantity")
  }

  // MARK: - Constructors

  @Test(arguments: [
    (Int64(1), Quantity.Format.decimalSI, "1m"),
    (1000, .decimalSI, "1"),
    (1_234_000, .decimalSI, "1234"),
    (1024, .binarySI, "1024m"),
    (1024 * 1024, .binarySI, "1048576m"),
    (-250, .decimalSI, "-250m"),
  ])
  func milliQuantity(milli: Int64, format: Quantity.Format, expect: String) throws {
    let quantity = Quantity(milli: milli, format: format)
    #expect(quantity.description == expect)
    #expect(quantity.milliValue == milli)
  }

  @Test(arguments: [
    (Int64(1), Quantity.Format.decimalSI, "1"),
    (1000, .decimalSI, "1k"),
    (1_234_000, .decimalSI, "1234k"),
    (1024, .binarySI, "1Ki"),
    (1024 * 1024, .binarySI, "1Mi"),
    (1023, .binarySI, "1023"),
    (-1024, .binarySI, "-1Ki"),
    (1_000_000, .decimalExponent, "1e6"),
    (Int64.max, .decimalSI, "9223372036854775807"),
    (Int64.min, .decimalSI, "-9223372036854775808"),
  ])
  func wholeQuantity(value: Int64, format: Quantity.Format, expect: String) throws {
    let quantity = Quantity(value: value, format: format)
    #expect(quantity.description == expect)
    #expect(quantity.value == value)
    #expect(try Quantity.parse(expect).value == value)
  }

  // MARK: - Values

  @Test(arguments: [
    ("100m", Int64(100), Int64(1)),
    ("0.1", 100, 1),
    ("1", 1000, 1),
    ("1.5", 1500, 2),
    ("-1.5", -1500, -2),
    ("1n", 1, 1),
    ("-1n", -1, -1),
    ("1500u", 2, 1),
    ("1Gi", 1_073_741_824_000, 1_073_741_824),
    ("1E", Int64.max, 1_000_000_000_000_000_000),
    ("10E", Int64.max, Int64.max),
    ("-10E", Int64.min, Int64.min),
    ("9Ei", Int64.max, Int64.max),
    ("1Ei", Int64.max, 1_152_921_504_606_846_976),
    ("1e-3", 1, 1),
    ("0", 0, 0),
  ])
  func roundedValues(input: String, milli: Int64, whole: Int64) throws {
    let quantity = try Quantity.parse(input)
    #expect(quantity.milliValue == milli)
    #expect(quantity.value == whole)
  }

  @Test func scaledValueInNanos() throws {
    #expect(try Quantity.parse("1.5").scaledValue(-9) == 1_500_000_000)
    #expect(try Quantity.parse("3k").scaledValue(3) == 3)
    #expect(try Quantity.parse("3001").scaledValue(3) == 4)
  }

  // MARK: - Arithmetic

  @Test(arguments: [
    ("100m", "200m", "300m"),
    ("1Gi", "512Mi", "1536Mi"),
    ("0", "1Gi", "1Gi"),  // a zero takes the other operand's format
    ("100m", "0", "100m"),
    ("1", "500m", "1500m"),
    ("1E3", "0", "1e3"),  // arithmetic drops the kept spelling
    ("+1", "0", "1"),
    ("4Ei", "4Ei", "8Ei"),  // beyond Int64
    ("1E", "1n", "1000000000000000000000000001n"),
    ("1Ei", "1n", "1152921504606846976000000001n"),
    ("9223372036854775807", "1", "9223372036854775808"),
    ("1e100", "1e100", "20e99"),
    ("-1n", "1n", "0"),
  ])
  func addition(lhs: String, rhs: String, sum: String) throws {
    let (a, b) = (try Quantity.parse(lhs), try Quantity.parse(rhs))
    #expect((a + b).description == sum)
    var accumulated = a
    accumulated += b
    #expect(accumulated.description == sum)
    #expect((a + b - b) == a)
  }

  @Test(arguments: [
    ("1", "1500m", "-500m"),
    ("0", "100m", "-100m"),
    ("1Gi", "0", "1Gi"),
    ("2Gi", "1Gi", "1Gi"),
    ("1n", "1E", "-999999999999999999999999999n"),
    ("-9223372036854775807", "1", "-9223372036854775808"),
  ])
  func subtraction(lhs: String, rhs: String, difference: String) throws {
    let (a, b) = (try Quantity.parse(lhs), try Quantity.parse(rhs))
    #expect((a - b).description == difference)
  }

  @Test(arguments: [
    ("0", "0", 0),
    ("100m", "50m", 1),
    ("50m", "100m", -1),
    ("10000T", "100Gi", 1),
    ("1Gi", "1G", 1),
    ("1000m", "1", 0),
    ("1Gi", "1073741824", 0),
    ("-1", "1n", -1),
    ("-2", "-1", -1),
    ("1E", "999999999999999999999999999n", 1),
    ("1e100", "9223372036854775807", 1),
    ("-1e100", "-9223372036854775807", -1),
    ("1n", "1e-3", -1),
    ("1000000000000000001", "1E", 1),
  ])
  func comparison(lhs: String, rhs: String, order: Int) throws {
    let (a, b) = (try Quantity.parse(lhs), try Quantity.parse(rhs))
    #expect(a.compare(b) == order)
    #expect(b.compare(a) == -order)
    #expect((a < b) == (order < 0))
    #expect((a == b) == (order == 0))
  }

  @Test func equalValuesHashAlike() throws {
    let spellings = ["1Gi", "1073741824", "1024Mi", "1.073741824G", "1073741824000m"]
    let set = Set(try spellings.map { try Quantity.parse($0) })
    #expect(set.count == 1)
    #expect(try Quantity.parse("1Gi") != Quantity.parse("1G"))
  }

  @Test func sortsByAmount() throws {
    let sorted = try ["1Gi", "100m", "2", "1G", "-1"].map { try Quantity.parse($0) }.sorted()
    #expect(sorted.map(\.description) == ["-1", "100m", "2", "1G", "1Gi"])
  }

  @Test func zeroAndSign() throws {
    #expect(Quantity.zero.isZero)
    #expect(try Quantity.parse("0Mi").isZero)
    #expect(try Quantity.parse("-0.5").sign == -1)
    #expect(try !Quantity.parse("1n").isZero)
    #expect((-Quantity("1Gi")).description == "-1Gi")
  }

  @Test func literals() {
    let cpu: Quantity = "250m"
    #expect(cpu.milliValue == 250)
    #expect(Quantity("64Mi").value == 64 * 1024 * 1024)
  }

  // MARK: - Codable

  struct Resources: Codable, Equatable {
    var cpu: Quantity
  }

  @Test(arguments: [
    (#"{"cpu":"500m"}"#, "500m"),
    (#"{"cpu":" 1 "}"#, "1"),
    (#"{"cpu":1}"#, "1"),
    (#"{"cpu":-1}"#, "-1"),
    (#"{"cpu":0.5}"#, "500m"),
    (#"{"cpu":2.25}"#, "2250m"),
    (#"{"cpu":null}"#, "0"),
    (#"{"cpu":"+1"}"#, "+1"),
  ])
  func decodes(json: String, printed: String) throws {
    let decoded = try JSONDecoder().decode(Resources.self, from: Data(json.utf8))
    #expect(decoded.cpu.description == printed)
  }

  @Test func malformedStringIsDataCorrupted() {
    do {
      _ = try JSONDecoder().decode(Resources.self, from: Data(#"{"cpu":"1i"}"#.utf8))
      Issue.record("decoded a malformed quantity")
    } catch DecodingError.dataCorrupted(let context) {
      #expect(context.debugDescription == "unable to parse quantity's suffix")
      #expect(context.codingPath.map(\.stringValue) == ["cpu"])
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func encodesThePrintedForm() throws {
    let json = try JSONEncoder().encode(Resources(cpu: Quantity("0.5")))
    #expect(String(decoding: json, as: UTF8.self) == #"{"cpu":"500m"}"#)
    let kept = try JSONEncoder().encode(Resources(cpu: Quantity("1E3")))
    #expect(String(decoding: kept, as: UTF8.self) == #"{"cpu":"1E3"}"#)
  }
}
