// Expose: `kubectl expose deployment web --port=80 --target-port=8080 --type=NodePort` — a
// Service selecting the resource's pods (k8s.io/kubectl/pkg/cmd/expose).
import KubeSim

enum Expose {
  static func run(_ inv: Invocation) throws {
    if inv.args.isEmpty && inv.flags.list("filename").isEmpty { throw KubectlError.message(Delete.noResources) }
    let dry = try inv.dryRun()
    let format = try inv.operationFormat()
    var targets: [any KubeObject] = []
    if !inv.flags.list("filename").isEmpty {
      for m in try ManifestReader(inv).read(inv.flags.list("filename"), recursive: false) {
        targets.append(try inv.get(type(of: m.object), m.object.metadata.name, namespace: m.object.metadata.namespace))
      }
    } else {
      for ref in try ResourceArguments.parse(inv.args).refs {
        guard let name = ref.name else {
          throw KubectlError.message("resource(s) were provided, but no name was specified")
        }
        targets.append(try inv.get(ref.type, name))
      }
    }
    for o in targets {
      // The selector and the ports the service can take from the object.
      var selector: [String: String] = [:]
      var ports: [ContainerPort] = []
      var labels = o.metadata.labels ?? [:]
      switch o {
      case let p as Pod:
        selector = p.metadata.labels ?? [:]
        ports = p.spec.containers.flatMap(\.ports)
      case let d as Deployment:
        guard let s = d.spec.selector, (s.matchExpressions ?? []).isEmpty else {
          throw KubectlError.message(
            "couldn't retrieve selectors via --selector flag or introspection: the deployment has a selector with match expressions, which expose cannot use"
          )
        }
        selector = s.matchLabels ?? [:]
        ports = d.spec.template.spec.containers.flatMap(\.ports)
      case let rs as ReplicaSet:
        selector = rs.spec.selector?.matchLabels ?? [:]
        ports = rs.spec.template.spec.containers.flatMap(\.ports)
      case let s as Service:
        selector = s.spec.selector
        ports = s.spec.ports.map { ContainerPort(name: $0.name, containerPort: $0.port, protocol: $0.protocol) }
      default:
        throw KubectlError.message("cannot expose a \(o.resource.kind)")
      }
      if inv.flags.changed("selector") {
        selector = [:]
        for pair in inv.flags.string("selector").split(separator: ",") {
          let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
          if kv.count == 2 { selector[kv[0]] = kv[1] }
        }
      }
      if selector.isEmpty {
        throw KubectlError.message(
          "couldn't retrieve selectors via --selector flag or introspection: the \(o.resource.kind.lowercased()) has no labels to select"
        )
      }
      if inv.flags.changed("labels") {
        labels = [:]
        for pair in inv.flags.string("labels").split(separator: ",") {
          let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
          if kv.count == 2 { labels[kv[0]] = kv[1] }
        }
      }
      let name = inv.flags.string("name").isEmpty ? o.metadata.name : inv.flags.string("name")
      var svc = Service(
        metadata: ObjectMeta(name: name, namespace: o.metadata.namespace, labels: labels.isEmpty ? nil : labels))
      svc.spec.selector = selector
      let proto = inv.flags.string("protocol")
      let target = inv.flags.string("target-port")
      if inv.flags.changed("port") {
        for p in inv.flags.string("port").split(separator: ",") {
          guard let port = Int32(p) else { throw KubectlError.message("invalid port: \(p)") }
          var sp = ServicePort(protocol: proto.isEmpty ? "TCP" : proto, port: port)
          if !target.isEmpty { sp.targetPort = Int(target).map { .int($0) } ?? .string(target) }
          svc.spec.ports.append(sp)
        }
      } else {
        guard !ports.isEmpty else {
          throw KubectlError.message("couldn't find port via --port flag or introspection")
        }
        for (i, cp) in ports.enumerated() {
          var sp = ServicePort(
            protocol: proto.isEmpty ? (cp.protocol.isEmpty ? "TCP" : cp.protocol) : proto, port: cp.containerPort)
          if ports.count > 1 { sp.name = cp.name.isEmpty ? "port-\(i + 1)" : cp.name }
          sp.targetPort =
            target.isEmpty ? .int(Int(cp.containerPort)) : (Int(target).map { .int($0) } ?? .string(target))
          svc.spec.ports.append(sp)
        }
      }
      if svc.spec.ports.count == 1 && target.isEmpty, svc.spec.ports[0].targetPort == nil {
        svc.spec.ports[0].targetPort = .int(Int(svc.spec.ports[0].port))
      }
      if inv.flags.changed("type") {
        let t = inv.flags.string("type")
        let valid = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"]
        guard let match = valid.first(where: { $0.lowercased() == t.lowercased() }) else {
          throw KubectlError.message(
            "cannot expose a service of type \(t): supported types are ClusterIP, NodePort, LoadBalancer and ExternalName"
          )
        }
        svc.spec.type = match
      }
      if inv.flags.changed("cluster-ip") { svc.spec.clusterIP = inv.flags.string("cluster-ip") }
      if inv.flags.changed("external-ip") { svc.spec.externalIPs = [inv.flags.string("external-ip")] }
      if inv.flags.changed("session-affinity") { svc.spec.sessionAffinity = inv.flags.string("session-affinity") }
      svc = try Overrides.apply(inv, to: svc)
      if dry == .client && !inv.namespaceGiven { svc.metadata.namespace = "" }
      let stored = try inv.create(svc, dryRun: dry)
      try inv.printOperation(stored, "exposed", dryRun: dry, format: format)
    }
  }
}
