// HasSpec / HasStatus: lets the apiserver treat spec and status generically, as upstream's REST
// strategies do (status is kept on a main-resource update; only status changes on `/status`;
// `metadata.generation` moves when the spec changes).

public protocol HasSpec: KubeObject {
  associatedtype Spec: Equatable & Sendable
  var spec: Spec { get set }
}

public protocol HasStatus: KubeObject {
  associatedtype ObjectStatus: Equatable & Sendable
  var status: ObjectStatus { get set }
}

extension Pod: HasSpec, HasStatus {}
extension Node: HasSpec, HasStatus {}
extension Namespace: HasSpec, HasStatus {}
extension Deployment: HasSpec, HasStatus {}
extension ReplicaSet: HasSpec, HasStatus {}
extension DaemonSet: HasSpec, HasStatus {}
extension Job: HasSpec, HasStatus {}
extension Service: HasSpec, HasStatus {}
extension Lease: HasSpec {}

enum SpecStatus {
  /// `new` with `status` taken from `old` (a write to the main resource cannot change status).
  static func keepingStatus(_ new: any KubeObject, from old: any KubeObject) -> any KubeObject {
    guard let n = new as? any HasStatus else { return new }
    return copyStatus(from: old, into: n)
  }

  private static func copyStatus<T: HasStatus>(from old: any KubeObject, into new: T) -> any KubeObject {
    guard let o = old as? T else { return new }
    var n = new
    n.status = o.status
    return n
  }

  /// `old` with only `status` taken from `new` (a write to `/status`).
  static func onlyStatus(_ new: any KubeObject, onto old: any KubeObject) -> any KubeObject {
    guard let o = old as? any HasStatus else { return old }
    var result = copyStatus(from: new, into: o)
    // Upstream's deployment status strategy resets only spec and labels, so annotations pass:
    // the deployment controller writes `deployment.kubernetes.io/revision` through /status.
    if new is Deployment { result.metadata.annotations = new.metadata.annotations }
    return result
  }

  /// Whether the spec differs (so `metadata.generation` must move).
  static func specChanged(_ new: any KubeObject, _ old: any KubeObject) -> Bool {
    guard let n = new as? any HasSpec else { return false }
    return specDiffers(n, old)
  }

  private static func specDiffers<T: HasSpec>(_ new: T, _ old: any KubeObject) -> Bool {
    guard let o = old as? T else { return true }
    return o.spec != new.spec
  }

  static func hasStatus(_ r: ResourceType) -> Bool {
    guard let t = KindRegistry.kind(group: r.group, resource: r.plural) else { return false }
    return t is any HasStatus.Type
  }
}
