// ServiceDefaults: core/v1 defaults of a Service (SetDefaults_Service) and the IP-family fields its registry sets.

extension Service: SchemeDefaultable {
  /// Upstream `SetDefaults_Service`: sessionAffinity None (ClientIP gets a 10800 s timeout), type
  /// ClusterIP, port protocol TCP, targetPort = port, externalTrafficPolicy Cluster for externally
  /// reachable services, internalTrafficPolicy Cluster, allocateLoadBalancerNodePorts for
  /// LoadBalancers. Plus what the service registry fills on a single-stack IPv4 cluster for every
  /// type but ExternalName: `ipFamilyPolicy: SingleStack`, `ipFamilies: [IPv4]`.
  // Simulation: the cluster is single-stack IPv4, so dual-stack policies are not resolved here.
  public mutating func applyDefaults() {
    if spec.sessionAffinity.isEmpty { spec.sessionAffinity = ServiceAffinity.none }
    if spec.sessionAffinity == ServiceAffinity.none { spec.sessionAffinityConfig = nil }
    if spec.sessionAffinity == ServiceAffinity.clientIP && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == nil {
      spec.sessionAffinityConfig = SessionAffinityConfig(
        clientIP: ClientIPConfig(timeoutSeconds: ServiceAffinity.defaultClientIPTimeoutSeconds))
    }
    if spec.type.isEmpty { spec.type = ServiceType.clusterIP }
    for i in spec.ports.indices {
      if spec.ports[i].protocol.isEmpty { spec.ports[i].protocol = PortProtocol.tcp }
      switch spec.ports[i].targetPort {
      case nil, .int(0), .string(""): spec.ports[i].targetPort = .int(Int(spec.ports[i].port))
      default: break
      }
    }
    if isExternallyAccessible && spec.externalTrafficPolicy.isEmpty {
      spec.externalTrafficPolicy = ServiceTrafficPolicy.cluster
    }
    if spec.internalTrafficPolicy == nil
      && [ServiceType.nodePort, ServiceType.loadBalancer, ServiceType.clusterIP].contains(spec.type)
    {
      spec.internalTrafficPolicy = ServiceTrafficPolicy.cluster
    }
    if spec.type == ServiceType.loadBalancer {
      if spec.allocateLoadBalancerNodePorts == nil { spec.allocateLoadBalancerNodePorts = true }
      for i in status.loadBalancer.ingress.indices
      where !status.loadBalancer.ingress[i].ip.isEmpty && status.loadBalancer.ingress[i].ipMode == nil {
        status.loadBalancer.ingress[i].ipMode = "VIP"
      }
    }
    if spec.type != ServiceType.externalName {
      if spec.ipFamilyPolicy == nil { spec.ipFamilyPolicy = IPFamily.singleStack }
      if spec.ipFamilies.isEmpty { spec.ipFamilies = [IPFamily.ipv4] }
    }
  }

  /// Upstream `service.ExternallyAccessible`: LoadBalancer, NodePort, or ClusterIP with externalIPs.
  public var isExternallyAccessible: Bool {
    spec.type == ServiceType.loadBalancer || spec.type == ServiceType.nodePort
      || (spec.type == ServiceType.clusterIP && !spec.externalIPs.isEmpty)
  }
}
