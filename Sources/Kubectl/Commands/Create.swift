// Create: `kubectl create -f` and the generators `create deployment|namespace|service|configmap|
// secret generic|serviceaccount|role|clusterrole|rolebinding|clusterrolebinding|job`
// (k8s.io/kubectl/pkg/cmd/create), building the same objects kubectl builds client-side.
import KubeSim

enum Create {
  // MARK: - create -f

  static func fromFiles(_ inv: Invocation) throws {
    let files = inv.flags.list("filename")
    if !inv.args.isEmpty { throw KubectlError.usageHint("Unexpected args: [\(inv.args.joined(separator: " "))]") }
    guard !files.isEmpty else { throw KubectlError.message("must specify one of -f and -k") }
    let dry = try inv.dryRun()
    let format = try inv.operationFormat()
    let manifests = try ManifestReader(inv).read(
      files, recursive: inv.flags.bool("recursive"), continueOnError: true)
    for m in manifests {
      var o = m.object
      if inv.flags.bool("save-config") { o = Apply.withLastApplied(o, m.json) }
      do {
        let stored = try inv.create(o, dryRun: dry)
        try inv.printOperation(stored, "created", dryRun: dry, format: format)
      } catch let KubectlError.api(reason, message) {
        inv.fail(.api(reason: reason, message: "error when creating \"\(m.source)\": \(message)"))
      }
    }
  }

  // MARK: - Generators

  /// Runs a generator: builds the object, sends it (unless `--dry-run=client`) and prints it.
  private static func finish(
    _ inv: Invocation, _ object: any KubeObject, errorPrefix: String? = nil
  ) throws {
    let dry = try inv.dryRun()
    let format = try inv.operationFormat()
    var o = object
    if o.resource.namespaced && o.metadata.namespace.isEmpty { o.metadata.namespace = inv.namespace }
    if dry == .client && o.resource.namespaced && !inv.namespaceGiven { o.metadata.namespace = "" }
    let stored: any KubeObject
    do {
      stored = try inv.create(o, dryRun: dry)
    } catch let KubectlError.api(reason, message) {
      if let errorPrefix { throw KubectlError.message("\(errorPrefix)\(message)") }
      throw KubectlError.api(reason: reason, message: message)
    }
    try inv.printOperation(stored, "created", dryRun: dry, format: format)
  }

  static func requireFlag(_ inv: Invocation, _ name: String) throws -> String {
    guard inv.flags.changed(name) else { throw KubectlError.message("required flag(s) \"\(name)\" not set") }
    return inv.flags.string(name)
  }

  static func deployment(_ inv: Invocation) throws {
    let images = inv.flags.list("image")
    guard !images.isEmpty else { throw KubectlError.message("required flag(s) \"image\" not set") }
    let name = try inv.singleName("deployment")
    let labels = ["app": name]
    var d = Deployment(metadata: ObjectMeta(name: name, labels: labels))
    // --replicas and --port are int32 flags.
    let spec = { (name: String) in CommandCatalog.commands[inv.path]?.flags.first { $0.name == name } }
    d.spec.replicas = try inv.flags.int32(spec("replicas")) ?? 1
    d.spec.selector = LabelSelector(matchLabels: labels)
    d.spec.template.metadata.labels = labels
    d.spec.template.spec.containers = containers(for: images)
    if let port = try inv.flags.int32(spec("port")), port >= 0, !d.spec.template.spec.containers.isEmpty {
      d.spec.template.spec.containers[0].ports = [ContainerPort(containerPort: port)]
    }
    try finish(inv, d, errorPrefix: "failed to create deployment: ")
  }

  /// One container per image, named after the image (`registry.k8s.io/pause:3.9` → `pause`).
  static func containers(for images: [String]) -> [Container] {
    var used: [String: Int] = [:]
    return images.map { image in
      var name = String(image.split(separator: "/").last ?? Substring(image))
      if let c = name.firstIndex(of: ":") { name = String(name[..<c]) }
      if let a = name.firstIndex(of: "@") { name = String(name[..<a]) }
      name = name.replacingOccurrences(of: "_", with: "-")
      if let n = used[name] {
        used[name] = n + 1
        name = "\(name)-\(n + 1)"
      } else {
        used[name] = 1
      }
      return Container(name: name, image: image)
    }
  }

  static func namespace(_ inv: Invocation) throws {
    let name = try inv.singleName("namespace")
    try finish(inv, Namespace(metadata: ObjectMeta(name: name)))
  }

  // MARK: - Services

  static func serviceClusterIP(_ inv: Invocation) throws {
    try service(inv, type: ServiceType.clusterIP, label: "ClusterIP")
  }

  static func serviceNodePort(_ inv: Invocation) throws {
    try service(inv, type: ServiceType.nodePort, label: "NodePort")
  }

  static func serviceLoadBalancer(_ inv: Invocation) throws {
    try service(inv, type: ServiceType.loadBalancer, label: "LoadBalancer")
  }

  private static func service(_ inv: Invocation, type: String, label: String) throws {
    let name = try inv.singleName("service")
    let tcp = inv.flags.list("tcp")
    let clusterIP = inv.flags.string("clusterip")
    if tcp.isEmpty && clusterIP != "None" {
      throw KubectlError.message("at least one tcp port specifier must be provided")
    }
    var s = Service(metadata: ObjectMeta(name: name, labels: ["app": name]))
    s.spec.type = type
    s.spec.selector = ["app": name]
    if !clusterIP.isEmpty { s.spec.clusterIP = clusterIP }
    let nodePort = inv.flags.int("node-port") ?? 0
    for spec in tcp {
      let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
      guard let port = Int32(parts[0]) else {
        throw KubectlError.message("strconv.Atoi: parsing \"\(parts[0])\": invalid syntax")
      }
      var target = IntOrString.int(Int(port))
      if parts.count > 1 {
        target = Int(parts[1]).map { .int($0) } ?? .string(parts[1])
      }
      var p = ServicePort(
        name: spec.replacingOccurrences(of: ":", with: "-"), protocol: "TCP", port: port, targetPort: target)
      // An int flag stored in an int32 field: Go's int32() wraps, and validation judges the result.
      if nodePort > 0 { p.nodePort = Int32(truncatingIfNeeded: nodePort) }
      s.spec.ports.append(p)
    }
    try finish(inv, s, errorPrefix: "failed to create \(label) service: ")
  }

  // MARK: - Config

  static func configMap(_ inv: Invocation) throws {
    let name = try inv.singleName("configmap")
    var cm = ConfigMap(metadata: ObjectMeta(name: name))
    for (k, v) in try literals(inv) { cm.data[k] = v }
    for (k, v) in try fromFiles(inv) { cm.data[k] = v }
    try finish(inv, cm, errorPrefix: "failed to create configmap: ")
  }

  static func secretGeneric(_ inv: Invocation) throws {
    let name = try inv.singleName("secret")
    var s = Secret(metadata: ObjectMeta(name: name))
    if inv.flags.changed("type") { s.type = inv.flags.string("type") }
    for (k, v) in try literals(inv) { s.data[k] = Base64.encode(v) }
    for (k, v) in try fromFiles(inv) { s.data[k] = Base64.encode(v) }
    try finish(inv, s, errorPrefix: "failed to create secret ")
  }

  /// `--from-literal=key=value` (repeatable), and `--from-env-file` lines.
  private static func literals(_ inv: Invocation) throws -> [(String, String)] {
    var out: [(String, String)] = []
    for lit in inv.flags.strings("from-literal") {
      guard let eq = lit.firstIndex(of: "="), eq != lit.startIndex else {
        throw KubectlError.message("invalid literal source \(lit), expected key=value")
      }
      let key = String(lit[..<eq])
      var value = String(lit[lit.index(after: eq)...])
      if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
        value = String(value.dropFirst().dropLast())
      }
      if out.contains(where: { $0.0 == key }) {
        throw KubectlError.message(
          "cannot add key \(key), another key by that name already exists in Data for ConfigMap \"\(inv.args.first ?? "")\""
        )
      }
      out.append((key, value))
    }
    for file in inv.flags.strings("from-env-file") {
      guard let text = inv.runner.readFile(resolve(inv, file)) else {
        throw KubectlError.message("error reading \(file): no such file or directory")
      }
      for line in text.split(separator: "\n") {
        let t = line.trimmingCharacters(in: " ")
        if t.isEmpty || t.hasPrefix("#") { continue }
        guard let eq = t.firstIndex(of: "=") else { continue }
        out.append((String(t[..<eq]), String(t[t.index(after: eq)...])))
      }
    }
    return out
  }

  /// `--from-file=path` or `--from-file=key=path`.
  private static func fromFiles(_ inv: Invocation) throws -> [(String, String)] {
    var out: [(String, String)] = []
    for spec in inv.flags.strings("from-file") {
      var key = String(spec.split(separator: "/").last ?? Substring(spec))
      var path = spec
      if let eq = spec.firstIndex(of: "=") {
        key = String(spec[..<eq])
        path = String(spec[spec.index(after: eq)...])
      }
      guard let text = inv.runner.readFile(resolve(inv, path)) else {
        throw KubectlError.message("error reading \(path): no such file or directory")
      }
      out.append((key, text))
    }
    return out
  }

  static func resolve(_ inv: Invocation, _ path: String) -> String {
    path.hasPrefix("/") ? path : inv.workingDirectory + "/" + path
  }

  static func serviceAccount(_ inv: Invocation) throws {
    let name = try inv.singleName("serviceaccount")
    try finish(inv, ServiceAccount(metadata: ObjectMeta(name: name)), errorPrefix: "failed to create serviceaccount: ")
  }

  // MARK: - RBAC

  static let validVerbs = [
    "*", "get", "delete", "list", "create", "update", "patch", "watch", "proxy", "deletecollection", "use", "bind",
    "escalate", "impersonate",
  ]

  static func rules(_ inv: Invocation) throws -> [PolicyRule] {
    let verbs = inv.flags.list("verb")
    guard !verbs.isEmpty else { throw KubectlError.message("at least one verb must be specified") }
    for v in verbs where !validVerbs.contains(v) {
      throw KubectlError.message("invalid verb: '\(v)'")
    }
    let resources = inv.flags.list("resource")
    let nonResource = inv.flags.list("non-resource-url")
    if resources.isEmpty && nonResource.isEmpty {
      throw KubectlError.message("at least one resource must be specified")
    }
    var byGroup: [String: [String]] = [:]
    for r in resources {
      var base = r
      var sub = ""
      if let slash = r.firstIndex(of: "/") {
        base = String(r[..<slash])
        sub = String(r[slash...])
      }
      if base == "*" {
        byGroup["", default: []].append("*" + sub)
        continue
      }
      guard let t = KindRegistry.resolve(base) else {
        throw KubectlError.message("the server doesn't have a resource type \"\(base)\"")
      }
      byGroup[t.resource.group, default: []].append(t.resource.plural + sub)
    }
    var rules: [PolicyRule] = byGroup.keys.sorted().map { g in
      PolicyRule(verbs: verbs, apiGroups: [g], resources: byGroup[g]!, resourceNames: inv.flags.list("resource-name"))
    }
    if !nonResource.isEmpty { rules.append(PolicyRule(verbs: verbs, nonResourceURLs: nonResource)) }
    return rules
  }

  static func role(_ inv: Invocation) throws {
    let name = try inv.singleName("role")
    try finish(inv, Role(metadata: ObjectMeta(name: name), rules: try rules(inv)))
  }

  static func clusterRole(_ inv: Invocation) throws {
    let name = try inv.singleName("clusterrole")
    try finish(inv, ClusterRole(metadata: ObjectMeta(name: name), rules: try rules(inv)))
  }

  static func subjects(_ inv: Invocation) throws -> [Subject] {
    var out: [Subject] = []
    for u in inv.flags.list("user") { out.append(Subject(kind: "User", apiGroup: RBACNames.group, name: u)) }
    for g in inv.flags.list("group") { out.append(Subject(kind: "Group", apiGroup: RBACNames.group, name: g)) }
    for sa in inv.flags.list("serviceaccount") {
      let parts = sa.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw KubectlError.message("serviceaccount must be <namespace>:<name>")
      }
      out.append(Subject(kind: "ServiceAccount", name: parts[1], namespace: parts[0]))
    }
    return out
  }

  static func roleBinding(_ inv: Invocation) throws {
    let name = try inv.singleName("rolebinding")
    let role = inv.flags.string("role")
    let clusterRole = inv.flags.string("clusterrole")
    guard role.isEmpty != clusterRole.isEmpty else {
      throw KubectlError.message("exactly one of clusterrole or role must be specified")
    }
    let ref = role.isEmpty ? RoleRef(kind: "ClusterRole", name: clusterRole) : RoleRef(kind: "Role", name: role)
    try finish(inv, RoleBinding(metadata: ObjectMeta(name: name), subjects: try subjects(inv), roleRef: ref))
  }

  static func clusterRoleBinding(_ inv: Invocation) throws {
    let name = try inv.singleName("clusterrolebinding")
    let clusterRole = try requireFlag(inv, "clusterrole")
    try finish(
      inv,
      ClusterRoleBinding(
        metadata: ObjectMeta(name: name), subjects: try subjects(inv),
        roleRef: RoleRef(kind: "ClusterRole", name: clusterRole)))
  }

  // MARK: - Job

  static func job(_ inv: Invocation) throws {
    if inv.flags.changed("from") {
      throw KubectlError.message("KubeLab does not simulate CronJobs, so --from cannot be used")
    }
    let positional = inv.flags.argsLenAtDash.map { Array(inv.args[..<$0]) } ?? inv.args
    let command = inv.flags.argsLenAtDash.map { Array(inv.args[$0...]) } ?? []
    guard let name = positional.first else { throw KubectlError.usageHint("NAME is required") }
    let image = try requireFlag(inv, "image")
    var j = Job(metadata: ObjectMeta(name: name))
    var c = Container(name: name, image: image)
    c.command = command
    j.spec.template.spec.containers = [c]
    j.spec.template.spec.restartPolicy = RestartPolicy.never
    try finish(inv, j, errorPrefix: "failed to create job: ")
  }
}

extension String {
  func replacingOccurrences(of a: String, with b: String) -> String {
    guard !a.isEmpty else { return self }
    var out = ""
    var rest = self[...]
    while let r = rest.range(of: a) {
      out += rest[..<r.lowerBound]
      out += b
      rest = rest[r.upperBound...]
    }
    out += rest
    return out
  }
}

extension Substring {
  func range(of s: String) -> Range<Substring.Index>? {
    guard !s.isEmpty else { return nil }
    var i = startIndex
    while i < endIndex {
      if self[i...].hasPrefix(s) { return i..<index(i, offsetBy: s.count) }
      i = index(after: i)
    }
    return nil
  }
}

/// Standard base64 (Secret data).
enum Base64 {
  private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

  static func encode(_ s: String) -> String {
    let bytes = Array(s.utf8)
    var out = ""
    var i = 0
    while i < bytes.count {
      let b0 = bytes[i]
      let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
      let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
      out.append(alphabet[Int(b0 >> 2)])
      out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
      out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0f) << 2 | b2 >> 6)] : "=")
      out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3f)] : "=")
      i += 3
    }
    return out
  }

  static func decode(_ s: String) -> String? {
    var map: [Character: UInt8] = [:]
    for (i, c) in alphabet.enumerated() { map[c] = UInt8(i) }
    var bits: UInt32 = 0
    var count = 0
    var bytes: [UInt8] = []
    for c in s where c != "=" && c != "\n" {
      guard let v = map[c] else { return nil }
      bits = bits << 6 | UInt32(v)
      count += 6
      if count >= 8 {
        count -= 8
        bytes.append(UInt8((bits >> UInt32(count)) & 0xff))
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
