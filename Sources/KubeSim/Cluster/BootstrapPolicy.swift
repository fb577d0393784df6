// BootstrapPolicy: the ClusterRoles and ClusterRoleBindings the apiserver creates at start-up
// (upstream plugin/pkg/auth/authorizer/rbac/bootstrappolicy) plus the ones kubeadm adds.
// Simulation: the aggregated roles (admin, edit, view) are written out rather than aggregated.

enum BootstrapPolicy {
  private static let readVerbs = ["get", "list", "watch"]
  private static let writeVerbs = ["create", "delete", "deletecollection", "patch", "update"]
  private static let rbacGroup = "rbac.authorization.k8s.io"

  private static func role(_ name: String, _ rules: [PolicyRule], labels: [String: String] = [:]) -> ClusterRole {
    var r = ClusterRole(metadata: ObjectMeta(name: name))
    var l = ["kubernetes.io/bootstrapping": "rbac-defaults"]
    for (k, v) in labels { l[k] = v }
    r.metadata.labels = l
    r.metadata.annotations = ["rbac.authorization.kubernetes.io/autoupdate": "true"]
    r.rules = rules
    return r
  }

  private static func binding(_ name: String, role: String, _ subjects: [Subject], bootstrap: Bool = true)
    -> ClusterRoleBinding
  {
    var b = ClusterRoleBinding(
      metadata: ObjectMeta(name: name), roleRef: RoleRef(apiGroup: rbacGroup, kind: "ClusterRole", name: role))
    if bootstrap {
      b.metadata.labels = ["kubernetes.io/bootstrapping": "rbac-defaults"]
      b.metadata.annotations = ["rbac.authorization.kubernetes.io/autoupdate": "true"]
    }
    b.subjects = subjects
    return b
  }

  private static func user(_ name: String) -> Subject { Subject(kind: "User", apiGroup: rbacGroup, name: name) }
  private static func group(_ name: String) -> Subject { Subject(kind: "Group", apiGroup: rbacGroup, name: name) }

  private static let viewRules: [PolicyRule] = [
    PolicyRule(
      verbs: readVerbs, apiGroups: [""],
      resources: [
        "configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods", "pods/log",
        "pods/status", "replicationcontrollers", "replicationcontrollers/scale", "replicationcontrollers/status",
        "serviceaccounts", "services", "services/status",
      ]),
    PolicyRule(
      verbs: readVerbs, apiGroups: [""],
      resources: [
        "bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status",
        "replicationcontrollers/status", "resourcequotas", "resourcequotas/status",
      ]),
    PolicyRule(verbs: readVerbs, apiGroups: [""], resources: ["namespaces"]),
    PolicyRule(verbs: readVerbs, apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"]),
    PolicyRule(
      verbs: readVerbs, apiGroups: ["apps"],
      resources: [
        "controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale",
        "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets",
        "statefulsets/scale", "statefulsets/status",
      ]),
    PolicyRule(
      verbs: readVerbs, apiGroups: ["autoscaling"],
      resources: ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
    PolicyRule(
      verbs: readVerbs, apiGroups: ["batch"], resources: ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]),
    PolicyRule(
      verbs: readVerbs, apiGroups: ["policy"], resources: ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
    PolicyRule(
      verbs: readVerbs, apiGroups: ["networking.k8s.io"],
      resources: ["ingresses", "ingresses/status", "networkpolicies"]),
  ]

  private static let editRules: [PolicyRule] = [
    PolicyRule(
      verbs: writeVerbs, apiGroups: [""],
      resources: [
        "pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "configmaps", "endpoints",
        "persistentvolumeclaims", "replicationcontrollers", "replicationcontrollers/scale", "secrets",
        "serviceaccounts", "services", "services/proxy",
      ]),
    PolicyRule(
      verbs: ["get", "list", "watch"], apiGroups: [""],
      resources: ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"]),
    PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["pods/eviction", "serviceaccounts/token"]),
    PolicyRule(verbs: ["impersonate"], apiGroups: [""], resources: ["serviceaccounts"]),
    PolicyRule(
      verbs: writeVerbs, apiGroups: ["apps"],
      resources: [
        "daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets",
        "replicasets/scale", "statefulsets", "statefulsets/scale",
      ]),
    PolicyRule(verbs: writeVerbs, apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"]),
    PolicyRule(verbs: writeVerbs, apiGroups: ["batch"], resources: ["cronjobs", "jobs"]),
    PolicyRule(verbs: writeVerbs, apiGroups: ["policy"], resources: ["poddisruptionbudgets"]),
    PolicyRule(verbs: writeVerbs, apiGroups: ["networking.k8s.io"], resources: ["ingresses", "networkpolicies"]),
    PolicyRule(verbs: writeVerbs, apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"]),
  ]

  private static let adminRules: [PolicyRule] = [
    PolicyRule(verbs: ["create"], apiGroups: ["authorization.k8s.io"], resources: ["localsubjectaccessreviews"]),
    PolicyRule(verbs: readVerbs + writeVerbs, apiGroups: [rbacGroup], resources: ["rolebindings", "roles"]),
  ]

  static var clusterRoles: [ClusterRole] {
    [
      role(
        "cluster-admin",
        [
          PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]),
          PolicyRule(verbs: ["*"], nonResourceURLs: ["*"]),
        ]),
      role("admin", viewRules + editRules + adminRules),
      role("edit", viewRules + editRules, labels: ["rbac.authorization.k8s.io/aggregate-to-admin": "true"]),
      role("view", viewRules, labels: ["rbac.authorization.k8s.io/aggregate-to-edit": "true"]),
      role(
        "system:basic-user",
        [
          PolicyRule(
            verbs: ["create"], apiGroups: ["authorization.k8s.io"],
            resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
          PolicyRule(verbs: ["create"], apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"]),
        ]),
      role(
        "system:discovery",
        [
          PolicyRule(
            verbs: ["get"],
            nonResourceURLs: [
              "/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz",
              "/version", "/version/",
            ])
        ]),
      role(
        "system:public-info-viewer",
        [PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz", "/livez", "/readyz", "/version", "/version/"])]),
      role(
        "system:kube-scheduler",
        [
          PolicyRule(verbs: ["create", "patch", "update"], apiGroups: ["", "events.k8s.io"], resources: ["events"]),
          PolicyRule(verbs: ["create"], apiGroups: ["coordination.k8s.io"], resources: ["leases"]),
          PolicyRule(
            verbs: ["get", "update"], apiGroups: ["coordination.k8s.io"], resources: ["leases"],
            resourceNames: ["kube-scheduler"]),
          PolicyRule(verbs: ["delete", "get", "list", "watch"], apiGroups: [""], resources: ["pods"]),
          PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["bindings", "pods/binding"]),
          PolicyRule(verbs: ["patch", "update"], apiGroups: [""], resources: ["pods/status"]),
          PolicyRule(
            verbs: readVerbs, apiGroups: [""],
            resources: [
              "nodes", "namespaces", "services", "replicationcontrollers", "persistentvolumeclaims",
              "persistentvolumes",
            ]),
          PolicyRule(verbs: readVerbs, apiGroups: ["apps"], resources: ["replicasets", "statefulsets"]),
          PolicyRule(verbs: readVerbs, apiGroups: ["policy"], resources: ["poddisruptionbudgets"]),
          PolicyRule(
            verbs: readVerbs, apiGroups: ["storage.k8s.io"],
            resources: ["storageclasses", "csinodes", "csidrivers", "csistoragecapacities"]),
        ]),
      // Simulation: upstream narrows this role and runs each controller under its own service
      // account; here the controller-manager works under one identity with the controllers' union.
      role(
        "system:kube-controller-manager",
        [
          PolicyRule(
            verbs: ["*"],
            apiGroups: [
              "", "apps", "batch", "discovery.k8s.io", "coordination.k8s.io", "events.k8s.io",
              "rbac.authorization.k8s.io",
            ],
            resources: ["*"])
        ]),
      role(
        "system:node-proxier",
        [
          PolicyRule(verbs: ["list", "watch"], apiGroups: [""], resources: ["endpoints", "services"]),
          PolicyRule(verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["nodes"]),
          PolicyRule(verbs: ["create", "patch", "update"], apiGroups: ["", "events.k8s.io"], resources: ["events"]),
          PolicyRule(verbs: ["list", "watch"], apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"]),
        ]),
      role(
        "system:node",
        [
          PolicyRule(verbs: readVerbs, apiGroups: [""], resources: ["services", "endpoints", "nodes"]),
          PolicyRule(
            verbs: ["create", "get", "list", "watch", "patch", "update", "delete"], apiGroups: [""],
            resources: ["nodes", "nodes/status", "pods", "pods/status"]),
        ]),
      role(
        "system:coredns",
        [
          PolicyRule(
            verbs: ["list", "watch"], apiGroups: [""], resources: ["endpoints", "services", "pods", "namespaces"]),
          PolicyRule(verbs: ["list", "watch"], apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"]),
        ]),
      role("kubeadm:get-nodes", [PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["nodes"])]),
      role(
        "kubernetes-dashboard",
        [PolicyRule(verbs: ["get", "list", "watch"], apiGroups: ["*"], resources: ["*"])]),
    ]
  }

  static var clusterRoleBindings: [ClusterRoleBinding] {
    [
      binding("cluster-admin", role: "cluster-admin", [group("system:masters")]),
      binding("kubeadm:cluster-admins", role: "cluster-admin", [group("kubeadm:cluster-admins")], bootstrap: false),
      binding("system:basic-user", role: "system:basic-user", [group("system:authenticated")]),
      binding("system:discovery", role: "system:discovery", [group("system:authenticated")]),
      binding(
        "system:public-info-viewer", role: "system:public-info-viewer",
        [group("system:authenticated"), group("system:unauthenticated")]),
      binding("system:kube-scheduler", role: "system:kube-scheduler", [user("system:kube-scheduler")]),
      binding(
        "system:kube-controller-manager", role: "system:kube-controller-manager",
        [user("system:kube-controller-manager")]),
      binding("system:node-proxier", role: "system:node-proxier", [user("system:kube-proxy")]),
      binding(
        "system:coredns", role: "system:coredns",
        [Subject(kind: "ServiceAccount", name: "coredns", namespace: "kube-system")], bootstrap: false),
      binding(
        "kubeadm:node-proxier", role: "system:node-proxier",
        [Subject(kind: "ServiceAccount", name: "kube-proxy", namespace: "kube-system")], bootstrap: false),
      binding(
        "kubeadm:get-nodes", role: "kubeadm:get-nodes", [group("system:bootstrappers:kubeadm:default-node-token")],
        bootstrap: false),
      binding(
        "kubernetes-dashboard", role: "kubernetes-dashboard",
        [Subject(kind: "ServiceAccount", name: "kubernetes-dashboard", namespace: "kubernetes-dashboard")],
        bootstrap: false),
    ]
  }
}
