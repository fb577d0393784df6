// ChainNames: kube-proxy's iptables chain names — the fixed chains and the hashed per-service ones
// (upstream pkg/proxy/iptables/proxier.go: portProtoHash, servicePortEndpointChainName).

/// The chains kube-proxy (and the kubelet) own, and how per-service chain names are derived.
public enum ChainNames {
  public static let services = "KUBE-SERVICES"
  public static let externalServices = "KUBE-EXTERNAL-SERVICES"
  public static let nodePorts = "KUBE-NODEPORTS"
  public static let postrouting = "KUBE-POSTROUTING"
  public static let markMasq = "KUBE-MARK-MASQ"
  public static let forward = "KUBE-FORWARD"
  public static let proxyFirewall = "KUBE-PROXY-FIREWALL"
  public static let proxyCanary = "KUBE-PROXY-CANARY"
  /// The kubelet's copy of the anti-martian rule chain (kube-proxy writes the same rule).
  public static let kubeletFirewall = "KUBE-FIREWALL"
  public static let kubeletCanary = "KUBE-KUBELET-CANARY"
  public static let iptablesHint = "KUBE-IPTABLES-HINT"

  public static let clusterPolicyPrefix = "KUBE-SVC-"
  public static let localPolicyPrefix = "KUBE-SVL-"
  public static let firewallPrefix = "KUBE-FW-"
  public static let externalPrefix = "KUBE-EXT-"
  public static let endpointPrefix = "KUBE-SEP-"

  /// `portProtoHash`: sha256 of `servicePortName + protocol`, base32, first 16 characters.
  /// `servicePortName` is `ns/svc:port` (`ns/svc` for an unnamed port); `protocol` is `tcp`/`udp`/`sctp`.
  public static func portProtoHash(_ servicePortName: String, _ proto: String) -> String {
    String(Base32.encode(SHA256.hash((servicePortName + proto).utf8)).prefix(16))
  }

  /// `KUBE-SVC-…`: dispatches to the endpoints with the `Cluster` traffic policy.
  public static func clusterPolicy(_ servicePortName: String, _ proto: String) -> String {
    clusterPolicyPrefix + portProtoHash(servicePortName, proto)
  }

  /// `KUBE-SVL-…`: dispatches to this node's endpoints with the `Local` traffic policy.
  public static func localPolicy(_ servicePortName: String, _ proto: String) -> String {
    localPolicyPrefix + portProtoHash(servicePortName, proto)
  }

  /// `KUBE-FW-…`: loadBalancerSourceRanges filtering.
  public static func firewall(_ servicePortName: String, _ proto: String) -> String {
    firewallPrefix + portProtoHash(servicePortName, proto)
  }

  /// `KUBE-EXT-…`: where NodePort, external IP and load-balancer traffic enters.
  public static func external(_ servicePortName: String, _ proto: String) -> String {
    externalPrefix + portProtoHash(servicePortName, proto)
  }

  /// `KUBE-SEP-…`: one endpoint; sha256 of `servicePortName + protocol + "ip:port"`.
  public static func endpoint(_ servicePortName: String, _ proto: String, _ endpoint: String) -> String {
    endpointPrefix + String(Base32.encode(SHA256.hash((servicePortName + proto + endpoint).utf8)).prefix(16))
  }

  /// Whether a chain is one of the per-service chains kube-proxy creates and deletes.
  public static func isServiceChain(_ name: String) -> Bool {
    [clusterPolicyPrefix, localPolicyPrefix, endpointPrefix, firewallPrefix, externalPrefix].contains {
      name.hasPrefix($0)
    }
  }
}
