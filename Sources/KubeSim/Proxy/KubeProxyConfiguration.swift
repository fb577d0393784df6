// KubeProxyConfiguration: the settings kube-proxy runs with (kubeadm's ConfigMap `kube-proxy`,
// kubeproxy.config.k8s.io/v1alpha1, mode iptables), with the kernel features a kubeadm node has.

public struct KubeProxyConfiguration: Sendable, Hashable {
  /// `clusterCIDR`: traffic to a service from outside it is masqueraded (`! -s CIDR -j KUBE-MARK-MASQ`).
  public var clusterCIDR: String = "10.244.0.0/16"
  /// `iptables.masqueradeBit` (14 → mark 0x4000).
  public var masqueradeBit: Int = 14
  /// `iptables.masqueradeAll`.
  public var masqueradeAll: Bool = false
  /// `iptables.minSyncPeriod` in seconds (upstream default 1s).
  public var minSyncPeriodSeconds: Int64 = 1
  /// `iptables.localhostNodePorts` (default true: NodePorts answer on 127.0.0.1 too).
  public var localhostNodePorts: Bool = true
  /// The kernel has nfacct, so kube-proxy adds its counters to two rules.
  public var nfacct: Bool = true
  /// iptables supports `MASQUERADE --random-fully`.
  public var randomFully: Bool = true

  public init() {}

  /// The mark as kube-proxy spells it for iptables-restore: Go's `%#08x` of `1 << masqueradeBit`.
  public var masqueradeMark: String {
    let hex = String(1 << masqueradeBit, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - hex.count)) + hex
  }
}
