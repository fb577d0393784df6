// SchedulerCache: the scheduler's picture of every node and the pods on it, including pods it has
// assumed but not yet seen bound (upstream pkg/scheduler/backend/cache).

/// The nodes (as `NodeInfo`s, in the node tree's order) and every pod bound or assumed to one.
///
/// Trace of an assumed pod: the scheduler picks node-1 for `web` and calls `assumePod` — node-1's
/// sums now include `web` and the next pod sees less room. The binding is sent; when the watch
/// shows `web` with `spec.nodeName: node-1`, `addPod` confirms it (no longer assumed). Had the
/// binding failed, `forgetPod` would have taken `web` off node-1 again.
///
/// Simulation: pods are keyed by `namespace/name` (upstream: UID), and assumed pods never expire
/// (as upstream since the assumed-pod TTL became 0).
final class SchedulerCache {
  typealias NodeInfo = Framework.NodeInfo
  typealias PodInfo = Framework.PodInfo

  private struct PodState {
    var pod: PodInfo
    var nodeName: String
  }

  private var nodes: [String: NodeInfo] = [:]
  private var tree = NodeTree()
  private var list: [NodeInfo] = []
  private var listIsStale = false
  private var podStates: [String: PodState] = [:]
  private(set) var assumedPods: Set<String> = []
  /// Pods bound to nodes the cache has not seen (yet): they join the node when it appears.
  private var podsOnUnknownNodes: [String: [String: PodInfo]] = [:]
  /// Image name → how many nodes report it (upstream `imageStates`).
  private var imageNodeCounts: [String: Int] = [:]
  private var nextNodeID = 0

  init() {}

  // MARK: - Reading (the snapshot)

  /// Every node, in the order the scheduler walks them (zones interleaved, as upstream's node tree).
  var nodeList: [NodeInfo] {
    if listIsStale {
      list = tree.list().compactMap { nodes[$0] }
      listIsStale = false
    }
    return list
  }

  var numNodes: Int { nodes.count }

  func nodeInfo(_ name: String) -> NodeInfo? { nodes[name] }

  /// How many nodes have the image (upstream `ImageStateSummary.NumNodes`).
  func numNodes(withImage name: String) -> Int { imageNodeCounts[name] ?? 0 }

  func isAssumed(_ key: String) -> Bool { assumedPods.contains(key) }

  /// The node a pod is bound or assumed to, if the cache has it.
  func nodeName(ofPod key: String) -> String? { podStates[key]?.nodeName }

  var podCount: Int { podStates.count }

  // MARK: - Nodes

  /// Upstream `AddNode` (also used for an update the cache has not seen as an add).
  func addNode(_ node: Node) {
    let name = node.metadata.name
    if let info = nodes[name] {
      updateNode(old: info.node, new: node)
      return
    }
    let info = NodeInfo(node: node, id: nextNodeID)
    nextNodeID += 1
    nodes[name] = info
    countImages(of: info, sign: 1)
    tree.add(name, zone: NodeTree.zoneKey(node))
    listIsStale = true
    for key in (podsOnUnknownNodes.removeValue(forKey: name) ?? [:]).keys.sorted() {
      if let state = podStates[key] { info.addPod(state.pod) }
    }
  }

  func updateNode(old: Node, new: Node) {
    guard let info = nodes[new.metadata.name] else {
      addNode(new)
      return
    }
    let imagesChanged = info.node.status.images != new.status.images
    if imagesChanged { countImages(of: info, sign: -1) }
    let oldZone = NodeTree.zoneKey(info.node)
    info.setNode(new)
    if imagesChanged { countImages(of: info, sign: 1) }
    let newZone = NodeTree.zoneKey(new)
    if oldZone != newZone {
      tree.remove(info.name, zone: oldZone)
      tree.add(info.name, zone: newZone)
      listIsStale = true
    }
  }

  /// Upstream `RemoveNode`: its pods stay known and rejoin if the node comes back.
  func removeNode(_ node: Node) {
    let name = node.metadata.name
    guard let info = nodes.removeValue(forKey: name) else { return }
    countImages(of: info, sign: -1)
    tree.remove(name, zone: NodeTree.zoneKey(info.node))
    listIsStale = true
    if !info.pods.isEmpty { podsOnUnknownNodes[name] = info.pods }
  }

  private func countImages(of info: NodeInfo, sign: Int) {
    for name in info.imageSizes.keys {
      let n = (imageNodeCounts[name] ?? 0) + sign
      imageNodeCounts[name] = n > 0 ? n : nil
    }
  }

  // MARK: - Pods

  /// Upstream `AssumePod`: counts the pod on `nodeName` before the binding is confirmed.
  func assumePod(_ pod: PodInfo, on nodeName: String) {
    addPod(pod, on: nodeName)
    assumedPods.insert(pod.key)
  }

  /// Upstream `ForgetPod`: the binding failed; the assumed pod leaves the node.
  func forgetPod(_ key: String) {
    guard assumedPods.contains(key) else { return }
    removePod(key)
  }

  /// Upstream `AddPod` (the watch shows the pod bound): confirms an assumed pod, or adds it.
  func addPod(_ pod: Pod) {
    let info = PodInfo(pod)
    if podStates[info.key] != nil {
      // Confirmed (or seen again after a relist): replace what we had.
      removePod(info.key)
    }
    addPod(info, on: pod.spec.nodeName)
  }

  /// Upstream `UpdatePod`. A status-only update (the common case: the kubelet reporting) keeps
  /// what was derived from the spec.
  func updatePod(old: Pod, new pod: Pod) {
    if let state = podStates[pod.key], !assumedPods.contains(pod.key), state.nodeName == pod.spec.nodeName,
      old.spec == pod.spec
    {
      let info = PodInfo(reusing: state.pod, pod: pod)
      podStates[pod.key] = PodState(pod: info, nodeName: state.nodeName)
      nodes[state.nodeName]?.addPod(info)
      if nodes[state.nodeName] == nil { podsOnUnknownNodes[state.nodeName]?[pod.key] = info }
      return
    }
    addPod(pod)
  }

  /// Upstream `RemovePod`.
  func removePod(_ key: String) {
    guard let state = podStates.removeValue(forKey: key) else { return }
    assumedPods.remove(key)
    if let info = nodes[state.nodeName] {
      info.removePod(key)
    } else {
      podsOnUnknownNodes[state.nodeName]?[key] = nil
      if podsOnUnknownNodes[state.nodeName]?.isEmpty == true { podsOnUnknownNodes[state.nodeName] = nil }
    }
  }

  private func addPod(_ pod: PodInfo, on nodeName: String) {
    podStates[pod.key] = PodState(pod: pod, nodeName: nodeName)
    if let info = nodes[nodeName] {
      info.addPod(pod)
    } else {
      podsOnUnknownNodes[nodeName, default: [:]][pod.key] = pod
    }
  }
}
