// ConfigMap: non-secret configuration data (core/v1 ConfigMap).

/// core/v1 `ConfigMap`.
public struct ConfigMap: KubeObject, Hashable {
  public static let resource = ResourceType(kind: "ConfigMap", plural: "configmaps", shortNames: ["cm"])

  public var metadata: ObjectMeta = ObjectMeta()
  public var immutable: Bool? = nil
  public var data: [String: String] = [:]
  /// Base64-encoded values.
  public var binaryData: [String: String] = [:]

  public init(metadata: ObjectMeta = ObjectMeta(), data: [String: String] = [:]) {
    self.metadata = metadata
    self.data = data
  }
}
