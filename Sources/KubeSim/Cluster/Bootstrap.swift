// Bootstrap: what exists before the learner arrives — the apiserver's own defaults (system
// namespaces, bootstrap RBAC, the `kubernetes` Service) and what `kubeadm init` installs.

enum Bootstrap {
  /// The apiserver's post-start hooks: system namespaces, bootstrap roles, the kubernetes Service.
  static func apiserverDefaults(_ server: APIServer) {
    for ns in ["default", "kube-system", "kube-public", "kube-node-lease"] {
      server.bootstrapCreate(Namespace(metadata: ObjectMeta(name: ns)))
    }
    for role in BootstrapPolicy.clusterRoles { server.bootstrapCreate(role) }
    for binding in BootstrapPolicy.clusterRoleBindings { server.bootstrapCreate(binding) }
    var svc = Service(metadata: ObjectMeta(name: "kubernetes", namespace: "default"))
    svc.metadata.labels = ["component": "apiserver", "provider": "kubernetes"]
    svc.spec.clusterIP = "10.96.0.1"
    svc.spec.clusterIPs = ["10.96.0.1"]
    svc.spec.type = "ClusterIP"
    svc.spec.ports = [ServicePort(name: "https", port: 443, targetPort: .int(6443))]
    server.bootstrapCreate(svc)
  }

  /// `kubeadm init` and `kubeadm join`: kube-proxy and CoreDNS with their accounts and config,
  /// and the RBAC kubeadm adds. Sent through the admin's kubectl, as kubeadm does.
  static func kubeadmAddons(_ kubectl: APIClient, nodes: [NodeConfig]) {
    for object in KubeadmAddons.objects(controlPlaneIP: nodes.first?.internalIP ?? "192.168.56.10") {
      _ = kubectl.perform(
        APIRequest(.create, object.resource, namespace: object.metadata.namespace, body: .object(object)))
    }
  }
}

extension APIServer {
  /// Creates an object as the apiserver itself does at start-up (no client request).
  @discardableResult
  func bootstrapCreate(_ object: any KubeObject) -> APIResult {
    var r = APIRequest(.create, object.resource, namespace: object.metadata.namespace, body: .object(object))
    r.user = UserInfo(name: "system:apiserver", groups: ["system:masters"])
    return create(r)
  }
}
