// NodeTree: the order in which the scheduler walks the nodes — zone by zone, round robin, so that
// a partial search still spreads over zones (upstream backend/cache/node_tree.go).

/// Node names grouped by zone (zones in the order they first appeared, nodes in the order they
/// were added). Trace: zones a: [n1, n2, n3], b: [n4] list as n1, n4, n2, n3.
struct NodeTree {
  private var zones: [String] = []
  private var tree: [String: [String]] = [:]
  private(set) var numNodes = 0

  /// Upstream `utilnode.GetZoneKey`: `region:\0:zone` from the topology labels, "" without them.
  static func zoneKey(_ node: Node) -> String {
    let labels = node.metadata.labels ?? [:]
    let zone = labels["topology.kubernetes.io/zone"] ?? labels["failure-domain.beta.kubernetes.io/zone"] ?? ""
    let region =
      labels["topology.kubernetes.io/region"] ?? labels["failure-domain.beta.kubernetes.io/region"] ?? ""
    if zone.isEmpty && region.isEmpty { return "" }
    return region + ":\u{0}:" + zone
  }

  mutating func add(_ name: String, zone: String) {
    if var names = tree[zone] {
      if names.contains(name) { return }
      names.append(name)
      tree[zone] = names
    } else {
      zones.append(zone)
      tree[zone] = [name]
    }
    numNodes += 1
  }

  mutating func remove(_ name: String, zone: String) {
    guard var names = tree[zone], let i = names.firstIndex(of: name) else { return }
    names.remove(at: i)
    numNodes -= 1
    if names.isEmpty {
      tree[zone] = nil
      zones.removeAll { $0 == zone }
    } else {
      tree[zone] = names
    }
  }

  /// Upstream `list`: one node from each zone in turn until every zone is exhausted.
  func list() -> [String] {
    var out: [String] = []
    out.reserveCapacity(numNodes)
    let columns = zones.map { tree[$0]! }
    var index = 0
    while out.count < numNodes {
      for names in columns where index < names.count { out.append(names[index]) }
      index += 1
    }
    return out
  }
}
