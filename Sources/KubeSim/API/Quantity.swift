// Quantity: resource amounts such as 100m, 0.5, 64Mi, 1Gi, 1e3 (resource.Quantity).
// PLACEHOLDER API — the full parser and canonical printer replace this file.

public struct Quantity: Sendable, Hashable, Codable, CustomStringConvertible {
  public var text: String
  public init(_ text: String) { self.text = text }
  public var description: String { text }
  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      text = "0"
    } else if let i = try? c.decode(Int64.self) {
      text = String(i)
    } else {
      text = try c.decode(String.self)
    }
  }
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(text)
  }
}
