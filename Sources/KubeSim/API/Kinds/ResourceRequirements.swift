// ResourceRequirements: a container's requests and limits (core/v1 ResourceRequirements).

/// core/v1 `ResourceRequirements`.
public struct ResourceRequirements: Codable, Sendable, Hashable {
  public var limits: ResourceList = [:]
  public var requests: ResourceList = [:]
  /// DRA resource claims (`[{name: …, request: …}]`), carried but not acted on.
  public var claims: [JSON] = []

  public init(limits: ResourceList = [:], requests: ResourceList = [:]) {
    self.limits = limits
    self.requests = requests
  }

  public var isEmpty: Bool { limits.isEmpty && requests.isEmpty && claims.isEmpty }
}
