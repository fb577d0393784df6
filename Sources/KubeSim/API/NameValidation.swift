// NameValidation: the shapes of names, label keys and label values, with upstream's messages (util/validation).

/// Kubernetes' name checks (k8s.io/apimachinery/pkg/util/validation and api/validation's
/// name functions). Each returns upstream's error strings, empty when the value is valid.
/// Lengths count UTF-8 bytes, as Go's `len` does.
public enum NameValidation {
  // MARK: - Message builders

  /// `MaxLenError`: "must be no more than 63 characters".
  public static func maxLengthError(_ length: Int) -> String { "must be no more than \(length) characters" }

  /// `EmptyError`.
  public static let emptyError = "must be non-empty"

  /// `RegexError`: the message, examples and the regex, with upstream's exact punctuation
  /// (including the double space before " or").
  public static func regexError(_ message: String, _ format: String, examples: [String] = []) -> String {
    if examples.isEmpty { return message + " (regex used for validation is '" + format + "')" }
    var text = message + " (e.g. "
    for (index, example) in examples.enumerated() {
      if index > 0 { text += " or " }
      text += "'" + example + "', "
    }
    return text + "regex used for validation is '" + format + "')"
  }

  // MARK: - DNS names

  public static let dns1123LabelMaxLength = 63
  public static let dns1123SubdomainMaxLength = 253
  public static let dns1035LabelMaxLength = 63

  static let dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
  static let dns1123LabelMessage =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
  static let dns1123SubdomainFormat = dns1123LabelFormat + "(\\." + dns1123LabelFormat + ")*"
  static let dns1123SubdomainMessage =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
  static let dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?"
  static let dns1035LabelMessage =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character"

  /// An RFC 1123 label, such as a namespace or node name part: `my-name`, `123-abc`.
  public static func isDNS1123Label(_ value: String) -> [String] {
    var errors: [String] = []
    if value.utf8.count > dns1123LabelMaxLength { errors.append(maxLengthError(dns1123LabelMaxLength)) }
    if !matchesDNS1123Label(value.utf8) {
      if matchesDNS1123Subdomain(value.utf8) {
        // A valid subdomain that is not a valid label: the length was checked, so it has dots.
        errors.append("must not contain dots")
      } else {
        errors.append(regexError(dns1123LabelMessage, dns1123LabelFormat, examples: ["my-name", "123-abc"]))
      }
    }
    return errors
  }

  /// An RFC 1123 subdomain, the rule for most object names: `example.com`.
  public static func isDNS1123Subdomain(_ value: String) -> [String] {
    var errors: [String] = []
    if value.utf8.count > dns1123SubdomainMaxLength { errors.append(maxLengthError(dns1123SubdomainMaxLength)) }
    if !matchesDNS1123Subdomain(value.utf8) {
      errors.append(regexError(dns1123SubdomainMessage, dns1123SubdomainFormat, examples: ["example.com"]))
    }
    return errors
  }

  /// An RFC 1035 label, the rule for Service names: starts with a letter.
  public static func isDNS1035Label(_ value: String) -> [String] {
    var errors: [String] = []
    if value.utf8.count > dns1035LabelMaxLength { errors.append(maxLengthError(dns1035LabelMaxLength)) }
    let bytes = Array(value.utf8)
    if bytes.first.map(isLowerLetter) != true || !matchesDNS1123Label(bytes) {
      errors.append(regexError(dns1035LabelMessage, dns1035LabelFormat, examples: ["my-name", "abc-123"]))
    }
    return errors
  }

  // MARK: - Label keys and values

  public static let qualifiedNameMaxLength = 63
  public static let labelValueMaxLength = 63

  static let qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
  static let qualifiedNameMessage =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
  static let labelValueFormat = "(" + qualifiedNameFormat + ")?"
  static let labelValueMessage =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"

  /// A qualified name, the rule for label and annotation keys: a name of at most 63
  /// characters with an optional DNS subdomain prefix and '/' (`example.com/MyName`).
  public static func isQualifiedName(_ value: String) -> [String] {
    var errors: [String] = []
    let parts = value.split(separator: "/", omittingEmptySubsequences: false)
    let name: Substring
    switch parts.count {
    case 1:
      name = parts[0]
    case 2:
      name = parts[1]
      let prefix = parts[0]
      if prefix.isEmpty {
        errors.append("prefix part " + emptyError)
      } else {
        errors += isDNS1123Subdomain(String(prefix)).map { "prefix part " + $0 }
      }
    default:
      let message = regexError(
        qualifiedNameMessage, qualifiedNameFormat, examples: ["MyName", "my.name", "123-abc"])
      return [
        "a qualified name " + message + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
      ]
    }
    if name.isEmpty {
      errors.append("name part " + emptyError)
    } else if name.utf8.count > qualifiedNameMaxLength {
      errors.append("name part " + maxLengthError(qualifiedNameMaxLength))
    }
    if !matchesQualifiedName(name.utf8) {
      errors.append(
        "name part "
          + regexError(qualifiedNameMessage, qualifiedNameFormat, examples: ["MyName", "my.name", "123-abc"]))
    }
    return errors
  }

  /// A label value: empty, or at most 63 characters shaped like a qualified name's name part.
  public static func isValidLabelValue(_ value: String) -> [String] {
    var errors: [String] = []
    if value.utf8.count > labelValueMaxLength { errors.append(maxLengthError(labelValueMaxLength)) }
    if !value.isEmpty && !matchesQualifiedName(value.utf8) {
      errors.append(regexError(labelValueMessage, labelValueFormat, examples: ["MyValue", "my_value", "12345"]))
    }
    return errors
  }

  // MARK: - Object names (api/validation/generic.go)

  /// The rule for most object names (`NameIsDNSSubdomain`). With `prefix` (checking a
  /// `generateName`), a trailing '-' is allowed because random characters will follow.
  public static func nameIsDNSSubdomain(_ name: String, prefix: Bool) -> [String] {
    isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name)
  }

  /// The rule for namespace and node-like names (`NameIsDNSLabel`).
  public static func nameIsDNSLabel(_ name: String, prefix: Bool) -> [String] {
    isDNS1123Label(prefix ? maskTrailingDash(name) : name)
  }

  /// The rule for Service names (`NameIsDNS1035Label`).
  public static func nameIsDNS1035Label(_ name: String, prefix: Bool) -> [String] {
    isDNS1035Label(prefix ? maskTrailingDash(name) : name)
  }

  /// Upstream's maskTrailingDash, quirk included: it drops the last two characters and
  /// appends "a" ("ab-" → "aa"), which only matters in that the dash no longer ends the name.
  static func maskTrailingDash(_ name: String) -> String {
    guard name.utf8.count > 1, name.hasSuffix("-") else { return name }
    return String(decoding: name.utf8.dropLast(2), as: UTF8.self) + "a"
  }

  // MARK: - Matchers (the regexes above, by hand)

  private static func isLowerLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
  private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
  private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool { isLowerLetter(byte) || isDigit(byte) }
  private static func isAlphanumeric(_ byte: UInt8) -> Bool {
    isLowerAlphanumeric(byte) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
  }

  /// `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`
  private static func matchesDNS1123Label(_ bytes: some BidirectionalCollection<UInt8>) -> Bool {
    guard let first = bytes.first, let last = bytes.last else { return false }
    return isLowerAlphanumeric(first) && isLowerAlphanumeric(last)
      && bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
  }

  /// Dot-separated RFC 1123 labels.
  private static func matchesDNS1123Subdomain(_ bytes: some BidirectionalCollection<UInt8>) -> Bool {
    bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy {
      matchesDNS1123Label($0)
    }
  }

  /// `^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$`
  private static func matchesQualifiedName(_ bytes: some BidirectionalCollection<UInt8>) -> Bool {
    guard let first = bytes.first, let last = bytes.last else { return false }
    return isAlphanumeric(first) && isAlphanumeric(last)
      && bytes.allSatisfy {
        isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
      }
  }
}
