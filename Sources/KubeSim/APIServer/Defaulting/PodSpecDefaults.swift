// PodSpecDefaults: core/v1 defaults of a pod spec and everything in it (SetDefaults_PodSpec, _Container, _Probe, …).

extension PodSpec {
  /// Upstream `SetDefaults_PodSpec` plus the defaults of every nested type (containers, ports,
  /// probes, volumes, env). Applies to pods and to every workload's pod template.
  public mutating func applyDefaults() {
    if dnsPolicy.isEmpty { dnsPolicy = DNSPolicy.clusterFirst }
    if restartPolicy.isEmpty { restartPolicy = RestartPolicy.always }
    if securityContext == nil { securityContext = .emptyObject }
    if terminationGracePeriodSeconds == nil { terminationGracePeriodSeconds = 30 }
    if schedulerName.isEmpty { schedulerName = "default-scheduler" }
    // Conversion keeps the deprecated `serviceAccount` in step with `serviceAccountName`.
    if serviceAccountName.isEmpty { serviceAccountName = serviceAccount }
    serviceAccount = serviceAccountName
    for i in volumes.indices { volumes[i].applyDefaults() }
    for i in initContainers.indices { initContainers[i].applyDefaults() }
    for i in containers.indices { containers[i].applyDefaults() }
    for i in ephemeralContainers.indices { JSONDefaults.container(&ephemeralContainers[i]) }
  }
}

extension Container {
  /// Upstream `SetDefaults_Container` with its ports, probes and env.
  public mutating func applyDefaults() {
    if imagePullPolicy.isEmpty {
      imagePullPolicy = ImageReference.tag(of: image) == "latest" ? PullPolicy.always : PullPolicy.ifNotPresent
    }
    if terminationMessagePath.isEmpty { terminationMessagePath = TerminationMessagePolicy.defaultPath }
    if terminationMessagePolicy.isEmpty { terminationMessagePolicy = TerminationMessagePolicy.readFile }
    for i in ports.indices where ports[i].protocol.isEmpty { ports[i].protocol = PortProtocol.tcp }
    livenessProbe?.applyDefaults()
    readinessProbe?.applyDefaults()
    startupProbe?.applyDefaults()
    for i in env.indices {
      if var v = env[i].valueFrom {
        JSONDefaults.envVarSource(&v)
        env[i].valueFrom = v
      }
    }
    if var l = lifecycle {
      JSONDefaults.lifecycle(&l)
      lifecycle = l
    }
  }
}

extension Probe {
  /// Upstream `SetDefaults_Probe` (0 counts as unset) and `SetDefaults_HTTPGetAction`.
  public mutating func applyDefaults() {
    if (timeoutSeconds ?? 0) == 0 { timeoutSeconds = 1 }
    if (periodSeconds ?? 0) == 0 { periodSeconds = 10 }
    if (successThreshold ?? 0) == 0 { successThreshold = 1 }
    if (failureThreshold ?? 0) == 0 { failureThreshold = 3 }
    if httpGet != nil {
      if httpGet!.path.isEmpty { httpGet!.path = "/" }
      if httpGet!.scheme.isEmpty { httpGet!.scheme = URIScheme.http }
    }
    if grpc != nil && grpc!.service == nil { grpc!.service = "" }
  }
}

extension Volume {
  /// Upstream `SetDefaults_Volume` (no source → `emptyDir: {}`) and the sources' defaults
  /// (`defaultMode: 420`, hostPath `type: ""`).
  public mutating func applyDefaults() {
    if sourceNames.isEmpty { emptyDir = EmptyDirVolumeSource() }
    if hostPath != nil && hostPath!.type == nil { hostPath!.type = "" }
    if secret != nil && secret!.defaultMode == nil { secret!.defaultMode = 0o644 }
    if configMap != nil && configMap!.defaultMode == nil { configMap!.defaultMode = 0o644 }
    if var d = downwardAPI {
      JSONDefaults.downwardAPIVolume(&d)
      downwardAPI = d
    }
    if var p = projected {
      JSONDefaults.projectedVolume(&p)
      projected = p
    }
  }
}

/// Splitting an image reference the way upstream's `parsers.ParseImageName` does for the tag.
enum ImageReference {
  /// The tag of `image`: "latest" when neither a tag nor a digest is given, "" with only a digest.
  static func tag(of image: String) -> String {
    // Upstream ignores the parse error of an empty reference and finds no tag.
    if image.isEmpty { return "" }
    var name = image
    if let at = name.firstIndex(of: "@") {
      // A digest reference: a tag may still precede the digest.
      name = String(name[..<at])
      let lastPart = name.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? name
      if let colon = lastPart.lastIndex(of: ":") { return String(lastPart[lastPart.index(after: colon)...]) }
      return ""
    }
    let lastPart = name.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? name
    if let colon = lastPart.lastIndex(of: ":") { return String(lastPart[lastPart.index(after: colon)...]) }
    return "latest"
  }
}

/// Defaults inside the subtrees that are carried as JSON.
enum JSONDefaults {
  /// `ObjectFieldSelector.apiVersion` → "v1"; `ResourceFieldSelector.divisor` prints as "0" when unset.
  static func envVarSource(_ v: inout JSON) {
    if var f = v["fieldRef"], case .object = f {
      if f["apiVersion"] == nil { f["apiVersion"] = "v1" }
      v["fieldRef"] = f
    }
    if var r = v["resourceFieldRef"], case .object = r {
      if r["divisor"] == nil { r["divisor"] = "0" }
      v["resourceFieldRef"] = r
    }
  }

  /// `SetDefaults_HTTPGetAction` inside `postStart`/`preStop` handlers.
  static func lifecycle(_ l: inout JSON) {
    for hook in ["postStart", "preStop"] {
      guard var h = l[hook], var get = h["httpGet"], case .object = get else { continue }
      if (get["path"]?.stringValue ?? "").isEmpty { get["path"] = "/" }
      if (get["scheme"]?.stringValue ?? "").isEmpty { get["scheme"] = "HTTP" }
      h["httpGet"] = get
      l[hook] = h
    }
  }

  static func downwardAPIVolume(_ d: inout JSON) {
    guard case .object = d else { return }
    if d["defaultMode"] == nil { d["defaultMode"] = 420 }
    downwardAPIItems(&d)
  }

  static func projectedVolume(_ p: inout JSON) {
    guard case .object = p else { return }
    if p["defaultMode"] == nil { p["defaultMode"] = 420 }
    guard var sources = p["sources"]?.arrayValue else { return }
    for i in sources.indices {
      if var t = sources[i]["serviceAccountToken"], case .object = t {
        if t["expirationSeconds"] == nil { t["expirationSeconds"] = 3600 }
        sources[i]["serviceAccountToken"] = t
      }
      if var d = sources[i]["downwardAPI"], case .object = d {
        downwardAPIItems(&d)
        sources[i]["downwardAPI"] = d
      }
    }
    p["sources"] = .array(sources)
  }

  private static func downwardAPIItems(_ d: inout JSON) {
    guard var items = d["items"]?.arrayValue else { return }
    for i in items.indices { envVarSource(&items[i]) }
    d["items"] = .array(items)
  }

  /// The container defaults for an ephemeral container held as JSON.
  static func container(_ c: inout JSON) {
    guard case .object = c else { return }
    if (c["imagePullPolicy"]?.stringValue ?? "").isEmpty {
      let image = c["image"]?.stringValue ?? ""
      c["imagePullPolicy"] = .string(ImageReference.tag(of: image) == "latest" ? "Always" : "IfNotPresent")
    }
    if (c["terminationMessagePath"]?.stringValue ?? "").isEmpty {
      c["terminationMessagePath"] = .string(TerminationMessagePolicy.defaultPath)
    }
    if (c["terminationMessagePolicy"]?.stringValue ?? "").isEmpty {
      c["terminationMessagePolicy"] = .string(TerminationMessagePolicy.readFile)
    }
  }
}
