// Taint: `kubectl taint nodes NAME key=value:Effect` and `key[:Effect]-` to remove
// (k8s.io/kubectl/pkg/cmd/taint).
import KubeSim

enum TaintCommand {
  static func run(_ inv: Invocation) throws {
    let dry = try inv.dryRun()
    guard inv.args.count >= 1 else {
      throw KubectlError.message("one or more resources must be specified as <resource> <name>")
    }
    // `taint nodes NAME specs…` or `taint node/NAME specs…`.
    var resourceArgs: [String] = []
    var specs: [String] = []
    for a in inv.args {
      if a.contains("=") || a.contains(":") || (a.hasSuffix("-") && !resourceArgs.isEmpty) {
        specs.append(a)
      } else if specs.isEmpty {
        resourceArgs.append(a)
      }
    }
    if specs.isEmpty { throw KubectlError.message("at least one taint update is required") }
    var add: [Taint] = []
    var remove: [Taint] = []
    for s in specs {
      if s.hasSuffix("-") {
        let body = String(s.dropLast())
        let parts = body.split(separator: ":", maxSplits: 1).map(String.init)
        let effect = parts.count > 1 ? parts[1] : ""
        if !effect.isEmpty && !TaintEffect.all.contains(effect) {
          throw KubectlError.message("invalid taint effect: \(effect), unsupported taint effect")
        }
        remove.append(Taint(key: parts[0].split(separator: "=").first.map(String.init) ?? parts[0], effect: effect))
        continue
      }
      let parts = s.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
      guard parts.count == 2, !parts[1].isEmpty else { throw KubectlError.message("invalid taint spec: \(s)") }
      guard TaintEffect.all.contains(parts[1]) else {
        throw KubectlError.message("invalid taint effect: \(parts[1]), unsupported taint effect")
      }
      let kv = parts[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
      var t = Taint(key: kv[0], value: kv.count > 1 ? kv[1] : "", effect: parts[1])
      if t.effect == TaintEffect.noExecute { t.timeAdded = inv.now }
      add.append(t)
    }
    var nodes: [Node] = []
    let parsed = try ResourceArguments.parse(resourceArgs)
    for ref in parsed.refs {
      guard ref.type == Node.self else {
        throw KubectlError.message("invalid resource type \(ref.type.resource.plural), only node types are supported")
      }
      if let name = ref.name {
        nodes.append(try inv.get(Node.self, name) as! Node)
      } else if inv.flags.bool("all") || inv.flags.changed("selector") {
        nodes += try inv.list(Node.self, labelSelector: inv.flags.string("selector")).compactMap { $0 as? Node }
      } else {
        throw KubectlError.message("one or more resources must be specified as <resource> <name>")
      }
    }
    for n in nodes {
      var taints = n.spec.taints
      var removedAny = false
      for r in remove {
        let before = taints.count
        taints.removeAll { $0.key == r.key && (r.effect.isEmpty || $0.effect == r.effect) }
        if taints.count == before {
          throw KubectlError.message("taint \"\(r.effect.isEmpty ? r.key : "\(r.key):\(r.effect)")\" not found")
        }
        removedAny = true
      }
      for a in add {
        if let i = taints.firstIndex(where: { $0.key == a.key && $0.effect == a.effect }) {
          guard inv.flags.bool("overwrite") else {
            throw KubectlError.message(
              "node \(n.metadata.name) already has \(a.key) taint(s) with same effect(s) and --overwrite is false")
          }
          taints[i] = a
        } else {
          taints.append(a)
        }
      }
      let taintJSON = JSON.array(taints.map { (try? TreeEncoder().encode($0)) ?? .null })
      let result = try inv.mergePatch(n, ["spec": ["taints": taints.isEmpty ? .null : taintJSON]], dryRun: dry)
      if let format = try inv.operationFormat() {
        inv.out += try ObjectPrinter.print([result], format: format, asList: false)
      } else {
        let verb = add.isEmpty && removedAny ? "untainted" : "tainted"
        inv.out += "node/\(n.metadata.name) \(verb)\(dry.suffix)\n"
      }
    }
  }
}
