// Nominator: which pods are nominated to which node after preempting there (upstream nominator in
// backend/queue), so that other pods do not take the room that preemption freed.

/// Node name → the pods nominated to it (`status.nominatedNodeName`, or set by this scheduler).
final class Nominator {
  typealias PodInfo = Framework.PodInfo

  private var podsByNode: [String: [PodInfo]] = [:]
  private var nodeByPod: [String: String] = [:]

  var isEmpty: Bool { nodeByPod.isEmpty }

  func nominatedPods(forNode node: String) -> [PodInfo]? { podsByNode[node] }

  func nominatedNode(of key: String) -> String? { nodeByPod[key] }

  /// Upstream `AddNominatedPod`: `nodeName` overrides the pod's `status.nominatedNodeName`.
  func add(_ pod: PodInfo, nodeName override: String? = nil) {
    delete(pod.key)
    let node = override ?? pod.pod.status.nominatedNodeName
    guard !node.isEmpty else { return }
    nodeByPod[pod.key] = node
    podsByNode[node, default: []].append(pod)
  }

  /// Upstream `DeleteNominatedPodIfExists`.
  func delete(_ key: String) {
    guard let node = nodeByPod.removeValue(forKey: key) else { return }
    podsByNode[node]?.removeAll { $0.key == key }
    if podsByNode[node]?.isEmpty == true { podsByNode[node] = nil }
  }

  /// Upstream `UpdateNominatedPod`: keeps a nomination this scheduler made when the update does
  /// not carry one yet.
  func update(old: Pod, new: PodInfo) {
    var override: String? = nil
    if new.pod.status.nominatedNodeName.isEmpty, old.status.nominatedNodeName.isEmpty,
      let current = nodeByPod[new.key]
    {
      override = current
    }
    delete(new.key)
    add(new, nodeName: override)
  }
}
