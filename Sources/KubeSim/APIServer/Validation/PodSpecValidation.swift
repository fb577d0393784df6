// PodSpecValidation: upstream's ValidatePodSpec and what it checks inside (containers, ports, probes, volumes, tolerations).

/// Upstream core validation of a pod spec (pkg/apis/core/validation), in upstream's order.
public enum PodSpecValidation {
  /// Upstream `ValidatePodSpec`.
  public static func validate(_ spec: PodSpec, _ path: FieldPath) -> [FieldError] {
    var errs: [FieldError] = []
    if spec.terminationGracePeriodSeconds == nil { errs.append(.required(path.child("terminationGracePeriodSeconds"))) }
    let volumeNames = Set(spec.volumes.map(\.name))
    errs += validateVolumes(spec.volumes, path.child("volumes"))
    errs += validateContainers(spec.containers, volumeNames, path.child("containers"))
    errs += validateInitContainers(
      spec.initContainers, others: spec.containers, volumeNames, path.child("initContainers"))
    errs += validateRestartPolicy(spec.restartPolicy, path.child("restartPolicy"))
    errs += validateDNSPolicy(spec.dnsPolicy, path.child("dnsPolicy"))
    errs += MetaValidation.validateLabels(spec.nodeSelector, path.child("nodeSelector"))
    errs += validateAffinity(spec.affinity, path.child("affinity"))
    if !spec.serviceAccountName.isEmpty {
      for msg in NameValidation.nameIsDNSSubdomain(spec.serviceAccountName, prefix: false) {
        errs.append(.invalid(path.child("serviceAccountName"), .string(spec.serviceAccountName), msg))
      }
    }
    if !spec.nodeName.isEmpty {
      for msg in NameValidation.nameIsDNSSubdomain(spec.nodeName, prefix: false) {
        errs.append(.invalid(path.child("nodeName"), .string(spec.nodeName), msg))
      }
    }
    if let a = spec.activeDeadlineSeconds, a < 1 || a > Int64(Int32.max) {
      errs.append(.invalid(path.child("activeDeadlineSeconds"), .int(a), "must be between 1 and 2147483647, inclusive"))
    }
    if !spec.hostname.isEmpty {
      errs += NameValidation.isDNS1123Label(spec.hostname).map {
        .invalid(path.child("hostname"), .string(spec.hostname), $0)
      }
    }
    if !spec.subdomain.isEmpty {
      errs += NameValidation.isDNS1123Label(spec.subdomain).map {
        .invalid(path.child("subdomain"), .string(spec.subdomain), $0)
      }
    }
    errs += validateTolerations(spec.tolerations, path.child("tolerations"))
    if let p = spec.preemptionPolicy, p != PreemptionPolicy.preemptLowerPriority && p != PreemptionPolicy.never {
      errs.append(
        .notSupported(
          path.child("preemptionPolicy"), .string(p), [PreemptionPolicy.preemptLowerPriority, PreemptionPolicy.never]))
    }
    return errs
  }

  // MARK: - Containers

  /// Upstream `validateContainers`: at least one, each valid, names unique, probes, no restartPolicy.
  static func validateContainers(_ containers: [Container], _ volumes: Set<String>, _ path: FieldPath) -> [FieldError] {
    var errs: [FieldError] = []
    if containers.isEmpty { errs.append(.required(path)) }
    var names: Set<String> = []
    for (i, c) in containers.enumerated() {
      let p = path.index(i)
      errs += validateContainerCommon(c, volumes, p)
      if !names.insert(c.name).inserted { errs.append(.duplicate(p.child("name"), .string(c.name))) }
      errs += validateProbe(c.livenessProbe, p.child("livenessProbe"), mustSucceedOnce: true)
      errs += validateProbe(c.readinessProbe, p.child("readinessProbe"), mustSucceedOnce: false)
      errs += validateProbe(c.startupProbe, p.child("startupProbe"), mustSucceedOnce: true)
      if c.restartPolicy != nil {
        errs.append(.forbidden(p.child("restartPolicy"), "may not be set for non-init containers"))
      }
    }
    return errs
  }

  /// Upstream `validateInitContainers`: names unique across init and app containers; only
  /// `restartPolicy: Always` (sidecars) allowed; probes only on sidecars.
  static func validateInitContainers(
    _ containers: [Container], others: [Container], _ volumes: Set<String>, _ path: FieldPath
  ) -> [FieldError] {
    var errs: [FieldError] = []
    var names = Set(others.map(\.name))
    for (i, c) in containers.enumerated() {
      let p = path.index(i)
      errs += validateContainerCommon(c, volumes, p)
      if !names.insert(c.name).inserted { errs.append(.duplicate(p.child("name"), .string(c.name))) }
      if let rp = c.restartPolicy, rp != ContainerRestartPolicy.always {
        errs.append(.notSupported(p.child("restartPolicy"), .string(rp), [ContainerRestartPolicy.always]))
      }
      if c.isSidecar {
        errs += validateProbe(c.livenessProbe, p.child("livenessProbe"), mustSucceedOnce: true)
        errs += validateProbe(c.readinessProbe, p.child("readinessProbe"), mustSucceedOnce: false)
        errs += validateProbe(c.startupProbe, p.child("startupProbe"), mustSucceedOnce: true)
      } else {
        if c.livenessProbe != nil {
          errs.append(
            .forbidden(p.child("livenessProbe"), "may not be set for init containers without restartPolicy=Always"))
        }
        if c.readinessProbe != nil {
          errs.append(
            .forbidden(p.child("readinessProbe"), "may not be set for init containers without restartPolicy=Always"))
        }
        if c.startupProbe != nil {
          errs.append(
            .forbidden(p.child("startupProbe"), "may not be set for init containers without restartPolicy=Always"))
        }
      }
    }
    return errs
  }

  /// Upstream `validateContainerCommon`.
  static func validateContainerCommon(_ c: Container, _ volumes: Set<String>, _ p: FieldPath) -> [FieldError] {
    var errs: [FieldError] = []
    if c.name.isEmpty {
      errs.append(.required(p.child("name")))
    } else {
      errs += NameValidation.isDNS1123Label(c.name).map { .invalid(p.child("name"), .string(c.name), $0) }
    }
    if c.image.isEmpty { errs.append(.required(p.child("image"))) }
    switch c.terminationMessagePolicy {
    case TerminationMessagePolicy.readFile, TerminationMessagePolicy.fallbackToLogsOnError: break
    case "": errs.append(.required(p.child("terminationMessagePolicy")))
    default:
      errs.append(
        .notSupported(
          p.child("terminationMessagePolicy"), .string(c.terminationMessagePolicy),
          [TerminationMessagePolicy.readFile, TerminationMessagePolicy.fallbackToLogsOnError]))
    }
    errs += validateContainerPorts(c.ports, p.child("ports"))
    errs += validateEnv(c.env, p.child("env"))
    errs += validateVolumeMounts(c.volumeMounts, volumes, p.child("volumeMounts"))
    errs += validatePullPolicy(c.imagePullPolicy, p.child("imagePullPolicy"))
    errs += validateResources(c.resources, p.child("resources"))
    return errs
  }

  /// Upstream `validateContainerPorts`: port 0 is `Required value`, out of range `Invalid value`.
  static func validateContainerPorts(_ ports: [ContainerPort], _ path: FieldPath) -> [FieldError] {
    var errs: [FieldError] = []
    var names: Set<String> = []
    for (i, port) in ports.enumerated() {
      let p = path.index(i)
      if !port.name.isEmpty {
        let msgs = isValidPortName(port.name)
        if !msgs.isEmpty {
          errs += msgs.map { .invalid(p.child("name"), .string(port.name), $0) }
        } else if !names.insert(port.name).inserted {
          errs.append(.duplicate(p.child("name"), .string(port.name)))
        }
      }
      if port.containerPort == 0 {
        errs.append(.required(p.child("containerPort")))
      } else {
        errs += isValidPortNum(Int(port.containerPort)).map {
          .invalid(p.child("containerPort"), .integer(port.containerPort), $0)
        }
      }
      if let hp = port.hostPort, hp != 0 {
        errs += isValidPortNum(Int(hp)).map { .invalid(p.child("hostPort"), .integer(hp), $0) }
      }
      errs += validateProtocol(port.protocol, p.child("protocol"))
    }
    return errs
  }

  static func validateProtocol(_ proto: String, _ path: FieldPath) -> [FieldError] {
    if proto.isEmpty { return [.required(path)] }
    if !PortProtocol.all.contains(proto) { return [.notSupported(path, .string(proto), PortProtocol.all)] }
    return []
  }

  /// Upstream `ValidateEnv`: names required and printable ASCII without '='.
  // Simulation: uses the relaxed env-var-name rule (RelaxedEnvironmentVariableValidation).
  static func validateEnv(_ env: [EnvVar], _ path: FieldPath) -> [FieldError] {
    var errs: [FieldError] = []
    for (i, e) in env.enumerated() {
      let p = path.index(i).child("name")
      if e.name.isEmpty {
        errs.append(.required(p))
      } else if e.name.utf8.contains(where: { $0 < 32 || $0 > 126 || $0 == UInt8(ascii: "=") }) {
        errs.append(
          .invalid(
            p, .string(e.name),
            "a valid environment variable name must consist only of printable ASCII characters other than '='"))
      }
    }
    return errs
  }

  /// Upstream `ValidateVolumeMounts`: name required and declared, mountPath required and unique.
  static func validateVolumeMounts(_ mounts: [VolumeMount], _ volumes: Set<String>, _ path: FieldPath) -> [FieldError] {
    var errs: [FieldError] = []
    var paths: Set<String> = []
    for (i, m) in mounts.enumerated() {
      let p = path.index(i)
      if m.name.isEmpty {
        errs.append(.required(p.child("name")))
      } else if !volumes.contains(m.name) {
        errs.append(.notFound(p.child("name"), .string(m.name)))
      }
      if m.mountPath.isEmpty {
        errs.append(.required(p.child("mountPath")))
      } else if !paths.insert(m.mountPath).inserted {
        errs.append(.invalid(p.child("mountPath"), .string(m.mountPath), "must be unique"))
      }
    }
    return errs
  }

  static func validatePullPolicy(_ policy: String, _ path: FieldPath) -> [FieldError] {
    switch policy {
    case PullPolicy.always, PullPolicy.ifNotPresent, PullPolicy.never: return []
    case "": return [.required(path)]
    default: return [.notSupported(path, .string(policy), PullPolicy.all)]
    }
  }

  /// Upstream `ValidateResourceRequirements` for containers: standard names, non-negative
  /// amounts, requests no larger than limits.
  static func validateResources(_ r: ResourceRequirements, _ path: FieldPath) -> [FieldError] {
    var errs: [FieldError] = []
    let limPath = path.child("limits")
    let reqPath = path.child("requests")
    for name in r.limits.keys.sorted() {
      errs += validateResourceName(name, limPath.key(name))
      errs += validateNonnegative(r.limits[name]!, limPath.key(name))
    }
    for name in r.requests.keys.sorted() {
      let q = r.requests[name]!
      errs += validateResourceName(name, reqPath.key(name))
      errs += validateNonnegative(q, reqPath.key(name))
      if let limit = r.limits[name], q.compare(limit) > 0 {
        errs.append(
          .invalid(
            reqPath, .string(q.description), "must be less than or equal to \(name) limit of \(limit.description)"))
      }
    }
    return errs
  }

  static func validateResourceName(_ name: String, _ path: FieldPath) -> [FieldError] {
    let standard = [ResourceName.cpu, ResourceName.memory, ResourceName.ephemeralStorage]
    if standard.contains(name) || name.hasPrefix("hugepages-") { return [] }
    if name.contains("/") && !name.hasPrefix("kubernetes.io/") && !name.hasPrefix("requests.") {
      return MetaValidation.validateLabelName(name, path)
    }
    return [.invalid(path, .string(name), "must be a standard resource for containers")]
  }

  static func validateNonnegative(_ q: Quantity, _ path: FieldPath) -> [FieldError] {
    q.sign < 0 ? [.invalid(path, .string(q.description), MetaValidation.isNegativeErrorMessage)] : []
  }

  // MARK: - Probes

  /// Upstream `validateProbe` (+ liveness/startup `successThreshold` must be 1).
  static func validateProbe(_ probe: Probe?, _ path: FieldPath, mustSucceedOnce: Bool) -> [FieldError] {
    guard let probe else { return [] }
    var errs: [FieldError] = []
    var handlers = 0
    func handler(_ set: Bool, _ name: String, _ check: () -> [FieldError]) {
      guard set else { return }
      if handlers > 0 {
        errs.append(.forbidden(path.child(name), "may not specify more than 1 handler type"))
      } else {
        handlers += 1
        errs += check()
      }
    }
    handler(probe.exec != nil, "exec") {
      probe.exec!.command.isEmpty ? [.required(path.child("exec", "command"))] : []
    }
    handler(probe.httpGet != nil, "httpGet") {
      var e: [FieldError] = []
      let g = probe.httpGet!
      if g.path.isEmpty { e.append(.required(path.child("httpGet", "path"))) }
      e += validatePortNumOrName(g.port, path.child("httpGet", "port"))
      if ![URIScheme.http, URIScheme.https].contains(g.scheme) {
        e.append(.notSupported(path.child("httpGet", "scheme"), .string(g.scheme), [URIScheme.http, URIScheme.https]))
      }
      return e
    }
    handler(probe.tcpSocket != nil, "tcpSocket") {
      validatePortNumOrName(probe.tcpSocket!.port, path.child("tcpSocket", "port"))
    }
    handler(probe.grpc != nil, "grpc") {
      isValidPortNum(Int(probe.grpc!.port)).map { .invalid(path.child("grpc", "port"), .integer(probe.grpc!.port), $0) }
    }
    if handlers == 0 { errs.append(.required(path, "must specify a handler type")) }
    errs += MetaValidation.validateNonnegative(probe.initialDelaySeconds ?? 0, path.child("initialDelaySeconds"))
    errs += MetaValidation.validateNonnegative(probe.timeoutSeconds ?? 0, path.child("timeoutSeconds"))
    errs += MetaValidation.validateNonnegative(probe.periodSeconds ?? 0, path.child("periodSeconds"))
    errs += MetaValidation.validateNonnegative(probe.successThreshold ?? 0, path.child("successThreshold"))
    errs += MetaValidation.validateNonnegative(probe.failureThreshold ?? 0, path.child("failureThreshold"))
    if let t = probe.terminationGracePeriodSeconds, t <= 0 {
      errs.append(.invalid(path.child("terminationGracePeriodSeconds"), .int(t), "must be greater than 0"))
    }
    if mustSucceedOnce, let s = probe.successThreshold, s != 1 {
      errs.append(.invalid(path.child("successThreshold"), .integer(s), "must be 1"))
    }
    return errs
  }

  /// Upstream `ValidatePortNumOrName`.
  public static func validatePortNumOrName(_ port: IntOrString, _ path: FieldPath) -> [FieldError] {
    switch port {
    case .int(let i): return isValidPortNum(i).map { .invalid(path, .integer(i), $0) }
    case .string(let s): return isValidPortName(s).map { .invalid(path, .string(s), $0) }
    }
  }

  /// Upstream `IsValidPortNum`.
  public static func isValidPortNum(_ port: Int) -> [String] {
    (1...65535).contains(port) ? [] : ["must be between 1 and 65535, inclusive"]
  }

  /// Upstream `IsValidPortName` (an IANA_SVC_NAME).
  public static func isValidPortName(_ name: String) -> [String] {
    var errs: [String] = []
    let b = Array(name.utf8)
    if b.count > 15 { errs.append("must be no more than 15 characters") }
    let lower = { (c: UInt8) in c >= 97 && c <= 122 }
    if b.isEmpty || !b.allSatisfy({ lower($0) || ($0 >= 48 && $0 <= 57) || $0 == 45 }) {
      errs.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
    }
    if !b.contains(where: lower) { errs.append("must contain at least one letter (a-z)") }
    if name.contains("--") { errs.append("must not contain consecutive hyphens") }
    if let f = b.first, let l = b.last, f == 45 || l == 45 { errs.append("must not begin or end with a hyphen") }
    return errs
  }

  // MARK: - Pod-level fields

  static func validateRestartPolicy(_ policy: String, _ path: FieldPath) -> [FieldError] {
    switch policy {
    case RestartPolicy.always, RestartPolicy.onFailure, RestartPolicy.never: return []
    case "": return [.required(path)]
    default: return [.notSupported(path, .string(policy), RestartPolicy.all)]
    }
  }

  static func validateDNSPolicy(_ policy: String, _ path: FieldPath) -> [FieldError] {
    switch policy {
    case _ where DNSPolicy.all.contains(policy): return []
    case "": return [.required(path)]
    default: return [.notSupported(path, .string(policy), DNSPolicy.all)]
    }
  }

  /// Upstream `ValidateVolumes`: names required, DNS labels and unique; exactly one source.
  static func validateVolumes(_ volumes: [Volume], _ path: FieldPath) -> [FieldError] {
    var errs: [FieldError] = []
    var names: Set<String> = []
    for (i, v) in volumes.enumerated() {
      let p = path.index(i)
      if v.name.isEmpty {
        errs.append(.required(p.child("name")))
      } else {
        let msgs = NameValidation.isDNS1123Label(v.name)
        errs += msgs.map { .invalid(p.child("name"), .string(v.name), $0) }
        if msgs.isEmpty && !names.insert(v.name).inserted { errs.append(.duplicate(p.child("name"), .string(v.name))) }
      }
      let sources = v.sourceNames
      if sources.isEmpty {
        errs.append(.required(p, "must specify a volume type"))
      } else {
        for extra in sources.dropFirst() {
          errs.append(.forbidden(p.child(extra), "may not specify more than 1 volume type"))
        }
      }
      if let h = v.hostPath, h.path.isEmpty { errs.append(.required(p.child("hostPath", "path"))) }
      if let c = v.persistentVolumeClaim, c.claimName.isEmpty {
        errs.append(.required(p.child("persistentVolumeClaim", "claimName")))
      }
    }
    return errs
  }

  /// Upstream `validateTolerations`.
  public static func validateTolerations(_ tolerations: [Toleration], _ path: FieldPath) -> [FieldError] {
    var errs: [FieldError] = []
    for (i, t) in tolerations.enumerated() {
      let p = path.index(i)
      if !t.key.isEmpty { errs += MetaValidation.validateLabelName(t.key, p.child("key")) }
      if t.key.isEmpty && t.operator != TolerationOperator.exists {
        errs.append(
          .invalid(
            p.child("operator"), .string(t.operator),
            "operator must be Exists when `key` is empty, which means \"match all values and all keys\""))
      }
      if t.tolerationSeconds != nil && t.effect != TaintEffect.noExecute {
        errs.append(
          .invalid(p.child("effect"), .string(t.effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"))
      }
      switch t.operator {
      case TolerationOperator.equal, "":
        let msgs = NameValidation.isValidLabelValue(t.value)
        if !msgs.isEmpty { errs.append(.invalid(p.child("operator"), .string(t.value), msgs.joined(separator: ";"))) }
      case TolerationOperator.exists:
        if !t.value.isEmpty {
          errs.append(
            .invalid(p.child("operator"), .goSyntax(goSyntax(t)), "value must be empty when `operator` is 'Exists'"))
        }
      default:
        errs.append(
          .notSupported(
            p.child("operator"), .string(t.operator), [TolerationOperator.equal, TolerationOperator.exists]))
      }
      if !t.effect.isEmpty { errs += validateTaintEffect(t.effect, p.child("effect")) }
    }
    return errs
  }

  /// Upstream `validateTaintEffect` (for a non-empty effect).
  public static func validateTaintEffect(_ effect: String, _ path: FieldPath) -> [FieldError] {
    TaintEffect.all.contains(effect) ? [] : [.notSupported(path, .string(effect), TaintEffect.all)]
  }

  /// `%#v` of a `core.Toleration`.
  // Simulation: a set tolerationSeconds prints its value instead of Go's pointer address.
  static func goSyntax(_ t: Toleration) -> String {
    let seconds = t.tolerationSeconds.map { "(*int64)(\($0))" } ?? "(*int64)(nil)"
    return "core.Toleration{Key:\(GoSyntax.quote(t.key)), Operator:\(GoSyntax.quote(t.operator)), "
      + "Value:\(GoSyntax.quote(t.value)), Effect:\(GoSyntax.quote(t.effect)), TolerationSeconds:\(seconds)}"
  }

  /// Upstream `validateAffinity` for node affinity (the inter-pod terms are checked for topologyKey).
  static func validateAffinity(_ affinity: Affinity?, _ path: FieldPath) -> [FieldError] {
    guard let affinity else { return [] }
    var errs: [FieldError] = []
    if let na = affinity.nodeAffinity {
      let np = path.child("nodeAffinity")
      if let req = na.requiredDuringSchedulingIgnoredDuringExecution {
        let rp = np.child("requiredDuringSchedulingIgnoredDuringExecution")
        if req.nodeSelectorTerms.isEmpty {
          errs.append(.required(rp.child("nodeSelectorTerms"), "must have at least one node selector term"))
        }
        for (i, term) in req.nodeSelectorTerms.enumerated() {
          errs += validateNodeSelectorTerm(term, rp.child("nodeSelectorTerms").index(i))
        }
      }
      for (i, pref) in na.preferredDuringSchedulingIgnoredDuringExecution.enumerated() {
        let pp = np.child("preferredDuringSchedulingIgnoredDuringExecution").index(i)
        if pref.weight <= 0 || pref.weight > 100 {
          errs.append(.invalid(pp.child("weight"), .integer(pref.weight), "must be in the range 1-100"))
        }
        errs += validateNodeSelectorTerm(pref.preference, pp.child("preference"))
      }
    }
    for (name, terms) in [
      ("podAffinity", affinity.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
      ("podAntiAffinity", affinity.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ] {
      for (i, term) in terms.enumerated() {
        let tp = path.child(name, "requiredDuringSchedulingIgnoredDuringExecution").index(i)
        if term.topologyKey.isEmpty {
          errs.append(.required(tp.child("topologyKey"), "can not be empty"))
        } else {
          errs += MetaValidation.validateLabelName(term.topologyKey, tp.child("topologyKey"))
        }
        errs += MetaValidation.validateLabelSelector(term.labelSelector, tp.child("labelSelector"))
      }
    }
    return errs
  }

  static func validateNodeSelectorTerm(_ term: NodeSelectorTerm, _ path: FieldPath) -> [FieldError] {
    var errs: [FieldError] = []
    for (i, r) in term.matchExpressions.enumerated() {
      let p = path.child("matchExpressions").index(i)
      switch r.operator {
      case NodeSelectorOperator.in, NodeSelectorOperator.notIn:
        if r.values.isEmpty {
          errs.append(.required(p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"))
        }
      case NodeSelectorOperator.exists, NodeSelectorOperator.doesNotExist:
        if !r.values.isEmpty {
          errs.append(
            .forbidden(p.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
        }
      case NodeSelectorOperator.gt, NodeSelectorOperator.lt:
        if r.values.count != 1 {
          errs.append(.required(p.child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'"))
        }
      default:
        errs.append(.invalid(p.child("operator"), .string(r.operator), "not a valid selector operator"))
      }
      errs += MetaValidation.validateLabelName(r.key, p.child("key"))
    }
    for (i, r) in term.matchFields.enumerated() {
      let p = path.child("matchFields").index(i)
      if r.key != "metadata.name" {
        errs.append(.invalid(p.child("key"), .string(r.key), "not a valid field selector key"))
      } else if r.operator != NodeSelectorOperator.in && r.operator != NodeSelectorOperator.notIn {
        errs.append(.invalid(p.child("operator"), .string(r.operator), "not a valid selector operator"))
      } else if r.values.count != 1 {
        errs.append(
          .required(
            p.child("values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"))
      }
    }
    return errs
  }
}
