// PodTemplateSpec: the pod a workload controller stamps out (core/v1 PodTemplateSpec).

/// core/v1 `PodTemplateSpec`: metadata and spec of the pods a controller creates.
public struct PodTemplateSpec: Codable, Sendable, Hashable {
  public var metadata: ObjectMeta = ObjectMeta()
  public var spec: PodSpec = PodSpec()

  public init(metadata: ObjectMeta = ObjectMeta(), spec: PodSpec = PodSpec()) {
    self.metadata = metadata
    self.spec = spec
  }

  /// A template with `labels` and the given containers.
  public init(labels: [String: String], containers: [Container]) {
    self.metadata = ObjectMeta(labels: labels)
    self.spec = PodSpec(containers: containers)
  }

  /// The template's labels, `[:]` when unset.
  public var labels: [String: String] { metadata.labels ?? [:] }
}
