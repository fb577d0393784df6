// NodeMaintenance: `kubectl cordon`, `uncordon` and `drain` — mark a node unschedulable, then
// evict its pods through `pods/eviction`, refusing what drain refuses (k8s.io/kubectl/pkg/drain).
import KubeSim

enum NodeMaintenance {
  static func cordon(_ inv: Invocation) throws { try setUnschedulable(inv, true) }
  static func uncordon(_ inv: Invocation) throws { try setUnschedulable(inv, false) }

  static func nodes(_ inv: Invocation, verb: String) throws -> [Node] {
    if inv.flags.changed("selector") {
      return try inv.list(Node.self, labelSelector: inv.flags.string("selector")).compactMap { $0 as? Node }
    }
    guard inv.args.count == 1 else {
      throw KubectlError.usageHint("USAGE: \(verb) NODE [flags]")
    }
    return [try inv.get(Node.self, inv.args[0]) as! Node]
  }

  private static func setUnschedulable(_ inv: Invocation, _ value: Bool) throws {
    let verb = value ? "cordon" : "uncordon"
    let dry = try inv.dryRun()
    for n in try nodes(inv, verb: verb) {
      try cordon(inv, n, value, dry: dry, verb: verb)
    }
  }

  static func cordon(_ inv: Invocation, _ n: Node, _ value: Bool, dry: DryRun, verb: String) throws {
    let done = value ? "cordoned" : "uncordoned"
    if (n.spec.unschedulable ?? false) == value {
      inv.out += "node/\(n.metadata.name) already \(done)\n"
      return
    }
    try inv.mergePatch(n, ["spec": ["unschedulable": value ? true : .null]], dryRun: dry)
    inv.out += "node/\(n.metadata.name) \(done)\(dry.suffix)\n"
  }

  // MARK: - drain

  static func drain(_ inv: Invocation) throws {
    let dry = try inv.dryRun()
    let ignoreDaemonSets = inv.flags.bool("ignore-daemonsets")
    let deleteEmptyDir = inv.flags.bool("delete-emptydir-data")
    let force = inv.flags.bool("force")
    for n in try nodes(inv, verb: "drain") {
      try cordon(inv, n, true, dry: dry, verb: "drain")
      // 1. The pods on the node, and what drain thinks of each.
      let pods = try inv.list(
        Pod.self, namespace: "", labelSelector: inv.flags.string("pod-selector"),
        fieldSelector: "spec.nodeName=\(n.metadata.name)"
      ).compactMap { $0 as? Pod }
      var evict: [Pod] = []
      var dsPods: [String] = []
      var unmanaged: [String] = []
      var localStorage: [String] = []
      var warnUnmanaged: [String] = []
      var warnDaemonSets: [String] = []
      for p in pods {
        let id = "\(p.metadata.namespace)/\(p.metadata.name)"
        if p.metadata.annotations?["kubernetes.io/config.mirror"] != nil { continue }
        if p.isTerminal {
          evict.append(p)
          continue
        }
        let controller = p.metadata.controllerRef
        if controller?.kind == "DaemonSet" {
          if ignoreDaemonSets { warnDaemonSets.append(id) } else { dsPods.append(id) }
          continue
        }
        if controller == nil {
          if force {
            warnUnmanaged.append(id)
          } else {
            unmanaged.append(id)
            continue
          }
        }
        if p.spec.volumes.contains(where: { $0.emptyDir != nil }) && !deleteEmptyDir {
          localStorage.append(id)
          continue
        }
        evict.append(p)
      }
      var errors: [String] = []
      if !unmanaged.isEmpty {
        errors.append(
          "cannot delete Pods that declare no controller (use --force to override): \(unmanaged.joined(separator: ", "))"
        )
      }
      if !dsPods.isEmpty {
        errors.append(
          "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): \(dsPods.joined(separator: ", "))")
      }
      if !localStorage.isEmpty {
        errors.append(
          "cannot delete Pods with local storage (use --delete-emptydir-data to override): \(localStorage.joined(separator: ", "))"
        )
      }
      if !errors.isEmpty {
        let message = errors.count == 1 ? errors[0] : "[" + errors.joined(separator: ", ") + "]"
        inv.err +=
          "error: unable to drain node \"\(n.metadata.name)\" due to error: \(message), continuing command...\nThere are pending nodes to be drained:\n \(n.metadata.name)\n\(message)\n"
        inv.exitCode = 1
        continue
      }
      var warnings: [String] = []
      if !warnDaemonSets.isEmpty {
        warnings.append("ignoring DaemonSet-managed Pods: \(warnDaemonSets.joined(separator: ", "))")
      }
      if !warnUnmanaged.isEmpty {
        warnings.append("deleting Pods that declare no controller: \(warnUnmanaged.joined(separator: ", "))")
      }
      if !warnings.isEmpty { inv.err += "Warning: \(warnings.joined(separator: "; "))\n" }
      // 2. Evict, then report (simulation: kubectl does not wait for the pods to be gone).
      var evicted: [Pod] = []
      for p in evict {
        inv.out += "evicting pod \(p.metadata.namespace)/\(p.metadata.name)\(dry == .none ? "" : dry.suffix)\n"
        if dry == .client {
          evicted.append(p)
          continue
        }
        var opts = RequestOptions()
        opts.dryRun = dry == .server
        if let g = inv.flags.int("grace-period"), g >= 0 { opts.gracePeriodSeconds = Int64(g) }
        let r = APIRequest(
          .create, Pod.resource, namespace: p.metadata.namespace, name: p.metadata.name, subresource: "eviction",
          options: opts)
        do {
          try inv.perform(r)
          evicted.append(p)
        } catch let e as KubectlError {
          inv.err +=
            "error when evicting pods/\"\(p.metadata.name)\" -n \"\(p.metadata.namespace)\" (will retry after 5s): \(e.render(commandPath: "").dropFirst("error: ".count))"
        }
      }
      for p in evicted { inv.out += "pod/\(p.metadata.name) evicted\n" }
      inv.out += "node/\(n.metadata.name) drained\(dry.suffix)\n"
    }
  }
}
