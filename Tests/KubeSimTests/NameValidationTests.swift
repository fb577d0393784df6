// Tests for name validation messages (util/validation) and generated names (storage/names, util/rand).
import Testing

@testable import KubeSim

@Suite struct NameValidationTests {
  static let labelMessage =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
  static let subdomainMessage =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
  static let dns1035Message =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
  static let nameMessage =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
  static let valueMessage =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
  static let a64 = String(repeating: "a", count: 64)

  @Test(arguments: [
    ("my-name", [String]()),
    ("123-abc", []),
    ("a", []),
    ("", [labelMessage]),
    ("-a", [labelMessage]),
    ("a-", [labelMessage]),
    ("My-name", [labelMessage]),
    ("a_b", [labelMessage]),
    ("a.b", ["must not contain dots"]),
    (a64, ["must be no more than 63 characters"]),
    (String(repeating: "a", count: 63) + ".b", ["must be no more than 63 characters", "must not contain dots"]),
  ])
  func dns1123Label(value: String, errors: [String]) {
    #expect(NameValidation.isDNS1123Label(value) == errors)
  }

  @Test(arguments: [
    ("example.com", [String]()),
    ("nginx-7854ff8877-x2x9k", []),
    ("a", []),
    ("", [subdomainMessage]),
    ("a..b", [subdomainMessage]),
    ("Example.com", [subdomainMessage]),
    ("a.-b", [subdomainMessage]),
    (String(repeating: "a", count: 254), ["must be no more than 253 characters"]),
  ])
  func dns1123Subdomain(value: String, errors: [String]) {
    #expect(NameValidation.isDNS1123Subdomain(value) == errors)
  }

  @Test(arguments: [
    ("my-name", [String]()),
    ("abc-123", []),
    ("a", []),
    ("123-abc", [dns1035Message]),
    ("a-", [dns1035Message]),
    ("a.b", [dns1035Message]),
    ("", [dns1035Message]),
    (a64, ["must be no more than 63 characters"]),
  ])
  func dns1035Label(value: String, errors: [String]) {
    #expect(NameValidation.isDNS1035Label(value) == errors)
  }

  @Test(arguments: [
    ("app", [String]()),
    ("example.com/MyName", []),
    ("app.kubernetes.io/name", []),
    ("a_b.c-d", []),
    ("/a", ["prefix part must be non-empty"]),
    ("a/", ["name part must be non-empty", nameMessage]),
    ("", ["name part must be non-empty", nameMessage]),
    ("_a", [nameMessage]),
    (a64, ["name part must be no more than 63 characters"]),
    ("Example.com/a", ["prefix part " + subdomainMessage]),
    (
      "a/b/c",
      [
        "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
      ]
    ),
  ])
  func qualifiedName(value: String, errors: [String]) {
    #expect(NameValidation.isQualifiedName(value) == errors)
  }

  @Test(arguments: [
    ("", [String]()),
    ("MyValue", []),
    ("my_value", []),
    ("12345", []),
    ("1.2.3", []),
    ("a-", [valueMessage]),
    ("a b", [valueMessage]),
    (a64, ["must be no more than 63 characters"]),
  ])
  func labelValue(value: String, errors: [String]) {
    #expect(NameValidation.isValidLabelValue(value) == errors)
  }

  @Test func generateNamePrefixesMayEndInADash() {
    #expect(NameValidation.nameIsDNSSubdomain("nginx-", prefix: true) == [])
    #expect(NameValidation.nameIsDNSSubdomain("nginx-", prefix: false) == [NameValidationTests.subdomainMessage])
    #expect(NameValidation.nameIsDNSLabel("web-", prefix: true) == [])
    #expect(NameValidation.nameIsDNS1035Label("1web-", prefix: true) == [NameValidationTests.dns1035Message])
    #expect(NameValidation.maskTrailingDash("ab-") == "aa")
    #expect(NameValidation.maskTrailingDash("-") == "-")
    #expect(NameValidation.maskTrailingDash("ab") == "ab")
  }

  // MARK: - Generated names

  @Test func generateNameAppendsFiveCharacters() {
    var bounds: [Int] = []
    var next = 0
    let name = NameGenerator.generateName(base: "nginx-7854ff8877-") { bound in
      bounds.append(bound)
      defer { next += 1 }
      return next
    }
    #expect(name == "nginx-7854ff8877-bcdfg")
    #expect(bounds == [27, 27, 27, 27, 27])
  }

  @Test func generateNameTruncatesTheBaseTo58() {
    let base = String(repeating: "x", count: 70)
    let name = NameGenerator.generateName(base: base) { $0 - 1 }
    #expect(name == String(repeating: "x", count: 58) + "99999")
    #expect(name.count == 63)
  }

  struct CountingGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state
    }
  }

  @Test func generateNameFromASeededGenerator() {
    var first = CountingGenerator(state: 42)
    var second = CountingGenerator(state: 42)
    let a = NameGenerator.generateName(base: "web-", using: &first)
    let b = NameGenerator.generateName(base: "web-", using: &second)
    #expect(a == b)
    #expect(a.hasPrefix("web-") && a.count == 9)
    #expect(a.dropFirst(4).allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
  }

  @Test(arguments: [
    ("3410994433", "7854ff8877"),
    ("0123456789", "456789bcdf"),
    ("", ""),
  ])
  func safeEncodeString(input: String, encoded: String) {
    #expect(NameGenerator.safeEncodeString(input) == encoded)
  }
}
