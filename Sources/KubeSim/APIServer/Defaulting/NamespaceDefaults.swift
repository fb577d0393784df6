// NamespaceDefaults: core/v1 defaults of a Namespace and what its registry strategy sets on create.

extension Namespace: SchemeDefaultable {
  /// Upstream `SetDefaults_Namespace` (label `kubernetes.io/metadata.name: <name>` when named)
  /// and `SetDefaults_NamespaceStatus` (phase Active).
  public mutating func applyDefaults() {
    if !metadata.name.isEmpty {
      var labels = metadata.labels ?? [:]
      labels[NamespaceNames.metadataNameLabel] = metadata.name
      metadata.labels = labels
    }
    if status.phase.isEmpty { status.phase = NamespacePhase.active }
  }
}

enum NamespaceDefaults {
  /// The namespace strategy's `PrepareForCreate`: status Active and the `kubernetes` finalizer.
  static func prepareForCreate(_ ns: inout Namespace) {
    ns.status = NamespaceStatus(phase: NamespacePhase.active)
    if !ns.spec.finalizers.contains(NamespaceNames.kubernetesFinalizer) {
      ns.spec.finalizers.append(NamespaceNames.kubernetesFinalizer)
    }
  }
}
