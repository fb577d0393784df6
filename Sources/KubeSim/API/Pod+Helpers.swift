// Pod+Helpers: small operations on pods that several components share.

extension Pod {
  /// Sets (or replaces) a status condition; `lastTransitionTime` moves only when `status` changes.
  public mutating func setCondition(type: String, status: String, reason: String, message: String, now: Time) {
    if let i = self.status.conditions.firstIndex(where: { $0.type == type }) {
      var c = self.status.conditions[i]
      if c.status != status { c.lastTransitionTime = now }
      c.status = status
      c.reason = reason
      c.message = message
      self.status.conditions[i] = c
    } else {
      self.status.conditions.append(
        PodCondition(type: type, status: status, lastTransitionTime: now, reason: reason, message: message))
    }
  }

  /// Config maps the pod's volumes and environment refer to.
  public var referencedConfigMaps: Set<String> {
    var names: Set<String> = []
    for v in spec.volumes { if let cm = v.configMap { names.insert(cm.name) } }
    for c in spec.allContainers {
      for e in c.env { if let n = e.valueFrom?["configMapKeyRef"]?["name"]?.stringValue { names.insert(n) } }
      for f in c.envFrom { if let n = f["configMapRef"]?["name"]?.stringValue { names.insert(n) } }
    }
    return names
  }

  /// Secrets the pod's volumes, environment and image pull secrets refer to.
  public var referencedSecrets: Set<String> {
    var names: Set<String> = []
    for v in spec.volumes { if let s = v.secret { names.insert(s.secretName) } }
    for c in spec.allContainers {
      for e in c.env { if let n = e.valueFrom?["secretKeyRef"]?["name"]?.stringValue { names.insert(n) } }
      for f in c.envFrom { if let n = f["secretRef"]?["name"]?.stringValue { names.insert(n) } }
    }
    for s in spec.imagePullSecrets { names.insert(s.name) }
    return names
  }
}
