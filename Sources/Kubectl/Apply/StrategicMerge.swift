// StrategicMerge: the strategic-merge-patch rules kubectl uses for built-in kinds — lists of
// containers, ports, env, volumes … merge by a key (`name`, `containerPort`, `mountPath`), other
// lists are replaced, `retainKeys` maps (strategy) keep only the keys given.
import KubeSim

enum StrategicMerge {
  /// The merge key of a list, by the list's field name and its parent field (nil: replace the list).
  static func mergeKey(field: String, parent: String) -> String? {
    switch field {
    case "containers", "initContainers", "ephemeralContainers", "env", "volumes", "imagePullSecrets",
      "secrets", "readinessGates":
      return field == "readinessGates" ? "conditionType" : "name"
    case "ports":
      // Container ports merge by containerPort, Service ports by port.
      return parent == "spec" ? "port" : "containerPort"
    case "volumeMounts": return "mountPath"
    case "volumeDevices": return "devicePath"
    case "hostAliases": return "ip"
    case "conditions": return "type"
    case "ownerReferences": return "uid"
    case "topologySpreadConstraints": return "topologyKey"
    case "addresses": return "type"
    case "taints": return "key"
    default: return nil
    }
  }

  /// Maps whose keys not given in the new configuration are dropped (`patchStrategy: retainKeys`).
  static func retainsKeys(field: String, parent: String) -> Bool {
    (field == "strategy" && parent == "spec") || (field == "updateStrategy" && parent == "spec")
  }

  /// Applies a strategic merge patch (`kubectl patch --type strategic`) to `target`.
  static func apply(_ patch: JSON, to target: JSON, field: String = "", parent: String = "") -> JSON {
    guard case .object(let p) = patch else { return patch }
    var result: JSON = target.objectValue != nil ? target : .emptyObject
    for (k, v) in p {
      if v.isNull {
        result[k] = nil
        continue
      }
      let current = result[k] ?? .null
      if case .array(let items) = v, let key = mergeKey(field: k, parent: field), case .array(let cur) = current {
        result[k] = .array(mergeList(items, into: cur, key: key, field: k))
      } else if case .object = v {
        result[k] = apply(v, to: current, field: k, parent: field)
      } else {
        result[k] = v
      }
    }
    return result
  }

  private static func mergeList(_ patch: [JSON], into current: [JSON], key: String, field: String) -> [JSON] {
    var out = current
    for item in patch {
      if item["$patch"]?.stringValue == "delete" {
        out.removeAll { $0[key] == item[key] }
        continue
      }
      if let k = item[key], let i = out.firstIndex(where: { $0[key] == k }) {
        out[i] = apply(item, to: out[i], field: field, parent: field)
      } else {
        out.append(item)
      }
    }
    return out
  }

  /// kubectl apply's three-way merge: what the live object becomes when `modified` is applied
  /// over `current`, given the configuration applied last time (`original`).
  /// Fields set last time and now left out are removed; fields others set (defaults, status) stay.
  static func threeWay(original: JSON?, modified: JSON, current: JSON, field: String = "", parent: String = "")
    -> JSON
  {
    switch (modified, current) {
    case (.object(let m), .object(let c)):
      var result = current
      let o = original ?? .emptyObject
      if retainsKeys(field: field, parent: parent) {
        for k in c.keys where m[k] == nil { result[k] = nil }
      }
      for (k, mv) in m {
        if mv.isNull {
          result[k] = nil
          continue
        }
        result[k] = merge(original: o[k], modified: mv, current: c[k], field: k, parent: field)
      }
      if case .object(let oo) = o {
        for k in oo.keys where m[k] == nil { result[k] = nil }
      }
      return result
    default:
      return modified
    }
  }

  private static func merge(original: JSON?, modified: JSON, current: JSON?, field: String, parent: String) -> JSON {
    guard let current else { return stripNulls(modified) }
    switch (modified, current) {
    case (.object, .object):
      return threeWay(original: original, modified: modified, current: current, field: field, parent: parent)
    case (.array(let m), .array(let c)):
      guard let key = mergeKey(field: field, parent: parent) else { return modified }
      let o = original?.arrayValue ?? []
      var out: [JSON] = []
      for item in m {
        let k = item[key]
        let cur = c.first { $0[key] == k }
        let orig = o.first { $0[key] == k }
        if let cur {
          out.append(threeWay(original: orig, modified: item, current: cur, field: field, parent: field))
        } else {
          out.append(stripNulls(item))
        }
      }
      // Items someone else added stay; items applied last time and now removed go.
      for item in c where !m.contains(where: { $0[key] == item[key] }) {
        if !o.contains(where: { $0[key] == item[key] }) { out.append(item) }
      }
      return .array(out)
    default:
      return modified
    }
  }

  private static func stripNulls(_ j: JSON) -> JSON {
    switch j {
    case .object(let o):
      var r = JSON.emptyObject
      for (k, v) in o where !v.isNull { r[k] = stripNulls(v) }
      return r
    case .array(let a): return .array(a.map(stripNulls))
    default: return j
    }
  }
}
