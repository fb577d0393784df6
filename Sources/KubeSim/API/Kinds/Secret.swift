// Secret: sensitive data, base64-encoded in `data` (core/v1 Secret).

/// core/v1 `Secret`. `stringData` is write-only: defaulting merges it into `data`.
public struct Secret: KubeObject, Hashable {
  public static let resource = ResourceType(kind: "Secret", plural: "secrets")

  public var metadata: ObjectMeta = ObjectMeta()
  public var immutable: Bool? = nil
  /// Base64-encoded values.
  public var data: [String: String] = [:]
  public var stringData: [String: String] = [:]
  /// Defaulted to `Opaque`.
  public var type: String = ""

  public init(metadata: ObjectMeta = ObjectMeta(), data: [String: String] = [:], type: String = "") {
    self.metadata = metadata
    self.data = data
    self.type = type
  }
}

/// core/v1 `SecretType` values.
public enum SecretType {
  public static let opaque = "Opaque"
  public static let serviceAccountToken = "kubernetes.io/service-account-token"
  public static let dockerConfigJSON = "kubernetes.io/dockerconfigjson"
  public static let basicAuth = "kubernetes.io/basic-auth"
  public static let sshAuth = "kubernetes.io/ssh-auth"
  public static let tls = "kubernetes.io/tls"
  public static let bootstrapToken = "bootstrap.kubernetes.io/token"
}
