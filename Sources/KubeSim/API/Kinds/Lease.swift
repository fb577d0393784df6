// Lease: a heartbeat or leader-election lock (coordination.k8s.io/v1 Lease).

/// coordination.k8s.io/v1 `Lease`. Kubelets renew one per node in `kube-node-lease`.
public struct Lease: KubeObject, Hashable {
  public static let resource = ResourceType(kind: "Lease", group: "coordination.k8s.io", plural: "leases")

  public var metadata: ObjectMeta = ObjectMeta()
  public var spec: LeaseSpec = LeaseSpec()

  public init(metadata: ObjectMeta = ObjectMeta(), spec: LeaseSpec = LeaseSpec()) {
    self.metadata = metadata
    self.spec = spec
  }
}

/// coordination.k8s.io/v1 `LeaseSpec`.
public struct LeaseSpec: Codable, Sendable, Hashable {
  public var holderIdentity: String? = nil
  public var leaseDurationSeconds: Int32? = nil
  public var acquireTime: MicroTime? = nil
  public var renewTime: MicroTime? = nil
  public var leaseTransitions: Int32? = nil
  public var strategy: String? = nil
  public var preferredHolder: String? = nil

  public init(
    holderIdentity: String? = nil, leaseDurationSeconds: Int32? = nil, acquireTime: MicroTime? = nil,
    renewTime: MicroTime? = nil, leaseTransitions: Int32? = nil
  ) {
    self.holderIdentity = holderIdentity
    self.leaseDurationSeconds = leaseDurationSeconds
    self.acquireTime = acquireTime
    self.renewTime = renewTime
    self.leaseTransitions = leaseTransitions
  }
}
