// PodDefaults: core/v1 defaults of a Pod object itself (SetDefaults_Pod on top of the pod spec's).

extension Pod: SchemeDefaultable {
  /// Upstream `SetDefaults_Pod` then the pod spec's defaults:
  /// requests default to limits (app and init containers), `enableServiceLinks: true`, and with
  /// `hostNetwork` every container port's `hostPort` defaults to its `containerPort`.
  public mutating func applyDefaults() {
    for i in spec.containers.indices { Self.defaultRequestsToLimits(&spec.containers[i]) }
    for i in spec.initContainers.indices { Self.defaultRequestsToLimits(&spec.initContainers[i]) }
    if spec.enableServiceLinks == nil { spec.enableServiceLinks = true }
    if spec.usesHostNetwork {
      for i in spec.containers.indices { Self.defaultHostPorts(&spec.containers[i]) }
      for i in spec.initContainers.indices { Self.defaultHostPorts(&spec.initContainers[i]) }
    }
    spec.applyDefaults()
  }

  private static func defaultRequestsToLimits(_ c: inout Container) {
    for (name, q) in c.resources.limits where c.resources.requests[name] == nil {
      c.resources.requests[name] = q
    }
  }

  private static func defaultHostPorts(_ c: inout Container) {
    for i in c.ports.indices where (c.ports[i].hostPort ?? 0) == 0 { c.ports[i].hostPort = c.ports[i].containerPort }
  }
}
