// Binding: the body of POST pods/{name}/binding, which assigns a pod to a node (core/v1 Binding).

/// core/v1 `Binding`. Not stored: the apiserver applies it to the pod's `spec.nodeName`.
public struct Binding: KubeObject, Hashable {
  public static let resource = ResourceType(kind: "Binding", plural: "bindings")

  public var metadata: ObjectMeta = ObjectMeta()
  public var target: ObjectReference = ObjectReference()

  public init(metadata: ObjectMeta = ObjectMeta(), target: ObjectReference = ObjectReference()) {
    self.metadata = metadata
    self.target = target
  }

  /// What the default binder sends: the pod's name, namespace and uid, and `{kind: Node, name: node}`.
  public init(pod: Pod, nodeName: String) {
    var meta = ObjectMeta(name: pod.metadata.name, namespace: pod.metadata.namespace)
    meta.uid = pod.metadata.uid
    self.metadata = meta
    self.target = ObjectReference(kind: "Node", name: nodeName)
  }
}
