// GoFormat: Go's %q and %#v spellings of strings, so that error messages quote values as upstream's do.

enum GoFormat {
  /// `strconv.Quote` / `%q`: double quotes, with backslash escapes for quotes, backslashes and
  /// control characters; printable Unicode is kept as is.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\u{07}": result += "\\a"
      case "\u{08}": result += "\\b"
      case "\u{0C}": result += "\\f"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\u{0B}": result += "\\v"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          result += "\\x" + hex(scalar.value, width: 2)
        } else if scalar.value >= 0x80 && scalar.value < 0xA0 {
          result += "\\u" + hex(scalar.value, width: 4)
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }

  /// `%#v` of a `[]string`: `[]string(nil)`, `[]string{}`, `[]string{"a", "b"}`.
  static func stringSlice(_ values: [String]?) -> String {
    guard let values else { return "[]string(nil)" }
    return "[]string{" + values.map(quoted).joined(separator: ", ") + "}"
  }

  /// Go's `<` on strings: byte-wise, which Swift's `<` on String is not for all of Unicode.
  static func less(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

  private static func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
