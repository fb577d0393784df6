// Info: the commands that describe the cluster and the client — `api-resources`, `api-versions`,
// `version`, `cluster-info`, `config …` and `events`.
import KubeSim

enum APIResources {
  /// Everything the simulated apiserver serves: the stored kinds and the `bindings` body.
  static var served: [ResourceType] {
    let stored = KindRegistry.storedKinds.map { $0.resource }
    let bindings = ResourceType(kind: "Binding", plural: "bindings")
    return [bindings] + stored
  }

  static let verbs: [String: String] = [
    "bindings": "create",
    "events": "create,delete,deletecollection,get,list,patch,update,watch",
  ]

  static func resources(_ inv: Invocation) throws {
    var list = served
    if inv.flags.changed("namespaced") {
      let want = inv.flags.bool("namespaced")
      list = list.filter { $0.namespaced == want }
    }
    if inv.flags.changed("api-group") { list = list.filter { $0.group == inv.flags.string("api-group") } }
    if inv.flags.changed("categories") {
      let cats = inv.flags.list("categories")
      list = list.filter { r in cats.allSatisfy { r.categories.contains($0) } }
    }
    if inv.flags.string("sort-by") == "name" { list.sort { $0.plural < $1.plural } }
    let output = inv.flags.string("output")
    if output == "name" {
      inv.out += list.map { $0.groupResource + "\n" }.joined()
      return
    }
    let wide = output == "wide"
    var text =
      inv.flags.bool("no-headers")
      ? "" : "NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND" + (wide ? "\tVERBS\tCATEGORIES" : "") + "\n"
    for r in list {
      text += "\(r.plural)\t\(r.shortNames.joined(separator: ","))\t\(r.apiVersion)\t\(r.namespaced)\t\(r.kind)"
      if wide {
        let v = verbs[r.plural] ?? "create,delete,deletecollection,get,list,patch,update,watch"
        text +=
          "\t\(v.replacingOccurrences(of: ",", with: " ").split(separator: " ").joined(separator: " ").bracketed)\t\(r.categories.joined(separator: ","))"
      }
      text += "\n"
    }
    inv.out += TabWriter.table.format(text)
  }

  static func versions(_ inv: Invocation) throws {
    let versions = Set(served.map(\.apiVersion)).sorted()
    inv.out += versions.map { $0 + "\n" }.joined()
  }
}

extension String {
  var bracketed: String { "[\(self)]" }
}

enum Version {
  static func run(_ inv: Invocation) throws {
    let v = KubeLabVersion.kubernetes
    let client = inv.flags.bool("client")
    if inv.flags.changed("output") {
      var j: JSON = [
        "clientVersion": [
          "major": "1", "minor": "32", "gitVersion": .string(v), "gitTreeState": "clean", "goVersion": "go1.23.6",
          "compiler": "gc", "platform": "linux/amd64",
        ],
        "kustomizeVersion": "v5.5.0",
      ]
      if !client {
        j["serverVersion"] = [
          "major": "1", "minor": "32", "gitVersion": .string(v), "gitTreeState": "clean", "goVersion": "go1.23.4",
          "compiler": "gc", "platform": "linux/amd64",
        ]
      }
      switch inv.flags.string("output") {
      case "yaml": inv.out += j.yamlText
      case "json": inv.out += j.kubectlText + "\n"
      case let o: throw KubectlError.message("--output must be 'yaml' or 'json', got \(o)")
      }
      return
    }
    inv.out += "Client Version: \(v)\nKustomize Version: v5.5.0\n"
    if !client { inv.out += "Server Version: \(v)\n" }
  }
}

enum ClusterInfo {
  static func server(_ inv: Invocation) -> String {
    "https://\(inv.cluster.options.nodes.first?.internalIP ?? "192.168.56.10"):6443"
  }

  static func run(_ inv: Invocation) throws {
    let server = server(inv)
    inv.out += "Kubernetes control plane is running at \(server)\n"
    let services = try inv.list(
      Service.self, namespace: "kube-system", labelSelector: "kubernetes.io/cluster-service=true")
    for case let s as Service in services {
      let name = s.metadata.labels?["kubernetes.io/name"] ?? s.metadata.name
      var link = s.metadata.name
      if let p = s.spec.ports.first, !p.name.isEmpty { link += ":\(p.name)" }
      inv.out += "\(name) is running at \(server)/api/v1/namespaces/kube-system/services/\(link)/proxy\n"
    }
    inv.out += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"
  }
}

enum Config {
  static func view(_ inv: Invocation) throws {
    var context: JSON = ["cluster": .string(KubeConfig.clusterName), "user": .string(KubeConfig.userName)]
    if inv.runner.contextNamespace != "default" { context["namespace"] = .string(inv.runner.contextNamespace) }
    let data: JSON = inv.flags.bool("raw") ? "REDACTED" : "DATA+OMITTED"
    let j: JSON = [
      "apiVersion": "v1",
      "clusters": [
        [
          "cluster": ["certificate-authority-data": data, "server": .string(ClusterInfo.server(inv))],
          "name": .string(KubeConfig.clusterName),
        ]
      ],
      "contexts": [["context": context, "name": .string(KubeConfig.contextName)]],
      "current-context": .string(KubeConfig.contextName),
      "kind": "Config",
      "preferences": .emptyObject,
      "users": [
        ["name": .string(KubeConfig.userName), "user": ["client-certificate-data": data, "client-key-data": data]]
      ],
    ]
    switch inv.flags.string("output", default: "yaml") {
    case "json": inv.out += j.kubectlText + "\n"
    case let o where o.hasPrefix("jsonpath="): inv.out += try ObjectPrinter.jsonpath(String(o.dropFirst(9)), j)
    default: inv.out += j.yamlText
    }
  }

  static func currentContext(_ inv: Invocation) throws { inv.out += KubeConfig.contextName + "\n" }

  static func getContexts(_ inv: Invocation) throws {
    if inv.flags.string("output") == "name" {
      inv.out += KubeConfig.contextName + "\n"
      return
    }
    if let name = inv.args.first, name != KubeConfig.contextName {
      throw KubectlError.message("context \(name) not found")
    }
    let ns = inv.runner.contextNamespace == "default" ? "" : inv.runner.contextNamespace
    var text = inv.flags.bool("no-headers") ? "" : "CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n"
    text += "*\t\(KubeConfig.contextName)\t\(KubeConfig.clusterName)\t\(KubeConfig.userName)\t\(ns)\n"
    inv.out += TabWriter.table.format(text)
  }

  static func setContext(_ inv: Invocation) throws {
    let name = inv.flags.bool("current") ? KubeConfig.contextName : (inv.args.first ?? "")
    if inv.flags.bool("current") && !inv.args.isEmpty {
      throw KubectlError.message("you cannot specify both a context name and --current")
    }
    guard name == KubeConfig.contextName else {
      throw KubectlError.message(
        "KubeLab has one context, \(KubeConfig.contextName): use kubectl config set-context --current --namespace=NAME")
    }
    if inv.flags.changed("cluster") || inv.flags.changed("user") {
      throw KubectlError.message("KubeLab has one cluster and one user: only --namespace can be changed")
    }
    if inv.flags.changed("namespace") {
      let ns = inv.flags.string("namespace")
      inv.runner.contextNamespace = ns.isEmpty ? "default" : ns
    }
    inv.out += "Context \"\(name)\" modified.\n"
  }

  static func useContext(_ inv: Invocation) throws {
    guard let name = inv.args.first else { throw KubectlError.usageHint("Unexpected args: []") }
    guard name == KubeConfig.contextName else {
      throw KubectlError.message("no context exists with the name: \"\(name)\"")
    }
    inv.out += "Switched to context \"\(name)\".\n"
  }
}

enum Events {
  /// `kubectl events`: the event table sorted by when each event was last seen.
  static func run(_ inv: Invocation) throws {
    if inv.flags.bool("watch") {
      throw KubectlError.message("KubeLab's kubectl does not stream: --watch cannot run in the REPL")
    }
    let allNamespaces = inv.flags.bool("all-namespaces")
    var fieldSelector = ""
    if inv.flags.changed("for") {
      let f = inv.flags.string("for")
      // events.go: --for names one object as TYPE/NAME.
      if !f.isEmpty {
        guard f.contains("/") else { throw KubectlError.message("--for must be in resource/name form") }
        guard f.split(separator: "/", omittingEmptySubsequences: false).count == 2 else {
          throw KubectlError.message("arguments in resource/name form may not have more than one slash")
        }
        let ref = try ResourceArguments.parse([f]).refs[0]
        fieldSelector = "involvedObject.kind=\(ref.type.resource.kind),involvedObject.name=\(ref.name ?? "")"
      }
    }
    // The printer is chosen (and -o checked) before anything is listed; only the default table is a table.
    let format: OutputFormat? =
      inv.flags.changed("output") && !inv.flags.string("output").isEmpty
      ? try OutputFormat.parse(inv.flags.string("output"), tableAllowed: false) : nil
    let types = inv.flags.list("types")
    for t in types where t.lowercased() != "normal" && t.lowercased() != "warning" {
      throw KubectlError.message("valid --types are Normal or Warning")
    }
    var events = try inv.list(Event.self, namespace: inv.listNamespace, fieldSelector: fieldSelector).compactMap {
      $0 as? Event
    }
    if !types.isEmpty { events = events.filter { e in types.contains { $0.lowercased() == e.type.lowercased() } } }
    events = Get.stableSorted(events) { ClusterTables.lastSeen($0) < ClusterTables.lastSeen($1) }
    if events.isEmpty {
      inv.err += allNamespaces ? "No events found.\n" : "No events found in \(inv.namespace) namespace.\n"
      return
    }
    if let format {
      inv.out += try ObjectPrinter.print(events, format: format, asList: true)
      return
    }
    var text = ""
    if !inv.flags.bool("no-headers") {
      text = (allNamespaces ? "NAMESPACE\t" : "") + "LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n"
    }
    for e in events {
      let row = ClusterTables.event.row(e, false, inv.now)
      text += (allNamespaces ? "\(e.metadata.namespace)\t" : "") + row.joined(separator: "\t") + "\n"
    }
    inv.out += TabWriter.table.format(text)
  }
}
