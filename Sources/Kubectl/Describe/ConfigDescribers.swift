// ConfigDescribers: `kubectl describe namespace|configmap|secret|serviceaccount|role|rolebinding`,
// and a short generic description for kinds without a describer here.
import KubeSim

enum ConfigDescribers {
  static func namespace(_ ns: Namespace, _ ctx: DescribeContext) -> String {
    let w = PrefixWriter()
    w.write(0, "Name:\t\(ns.metadata.name)\n")
    Describer.labels(w, "Labels", ns.metadata.labels)
    Describer.annotations(w, "Annotations", ns.metadata.annotations)
    w.write(0, "Status:\t\(ns.status.phase)\n")
    if !ns.status.conditions.isEmpty {
      w.write(0, "Conditions:\n")
      w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n")
      w.write(1, "----\t------\t------------------\t------\t-------\n")
      for c in ns.status.conditions {
        w.write(
          1,
          "\(c.type)\t\(c.status)\t\((c.lastTransitionTime ?? Time(seconds: 0)).rfc1123Z)\t\(c.reason)\t\(c.message)\n")
      }
    }
    // Simulation: ResourceQuotas and LimitRanges are not simulated, so there are none.
    w.write(0, "\n")
    w.write(0, "No resource quota.\n")
    w.write(0, "\n")
    w.write(0, "No LimitRange resource.\n")
    return w.text
  }

  static func configMap(_ cm: ConfigMap, _ ctx: DescribeContext) -> String {
    let w = PrefixWriter()
    w.write(0, "Name:\t\(cm.metadata.name)\n")
    w.write(0, "Namespace:\t\(cm.metadata.namespace)\n")
    Describer.labels(w, "Labels", cm.metadata.labels)
    Describer.annotations(w, "Annotations", cm.metadata.annotations)
    w.write(0, "\nData\n====\n")
    for k in cm.data.keys.sorted() {
      w.write(0, "\(k):\n----\n")
      w.write(0, "\(cm.data[k]!)\n")
      w.write(0, "\n")
    }
    w.write(0, "\nBinaryData\n====\n")
    for k in cm.binaryData.keys.sorted() {
      w.write(0, "\(k): \((Base64.decodeBytes(cm.binaryData[k]!)?.count ?? 0)) bytes\n")
    }
    w.write(0, "\n")
    Describer.events(w, ctx.events(for: cm), now: ctx.now)
    return w.text
  }

  static func secret(_ s: Secret, _ ctx: DescribeContext) -> String {
    let w = PrefixWriter()
    w.write(0, "Name:\t\(s.metadata.name)\n")
    w.write(0, "Namespace:\t\(s.metadata.namespace)\n")
    Describer.labels(w, "Labels", s.metadata.labels)
    Describer.annotations(w, "Annotations", s.metadata.annotations)
    w.write(0, "\nType:\t\(s.type)\n")
    w.write(0, "\nData\n====\n")
    for k in s.data.keys.sorted() {
      let bytes = Base64.decodeBytes(s.data[k]!) ?? []
      if k == "token" && s.type == SecretType.serviceAccountToken {
        w.write(0, "\(k):\t\(String(decoding: bytes, as: UTF8.self))\n")
      } else {
        w.write(0, "\(k):\t\(bytes.count) bytes\n")
      }
    }
    return w.text
  }

  static func serviceAccount(_ sa: ServiceAccount, _ ctx: DescribeContext) -> String {
    let w = PrefixWriter()
    w.write(0, "Name:\t\(sa.metadata.name)\n")
    w.write(0, "Namespace:\t\(sa.metadata.namespace)\n")
    Describer.labels(w, "Labels", sa.metadata.labels)
    Describer.annotations(w, "Annotations", sa.metadata.annotations)
    let pulls = sa.imagePullSecrets.map(\.name)
    w.write(0, "Image pull secrets:\t\(pulls.isEmpty ? "<none>" : pulls.joined(separator: "\n\t"))\n")
    let mountable = sa.secrets.map(\.name)
    w.write(0, "Mountable secrets:\t\(mountable.isEmpty ? "<none>" : mountable.joined(separator: "\n\t"))\n")
    w.write(0, "Tokens:\t<none>\n")
    Describer.events(w, ctx.events(for: sa), now: ctx.now)
    return w.text
  }

  static func role(_ meta: ObjectMeta, _ rules: [PolicyRule]) -> String {
    let w = PrefixWriter()
    w.write(0, "Name:\t\(meta.name)\n")
    Describer.labels(w, "Labels", meta.labels)
    Describer.annotations(w, "Annotations", meta.annotations)
    w.write(0, "PolicyRule:\n")
    w.write(1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n")
    w.write(1, "---------\t-----------------\t--------------\t-----\n")
    // One line per group-qualified resource, as describe's CompactRules/breakdown prints them.
    var lines: [(String, String)] = []
    for r in rules {
      let names = "[\(r.resourceNames.joined(separator: " "))]"
      let verbs = "[\(r.verbs.joined(separator: " "))]"
      for res in r.resources {
        for g in r.apiGroups.isEmpty ? [""] : r.apiGroups {
          let qualified = g.isEmpty ? res : "\(res).\(g)"
          lines.append((qualified, "\(qualified)\t[]\t\(names)\t\(verbs)\n"))
        }
      }
      for url in r.nonResourceURLs {
        lines.append(("", "\t[\(url)]\t[]\t\(verbs)\n"))
      }
    }
    for (_, l) in lines.sorted(by: { $0.0 < $1.0 }) { w.write(1, l) }
    return w.text
  }

  static func binding(_ meta: ObjectMeta, _ ref: RoleRef, _ subjects: [Subject]) -> String {
    let w = PrefixWriter()
    w.write(0, "Name:\t\(meta.name)\n")
    Describer.labels(w, "Labels", meta.labels)
    Describer.annotations(w, "Annotations", meta.annotations)
    w.write(0, "Role:\n")
    w.write(1, "Kind:\t\(ref.kind)\n")
    w.write(1, "Name:\t\(ref.name)\n")
    w.write(0, "Subjects:\n")
    w.write(1, "Kind\tName\tNamespace\n")
    w.write(1, "----\t----\t---------\n")
    for s in subjects { w.write(1, "\(s.kind)\t\(s.name)\t\(s.namespace)\n") }
    return w.text
  }

  /// Kinds without a describer: their metadata, and where to look for the rest.
  static func generic(_ o: any KubeObject, _ ctx: DescribeContext) -> String {
    let w = PrefixWriter()
    w.write(0, "Name:\t\(o.metadata.name)\n")
    if !o.metadata.namespace.isEmpty { w.write(0, "Namespace:\t\(o.metadata.namespace)\n") }
    Describer.labels(w, "Labels", o.metadata.labels)
    Describer.annotations(w, "Annotations", o.metadata.annotations)
    w.write(0, "API Version:\t\(o.resource.apiVersion)\n")
    w.write(0, "Kind:\t\(o.resource.kind)\n")
    var j = o.json
    for k in ["apiVersion", "kind", "metadata"] { j[k] = nil }
    // Simulation: kubectl's generic describer prints every field; here the fields print as YAML.
    for line in j.yamlText.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    where !j.objectValue!.isEmpty {
      w.write(0, "\(line)\n")
    }
    Describer.events(w, ctx.events(for: o), now: ctx.now)
    return w.text
  }
}

extension Base64 {
  static func decodeBytes(_ s: String) -> [UInt8]? {
    guard let text = decode(s) else { return nil }
    return Array(text.utf8)
  }
}
