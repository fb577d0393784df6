// Scale: `kubectl scale --replicas=N deployment/web` through the scale subresource
// (k8s.io/kubectl/pkg/cmd/scale).
import KubeSim

enum Scale {
  static func run(_ inv: Invocation) throws {
    guard inv.flags.changed("replicas"), let replicas = inv.flags.int("replicas") else {
      throw KubectlError.message("required flag(s) \"replicas\" not set")
    }
    if replicas < 0 {
      throw KubectlError.message("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0")
    }
    let dry = try inv.dryRun()
    var targets: [any KubeObject] = []
    if !inv.flags.list("filename").isEmpty {
      for m in try ManifestReader(inv).read(inv.flags.list("filename"), recursive: inv.flags.bool("recursive")) {
        targets.append(try inv.get(type(of: m.object), m.object.metadata.name, namespace: m.object.metadata.namespace))
      }
    } else {
      if inv.args.isEmpty { throw KubectlError.message(Delete.noResources) }
      let parsed = try ResourceArguments.parse(inv.args)
      for ref in parsed.refs {
        if let name = ref.name {
          targets.append(try inv.get(ref.type, name))
        } else if inv.flags.bool("all") || inv.flags.changed("selector") {
          targets += try inv.list(ref.type, labelSelector: inv.flags.string("selector"))
        } else {
          throw KubectlError.message("resource(s) were provided, but no name was specified")
        }
      }
    }
    if targets.isEmpty { throw KubectlError.message("no objects passed to scale") }
    for o in targets {
      guard o is Deployment || o is ReplicaSet else {
        inv.fail(.api(reason: "NotFound", message: "the server could not find the requested resource"))
        continue
      }
      if let current = inv.flags.int("current-replicas"), current >= 0 {
        let actual = (o as? Deployment)?.spec.replicas ?? (o as? ReplicaSet)?.spec.replicas ?? 0
        if Int(actual) != current {
          inv.fail(.message("Expected replicas to be \(current), was \(actual)"))
          continue
        }
      }
      let patch: JSON = ["spec": ["replicas": .int(Int64(replicas))]]
      let result = try inv.mergePatch(o, patch, dryRun: dry, subresource: dry == .client ? "" : "scale")
      // The scale subresource carries no annotations: --record patches the object separately.
      try inv.recordChangeCause(o, dryRun: dry)
      if let format = try inv.operationFormat() {
        inv.out += try ObjectPrinter.print([result], format: format, asList: false)
      } else {
        inv.out += "\(ObjectPrinter.name(o)) scaled\(dry.suffix)\n"
      }
    }
  }
}
