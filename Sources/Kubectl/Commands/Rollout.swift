// Rollout: `kubectl rollout status|history|undo|restart|pause|resume` for deployments (and status
// for daemon sets), from the ReplicaSets' revision annotations (k8s.io/kubectl/pkg/cmd/rollout,
// pkg/polymorphichelpers).
import KubeSim

enum Rollout {
  static let revisionAnnotation = "deployment.kubernetes.io/revision"
  static let changeCauseAnnotation = "kubernetes.io/change-cause"

  /// The objects the command names (`deployment/web`, `deployment web`, `-f`).
  static func targets(_ inv: Invocation) throws -> [any KubeObject] {
    if !inv.flags.list("filename").isEmpty {
      return try ManifestReader(inv).read(inv.flags.list("filename"), recursive: inv.flags.bool("recursive")).map {
        try inv.get(type(of: $0.object), $0.object.metadata.name, namespace: $0.object.metadata.namespace)
      }
    }
    if inv.args.isEmpty {
      throw KubectlError.message(
        "required resource not specified")
    }
    var out: [any KubeObject] = []
    for ref in try ResourceArguments.parse(inv.args).refs {
      if let name = ref.name {
        out.append(try inv.get(ref.type, name))
      } else if inv.flags.changed("selector") {
        out += try inv.list(ref.type, labelSelector: inv.flags.string("selector"))
      } else {
        throw KubectlError.message("resource(s) were provided, but no name was specified")
      }
    }
    return out
  }

  // MARK: - status

  /// Prints where the rollout is now (`RolloutStatus`). Simulation: the REPL cannot block, so
  /// instead of watching until done kubectl prints the current line and exits 0 only when the
  /// rollout is complete; an unfinished rollout adds a hint on stderr naming the `run until`
  /// condition that waits for exactly this. With `--watch=false` kubectl prints the line and exits 0
  /// whatever it says, as upstream.
  static func status(_ inv: Invocation) throws {
    let objs = try targets(inv)
    guard objs.count == 1, let o = objs.first else {
      throw KubectlError.message("rollout status is only supported on individual resources and resource collections")
    }
    let (text, done): (String, Bool)
    do {
      (text, done) = try RolloutStatus.of(o, revision: inv.flags.int("revision") ?? 0)
    } catch {
      throw KubectlError.message(error.message)
    }
    inv.out += text
    let watch = !inv.flags.changed("watch") || inv.flags.bool("watch")
    if !done && watch {
      inv.exitCode = 1
      let ns = o.metadata.namespace
      let namespace = ns.isEmpty || ns == "default" ? "" : " -n \(ns)"
      inv.err +=
        "hint: KubeLab does not block here (the clock moves only when you run it): "
        + "`run until \(o.resource.singular)/\(o.metadata.name) rolled-out\(namespace)` runs until this rollout is done\n"
    }
  }

  // MARK: - history

  /// The deployment's ReplicaSets by revision.
  static func revisions(_ d: Deployment, inv: Invocation) throws -> [(Int, ReplicaSet)] {
    let all = try inv.list(ReplicaSet.self, namespace: d.metadata.namespace)
    var out: [(Int, ReplicaSet)] = []
    for case let rs as ReplicaSet in all where rs.metadata.controllerRef?.uid == d.metadata.uid {
      let rev = Int(rs.metadata.annotations?[revisionAnnotation] ?? "") ?? 0
      out.append((rev, rs))
    }
    return out.sorted { $0.0 < $1.0 }
  }

  static func history(_ inv: Invocation) throws {
    for o in try targets(inv) {
      guard let d = o as? Deployment else {
        throw KubectlError.message("no history viewer has been implemented for \(o.resource.kind)")
      }
      let revs = try revisions(d, inv: inv)
      let wanted = inv.flags.int("revision") ?? 0
      var body: String
      if revs.isEmpty {
        body = "No rollout history found."
      } else if wanted > 0 {
        guard let rs = revs.first(where: { $0.0 == wanted })?.1 else {
          throw KubectlError.message("unable to find the specified revision")
        }
        body = Describer.podTemplate(rs.spec.template)
      } else {
        var text = "REVISION\tCHANGE-CAUSE\n"
        for (rev, rs) in revs {
          var cause = rs.metadata.annotations?[changeCauseAnnotation] ?? ""
          if cause.isEmpty { cause = "<none>" }
          text += "\(rev)\t\(cause)\n"
        }
        body = TabWriter(minWidth: 0, padding: 2).format(text)
      }
      let withRevision = wanted > 0 ? "with revision #\(wanted)" : ""
      inv.out += "\(ObjectPrinter.name(d)) \(withRevision)\n\(body)\n"
    }
  }

  // MARK: - undo

  static let skippedAnnotations: Set<String> = [
    Apply.lastAppliedAnnotation, revisionAnnotation, "deployment.kubernetes.io/revision-history",
    "deployment.kubernetes.io/desired-replicas", "deployment.kubernetes.io/max-replicas",
    "deprecated.deployment.rollback.to",
  ]

  /// Copies an old ReplicaSet's template back into the deployment, as kubectl's rollbacker does.
  static func undo(_ inv: Invocation) throws {
    let dry = try inv.dryRun()
    for o in try targets(inv) {
      guard let d = o as? Deployment else {
        throw KubectlError.message("no rollbacker has been implemented for \"\(o.resource.kind)\"")
      }
      let to = inv.flags.int("to-revision") ?? 0
      if to < 0 { throw KubectlError.message("unable to find specified revision \(to) in history") }
      let revs = try revisions(d, inv: inv)
      if revs.isEmpty { throw KubectlError.message("no rollout history found for deployment \"\(d.metadata.name)\"") }
      let target: ReplicaSet
      if to == 0 {
        guard revs.count >= 2 else {
          throw KubectlError.message("no rollout history found for deployment \"\(d.metadata.name)\"")
        }
        target = revs[revs.count - 2].1
      } else {
        guard let rs = revs.first(where: { $0.0 == to })?.1 else {
          throw KubectlError.message("unable to find specified revision \(to) in history")
        }
        target = rs
      }
      var template = target.spec.template
      template.metadata.labels?["pod-template-hash"] = nil
      if dry == .client {
        inv.out += "\(ObjectPrinter.name(d)) Pod Template:\n" + Describer.podTemplate(template) + "\n"
        continue
      }
      if d.spec.paused == true {
        throw KubectlError.message(
          "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again")
      }
      if template == d.spec.template {
        inv.out +=
          "\(ObjectPrinter.name(d)) skipped rollback (current template already matches revision \(to == 0 ? (revs.first { $0.1 == target }?.0 ?? 0) : to))\n"
        continue
      }
      var annotations: [String: String] = [:]
      for (k, v) in d.metadata.annotations ?? [:] where skippedAnnotations.contains(k) { annotations[k] = v }
      for (k, v) in target.metadata.annotations ?? [:] where !skippedAnnotations.contains(k) { annotations[k] = v }
      var desired = d
      desired.spec.template = template
      desired.metadata.annotations = annotations.isEmpty ? nil : annotations
      guard let patch = MergePatch.diff(from: d.json, to: desired.json) else { continue }
      do {
        try inv.mergePatch(d, patch, dryRun: dry)
      } catch KubectlError.api(_, let message) {
        throw KubectlError.message("failed restoring revision \(to): \(message)")
      }
      inv.out += "\(ObjectPrinter.name(d)) rolled back\(dry.suffix)\n"
    }
  }

  // MARK: - restart, pause, resume

  static func restart(_ inv: Invocation) throws {
    for o in try targets(inv) {
      guard o is Deployment || o is DaemonSet else {
        throw KubectlError.message("restarting is not supported")
      }
      if let d = o as? Deployment, d.spec.paused == true {
        throw KubectlError.message(
          "\(d.resource.groupResource) \"\(d.metadata.name)\" can't restart paused deployment (run rollout resume first)"
        )
      }
      let patch: JSON = [
        "spec": [
          "template": ["metadata": ["annotations": ["kubectl.kubernetes.io/restartedAt": .string(inv.now.rfc3339)]]]
        ]
      ]
      try inv.mergePatch(o, patch)
      inv.out += "\(ObjectPrinter.name(o)) restarted\n"
    }
  }

  static func pause(_ inv: Invocation) throws {
    for o in try targets(inv) {
      guard let d = o as? Deployment else { throw KubectlError.message("pausing is not supported") }
      if d.spec.paused == true {
        inv.fail(.message("\(d.resource.groupResource) \"\(d.metadata.name)\" is already paused"))
        continue
      }
      try inv.mergePatch(d, ["spec": ["paused": true]])
      inv.out += "\(ObjectPrinter.name(d)) paused\n"
    }
  }

  static func resume(_ inv: Invocation) throws {
    for o in try targets(inv) {
      guard let d = o as? Deployment else { throw KubectlError.message("resuming is not supported") }
      if d.spec.paused != true {
        inv.fail(.message("\(d.resource.groupResource) \"\(d.metadata.name)\" is not paused"))
        continue
      }
      try inv.mergePatch(d, ["spec": ["paused": nil]])
      inv.out += "\(ObjectPrinter.name(d)) resumed\n"
    }
  }
}
