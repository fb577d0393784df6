// FieldSelectors: which fields each resource can be selected by (`--field-selector`), as upstream's
// per-resource field label conversion functions allow.

enum FieldSelectors {
  /// The fields upstream supports beyond `metadata.name` and `metadata.namespace`.
  static func supported(for r: ResourceType) -> [String] {
    var fields = ["metadata.name", "metadata.namespace"]
    switch r.groupResource {
    case "pods":
      fields += [
        "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
        "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName",
      ]
    case "events":
      fields += [
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
        "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
        "reportingComponent", "source", "type",
      ]
    case "nodes": fields += ["spec.unschedulable"]
    case "namespaces": fields += ["status.phase"]
    case "secrets": fields += ["type"]
    case "replicasets.apps": fields += ["status.replicas"]
    case "jobs.batch": fields += ["status.successful"]
    default: break
    }
    return fields
  }

  /// The value of a selectable field of `object` (nil when the field is not selectable).
  static func value(of field: String, in object: any KubeObject) -> String? {
    switch field {
    case "metadata.name": return object.metadata.name
    case "metadata.namespace": return object.metadata.namespace
    default: break
    }
    if let pod = object as? Pod {
      switch field {
      case "spec.nodeName": return pod.spec.nodeName
      case "spec.restartPolicy": return pod.spec.restartPolicy
      case "spec.schedulerName": return pod.spec.schedulerName
      case "spec.serviceAccountName": return pod.spec.serviceAccountName
      case "spec.hostNetwork": return (pod.spec.hostNetwork ?? false) ? "true" : "false"
      case "status.phase": return pod.status.phase
      case "status.podIP", "status.podIPs": return pod.status.podIP
      case "status.nominatedNodeName": return pod.status.nominatedNodeName
      default: return nil
      }
    }
    if let e = object as? Event {
      switch field {
      case "involvedObject.kind": return e.involvedObject.kind
      case "involvedObject.namespace": return e.involvedObject.namespace
      case "involvedObject.name": return e.involvedObject.name
      case "involvedObject.uid": return e.involvedObject.uid
      case "involvedObject.apiVersion": return e.involvedObject.apiVersion
      case "involvedObject.resourceVersion": return e.involvedObject.resourceVersion
      case "involvedObject.fieldPath": return e.involvedObject.fieldPath
      case "reason": return e.reason
      case "reportingComponent": return e.reportingComponent
      case "source": return e.source.component
      case "type": return e.type
      default: return nil
      }
    }
    if let n = object as? Node, field == "spec.unschedulable" {
      return (n.spec.unschedulable ?? false) ? "true" : "false"
    }
    if let ns = object as? Namespace, field == "status.phase" { return ns.status.phase }
    if let s = object as? Secret, field == "type" { return s.type }
    if let rs = object as? ReplicaSet, field == "status.replicas" { return String(rs.status.replicas) }
    if let j = object as? Job, field == "status.successful" { return String(j.status.succeeded ?? 0) }
    return nil
  }
}
