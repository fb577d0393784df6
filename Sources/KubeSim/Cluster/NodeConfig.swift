// NodeConfig: one machine of the simulated cluster, as kubeadm would have joined it.

public struct NodeConfig: Sendable, Hashable {
  public enum Role: String, Sendable { case controlPlane = "control-plane", worker }

  public var name: String
  public var role: Role
  public var cpu: Quantity
  public var memory: Quantity
  public var pods: Int
  public var labels: [String: String]
  public var taints: [Taint]
  /// The node's InternalIP.
  public var internalIP: String
  /// The node's pod CIDR (`10.244.N.0/24`), from which its pods get their IPs.
  public var podCIDR: String
  /// Static pod manifests (`/etc/kubernetes/manifests`): the kubelet runs them and mirrors them in the API.
  public var staticPods: [Pod]

  public init(
    name: String, role: Role, cpu: Quantity, memory: Quantity, pods: Int = 110, labels: [String: String] = [:],
    taints: [Taint] = [], internalIP: String, podCIDR: String, staticPods: [Pod] = []
  ) {
    self.name = name
    self.role = role
    self.cpu = cpu
    self.memory = memory
    self.pods = pods
    self.labels = labels
    self.taints = taints
    self.internalIP = internalIP
    self.podCIDR = podCIDR
    self.staticPods = staticPods
  }

  /// The labels the kubelet registers the node with (plus kubeadm's role label on control planes).
  public var registrationLabels: [String: String] {
    var l = [
      "beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
      "kubernetes.io/hostname": name, "kubernetes.io/os": "linux",
    ]
    if role == .controlPlane {
      l["node-role.kubernetes.io/control-plane"] = ""
      l["node.kubernetes.io/exclude-from-external-load-balancers"] = ""
    }
    for (k, v) in labels { l[k] = v }
    return l
  }
}
