// KubeObject+Codec: turning typed objects into the JSON kubectl shows, and back.

extension KubeObject {
  /// The object as the apiserver serves it: `apiVersion`, `kind`, then its fields (keys sorted).
  public var json: JSON {
    var j = (try? TreeEncoder().encode(self)) ?? .emptyObject
    if case .object = j {} else { j = .emptyObject }
    j["apiVersion"] = .string(Self.resource.apiVersion)
    j["kind"] = .string(Self.resource.kind)
    return j.sortedKeys()
  }

  /// Decodes from a tree, ignoring `apiVersion` and `kind`. Returns the unknown fields dropped.
  public static func decode(from json: JSON) throws -> (object: Self, unknownFields: [String]) {
    let (value, unknown) = try TreeDecoder().decodeReportingUnknownFields(
      Self.self, from: json, ignoring: ["apiVersion", "kind"])
    return (value, unknown.map(fieldPath))
  }
}

/// Compares two type-erased objects.
public func sameObject(_ a: any KubeObject, _ b: any KubeObject) -> Bool {
  func eq<T: KubeObject>(_ x: T, _ y: any KubeObject) -> Bool { (y as? T) == x }
  return eq(a, b)
}
