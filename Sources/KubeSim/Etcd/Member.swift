// Member: the identity of the single etcd member KubeLab runs (cluster and member ids, name, URLs).

/// The one member of KubeLab's etcd cluster, as `etcdctl member list` and response headers show it.
///
/// Simulation: a single-member cluster with fixed ids. The defaults are the ids a fresh
/// single-node etcd gets with the default `--initial-cluster` settings, so they look familiar;
/// the raft term stays at 2 (one election at start-up) because the member never loses leadership.
public struct EtcdMember: Sendable, Hashable {
  /// etcd 3.5, as shipped with Kubernetes v1.32 (kubeadm's etcd image 3.5.16-0).
  public static let defaultVersion = "3.5.16"
  public static let defaultClusterID: UInt64 = 0xcdf8_1819_4e3a_8c32
  public static let defaultMemberID: UInt64 = 0x8e9e_05c5_2164_694d

  public var name: String
  public var id: UInt64
  public var clusterID: UInt64
  public var peerURLs: [String]
  public var clientURLs: [String]
  /// The server version `etcdctl endpoint status` shows.
  public var version: String
  public var raftTerm: UInt64

  /// A member named `name` (kubeadm names it after the control-plane node) advertising `address`.
  public init(
    name: String = "etcd", address: String = "127.0.0.1", id: UInt64 = EtcdMember.defaultMemberID,
    clusterID: UInt64 = EtcdMember.defaultClusterID, version: String = EtcdMember.defaultVersion, raftTerm: UInt64 = 2
  ) {
    self.name = name
    self.id = id
    self.clusterID = clusterID
    self.peerURLs = ["https://\(address):2380"]
    self.clientURLs = ["https://\(address):2379"]
    self.version = version
    self.raftTerm = raftTerm
  }
}
