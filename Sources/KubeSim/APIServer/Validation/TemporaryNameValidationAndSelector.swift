// TEMPORARY: stand-ins for NameValidation, Selector and LabelSelector.asSelector() that branch
// `quantity` provides (same API, fewer checks). Delete this file when merging that branch.

public enum NameValidation {
  static func isAlnumLower(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 48 && c <= 57) }
  static func isAlnum(_ c: UInt8) -> Bool { isAlnumLower(c) || (c >= 65 && c <= 90) }
  static func label(_ b: ArraySlice<UInt8>) -> Bool {
    guard let f = b.first, let l = b.last, isAlnumLower(f), isAlnumLower(l) else { return false }
    return b.allSatisfy { isAlnumLower($0) || $0 == 45 }
  }
  static func subdomain(_ s: String) -> Bool {
    let parts = Array(s.utf8).split(separator: 46, omittingEmptySubsequences: false)
    return !parts.isEmpty && parts.allSatisfy(label)
  }
  static func qualifiedPart(_ s: Substring) -> Bool {
    let b = Array(s.utf8)
    guard let f = b.first, let l = b.last, isAlnum(f), isAlnum(l) else { return false }
    return b.allSatisfy { isAlnum($0) || $0 == 45 || $0 == 95 || $0 == 46 }
  }
  public static func isDNS1123Label(_ v: String) -> [String] {
    var e: [String] = []
    if v.utf8.count > 63 { e.append("must be no more than 63 characters") }
    if !label(Array(v.utf8)[...]) {
      e.append(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
      )
    }
    return e
  }
  public static func isDNS1123Subdomain(_ v: String) -> [String] {
    var e: [String] = []
    if v.utf8.count > 253 { e.append("must be no more than 253 characters") }
    if !subdomain(v) {
      e.append(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
      )
    }
    return e
  }
  public static func isDNS1035Label(_ v: String) -> [String] {
    var e: [String] = []
    if v.utf8.count > 63 { e.append("must be no more than 63 characters") }
    if !label(Array(v.utf8)[...]) || !(v.utf8.first.map { $0 >= 97 && $0 <= 122 } ?? false) {
      e.append(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
      )
    }
    return e
  }
  public static func isQualifiedName(_ v: String) -> [String] {
    let parts = v.split(separator: "/", omittingEmptySubsequences: false)
    var e: [String] = []
    let name = parts.last!
    if parts.count > 2 { return ["a qualified name is invalid"] }
    if parts.count == 2 {
      if parts[0].isEmpty {
        e.append("prefix part must be non-empty")
      } else {
        e += isDNS1123Subdomain(String(parts[0])).map { "prefix part " + $0 }
      }
    }
    if name.isEmpty {
      e.append("name part must be non-empty")
    } else if name.utf8.count > 63 {
      e.append("name part must be no more than 63 characters")
    }
    if !qualifiedPart(name) {
      e.append(
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
      )
    }
    return e
  }
  public static func isValidLabelValue(_ v: String) -> [String] {
    var e: [String] = []
    if v.utf8.count > 63 { e.append("must be no more than 63 characters") }
    if !v.isEmpty && !qualifiedPart(Substring(v)) {
      e.append(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
      )
    }
    return e
  }
  static func mask(_ n: String) -> String {
    guard n.utf8.count > 1, n.hasSuffix("-") else { return n }
    return String(decoding: n.utf8.dropLast(2), as: UTF8.self) + "a"
  }
  public static func nameIsDNSSubdomain(_ n: String, prefix: Bool) -> [String] {
    isDNS1123Subdomain(prefix ? mask(n) : n)
  }
  public static func nameIsDNSLabel(_ n: String, prefix: Bool) -> [String] { isDNS1123Label(prefix ? mask(n) : n) }
  public static func nameIsDNS1035Label(_ n: String, prefix: Bool) -> [String] { isDNS1035Label(prefix ? mask(n) : n) }
}

public struct SelectorError: Error, Sendable, Hashable {
  public let message: String
}

public struct Selector: Sendable, Hashable {
  var nothing: Bool
  var labels: [String: String]
  var expressions: [LabelSelectorRequirement]
  public var isEmpty: Bool { !nothing && labels.isEmpty && expressions.isEmpty }
  public func matches(_ l: [String: String]) -> Bool {
    if nothing { return false }
    for (k, v) in labels where l[k] != v { return false }
    for e in expressions {
      let have = l[e.key]
      switch e.operator {
      case "In": if !(have.map { (e.values ?? []).contains($0) } ?? false) { return false }
      case "NotIn": if let h = have, (e.values ?? []).contains(h) { return false }
      case "Exists": if have == nil { return false }
      case "DoesNotExist": if have != nil { return false }
      default: return false
      }
    }
    return true
  }
}

extension Optional where Wrapped == LabelSelector {
  public func asSelector() throws(SelectorError) -> Selector {
    guard let s = self else { return Selector(nothing: true, labels: [:], expressions: []) }
    for e in s.matchExpressions ?? [] where !["In", "NotIn", "Exists", "DoesNotExist"].contains(e.operator) {
      throw SelectorError(message: "\"\(e.operator)\" is not a valid pod selector operator")
    }
    return Selector(nothing: false, labels: s.matchLabels ?? [:], expressions: s.matchExpressions ?? [])
  }
}
