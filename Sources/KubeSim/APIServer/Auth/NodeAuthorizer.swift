// NodeAuthorizer: what a kubelet (`system:node:<name>` in `system:nodes`) may do — its own Node,
// its own Lease, the pods bound to it and what they reference (upstream's Node authorizer with
// AuthorizeNodeWithSelectors, beta and on in v1.32).

enum NodeAuthorizer {
  /// nil when allowed; else the reason upstream's Node authorizer gives.
  static func denial(node: String, _ r: APIRequest, server: APIServer?) -> String? {
    let verb = r.verb
    let reads: Set<Verb> = [.get, .list, .watch]
    switch r.resource.groupResource {
    case "nodes":
      if verb == .list || verb == .watch {
        return r.options.fieldSelector == "metadata.name=\(node)"
          ? nil : "node '\(node)' can only list/watch its own Node object (fieldSelector metadata.name=\(node))"
      }
      if r.name == node || (verb == .create && r.name.isEmpty) { return nil }
      return "node '\(node)' cannot \(verb == .get ? "read" : "modify") '\(r.name)', only its own Node object"
    case "pods":
      if verb == .list || verb == .watch {
        return r.options.fieldSelector.split(separator: ",").contains("spec.nodeName=\(node)")
          ? nil : "can only list/watch pods with spec.nodeName field selector"
      }
      if verb == .create && r.subresource.isEmpty { return nil }  // mirror pods of static pods
      if let pod = server?.cache(Pod.resource).get("\(r.namespace)/\(r.name)") as? Pod, pod.spec.nodeName == node {
        if reads.contains(verb) || verb == .delete || r.subresource == "status" { return nil }
        if r.subresource == "eviction" { return nil }
      }
      return "no relationship found between node '\(node)' and this object"
    case "leases.coordination.k8s.io":
      guard r.namespace == "kube-node-lease" else { return "can only access leases in the kube-node-lease namespace" }
      if r.name == node || (verb == .create && r.name.isEmpty) { return nil }
      return "can only access node lease with the same name as the requesting node"
    case "events", "events.events.k8s.io":
      return [.create, .update, .patch].contains(verb) ? nil : "can only create, update and patch events"
    case "services", "endpoints", "endpointslices.discovery.k8s.io", "namespaces":
      return reads.contains(verb) ? nil : "nodes may only read \(r.resource.plural)"
    case "configmaps", "secrets", "serviceaccounts":
      guard verb == .get else { return "can only get individual \(r.resource.plural) referenced by its pods" }
      if let server,
        podReferences(server, node: node, namespace: r.namespace, resource: r.resource.plural, name: r.name)
      {
        return nil
      }
      return "no relationship found between node '\(node)' and this object"
    default:
      return "nodes may not access \(r.resource.groupResource)"
    }
  }

  /// Whether a pod bound to `node` uses the config map, secret or service account.
  private static func podReferences(
    _ server: APIServer, node: String, namespace: String, resource: String, name: String
  )
    -> Bool
  {
    let pods = server.cache(Pod.resource)
    for key in pods.candidateKeys(namespace: namespace, nodeName: node) {
      guard let pod = pods.get(key) as? Pod else { continue }
      switch resource {
      case "serviceaccounts": if pod.spec.serviceAccountName == name { return true }
      case "configmaps": if pod.referencedConfigMaps.contains(name) || name == "kube-root-ca.crt" { return true }
      case "secrets": if pod.referencedSecrets.contains(name) { return true }
      default: break
      }
    }
    return false
  }
}
