// EtcdctlFormat: the Go formatting etcdctl's printers rely on (%q, encoding/json, base64, humanize, tablewriter).

enum EtcdctlFormat {
  // MARK: - Go's %q (strconv.Quote)

  /// A Go double-quoted string literal: `"a\"b\n"`, non-printable runes escaped.
  static func goQuote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\u{07}": out += "\\a"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{0B}": out += "\\v"
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      default:
        if scalar.value < 0x20 || scalar.value == 0x7f {
          out += "\\x" + hex(UInt64(scalar.value), width: 2)
        } else if isGoPrintable(scalar) {
          out.unicodeScalars.append(scalar)
        } else if scalar.value < 0x10000 {
          out += "\\u" + hex(UInt64(scalar.value), width: 4)
        } else {
          out += "\\U" + hex(UInt64(scalar.value), width: 8)
        }
      }
    }
    return out + "\""
  }

  /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
  private static func isGoPrintable(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == " " { return true }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber,
      .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
      .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
      return true
    default:
      return false
    }
  }

  // MARK: - encoding/json

  /// A JSON string as Go's encoding/json writes it (HTML-safe: `<`, `>`, `&` escaped).
  static func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "<", ">", "&", "\u{2028}", "\u{2029}": out += "\\u" + hex(UInt64(scalar.value), width: 4)
      default:
        if scalar.value < 0x20 {
          out += "\\u" + hex(UInt64(scalar.value), width: 4)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// A JSON object from `(name, rendered value)` pairs, in order, `nil` values left out (`omitempty`).
  static func jsonObject(_ fields: [(String, String?)]) -> String {
    "{" + fields.compactMap { name, value in value.map { "\"\(name)\":\($0)" } }.joined(separator: ",") + "}"
  }

  /// An integer field with `omitempty`: nil when zero.
  static func omitZero<I: BinaryInteger>(_ n: I) -> String? { n == 0 ? nil : "\(n)" }

  /// A bytes field (base64) with `omitempty`: nil when empty.
  static func omitEmptyBytes(_ s: String) -> String? { s.isEmpty ? nil : "\"" + base64(s) + "\"" }

  // MARK: - Bytes

  /// Standard base64 with padding, of the UTF-8 bytes of `s` (how Go's JSON encodes `[]byte`).
  static func base64(_ s: String) -> String {
    let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    let bytes = Array(s.utf8)
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i < bytes.count {
      let b0 = UInt32(bytes[i])
      let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
      let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
      let n = b0 << 16 | b1 << 8 | b2
      out.append(table[Int(n >> 18 & 63)])
      out.append(table[Int(n >> 12 & 63)])
      out.append(i + 1 < bytes.count ? table[Int(n >> 6 & 63)] : UInt8(ascii: "="))
      out.append(i + 2 < bytes.count ? table[Int(n & 63)] : UInt8(ascii: "="))
      i += 3
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// etcdctl's `--hex` form of a byte string: `\x66\x6f\x6f`.
  static func hexBytes(_ s: String) -> String {
    s.utf8.map { "\\x" + hex(UInt64($0), width: 2) }.joined()
  }

  /// Lower-case hex, zero-padded to `width` (Go's `%0Nx`; `%x` with width 0).
  static func hex(_ n: UInt64, width: Int = 0) -> String {
    let digits = String(n, radix: 16)
    return digits.count < width ? String(repeating: "0", count: width - digits.count) + digits : digits
  }

  // MARK: - go-humanize

  /// go-humanize's `Bytes`: SI units, one decimal below 10 (`20 kB`, `1.5 MB`, `512 B`).
  static func humanizeBytes(_ size: Int64) -> String {
    let s = UInt64(max(0, size))
    if s < 10 { return "\(s) B" }
    let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"]
    var exponent = 0
    var scale: UInt64 = 1
    while exponent < units.count - 1, s / scale >= 1000 {
      scale *= 1000
      exponent += 1
    }
    // val = floor(s/scale*10 + 0.5) / 10, kept in tenths.
    let tenths = Int64((Double(s) / Double(scale) * 10 + 0.5).rounded(.down))
    if tenths < 100 { return "\(tenths / 10).\(tenths % 10) \(units[exponent])" }
    // Go's %.0f rounds the exact value half to even.
    var whole = tenths / 10
    let rest = tenths % 10
    if rest > 5 || (rest == 5 && whole % 2 == 1) { whole += 1 }
    return "\(whole) \(units[exponent])"
  }

  // MARK: - tablewriter

  /// A table as olekukonko/tablewriter draws it with etcdctl 3.5's settings (`ALIGN_RIGHT`):
  /// upper-case centred headers, every cell right-aligned.
  static func table(header: [String], rows: [[String]]) -> String {
    let titles = header.map { $0.uppercased() }
    var widths = titles.map(\.count)
    for row in rows {
      for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
    }
    let rule = "+" + widths.map { String(repeating: "-", count: $0 + 2) + "+" }.joined() + "\n"
    func line(_ cells: [String], _ pad: (String, Int) -> String) -> String {
      "|" + cells.enumerated().map { " " + pad($1, widths[$0]) + " |" }.joined() + "\n"
    }
    var out = rule + line(titles, center) + rule
    for row in rows { out += line(row, padLeft) }
    return out + rule
  }

  private static func center(_ s: String, _ width: Int) -> String {
    let gap = width - s.count
    guard gap > 0 else { return s }
    return String(repeating: " ", count: gap / 2) + s + String(repeating: " ", count: gap - gap / 2)
  }

  private static func padLeft(_ s: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - s.count)) + s
  }
}
