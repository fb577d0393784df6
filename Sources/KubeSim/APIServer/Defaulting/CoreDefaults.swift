// CoreDefaults: the small core/v1 defaults (Secret, Node, Endpoints) and discovery/v1 EndpointSlice ports.

extension Secret: SchemeDefaultable {
  /// `type: Opaque`, and `stringData` merged into `data` base64-encoded (conversion drops
  /// `stringData`; its keys win over `data`'s).
  public mutating func applyDefaults() {
    if type.isEmpty { type = SecretType.opaque }
    for key in stringData.keys.sorted() { data[key] = Base64.encode(Array(stringData[key]!.utf8)) }
    stringData = [:]
  }
}

extension Node: SchemeDefaultable {
  /// Upstream `SetDefaults_NodeStatus`: allocatable defaults to capacity.
  public mutating func applyDefaults() {
    if status.allocatable.isEmpty && !status.capacity.isEmpty { status.allocatable = status.capacity }
  }
}

extension Endpoints: SchemeDefaultable {
  /// Upstream `SetDefaults_Endpoints`: port protocol TCP.
  public mutating func applyDefaults() {
    for i in subsets.indices {
      for j in subsets[i].ports.indices where subsets[i].ports[j].protocol.isEmpty {
        subsets[i].ports[j].protocol = PortProtocol.tcp
      }
    }
  }
}

extension EndpointSlice: SchemeDefaultable {
  /// discovery/v1 `SetDefaults_EndpointPort`: name "" and protocol TCP when unset.
  public mutating func applyDefaults() {
    for i in ports.indices {
      if ports[i].name == nil { ports[i].name = "" }
      if ports[i].protocol == nil { ports[i].protocol = PortProtocol.tcp }
    }
  }
}

/// Standard base64 (RFC 4648, padded), as Go's `[]byte` fields are encoded in JSON.
enum Base64 {
  private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  static func encode(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i < bytes.count {
      let b0 = bytes[i]
      let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
      let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
      out.append(alphabet[Int(b0 >> 2)])
      out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
      out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0f) << 2 | b2 >> 6)] : UInt8(ascii: "="))
      out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3f)] : UInt8(ascii: "="))
      i += 3
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Decodes padded standard base64; nil for malformed input.
  static func decode(_ text: String) -> [UInt8]? {
    var values: [UInt8] = []
    var padding = 0
    for c in text.utf8 {
      if c == UInt8(ascii: "=") {
        padding += 1
        continue
      }
      guard padding == 0, let v = alphabet.firstIndex(of: c) else { return nil }
      values.append(UInt8(v))
    }
    guard (values.count + padding) % 4 == 0, padding <= 2 else { return nil }
    var out: [UInt8] = []
    var i = 0
    while i < values.count {
      let chunk = Array(values[i..<min(i + 4, values.count)])
      if chunk.count >= 2 { out.append(chunk[0] << 2 | chunk[1] >> 4) }
      if chunk.count >= 3 { out.append(chunk[1] << 4 | chunk[2] >> 2) }
      if chunk.count == 4 { out.append(chunk[2] << 6 | chunk[3]) }
      i += 4
    }
    return out
  }
}
