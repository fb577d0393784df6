// KubeadmAddons: what `kubeadm init` installs through the apiserver — kube-proxy (a DaemonSet)
// and CoreDNS (a Deployment behind the kube-dns Service at 10.96.0.10), with their accounts.

enum KubeadmAddons {
  static let kubernetesVersion = KubeLabVersion.kubernetes
  static let corednsImage = "registry.k8s.io/coredns/coredns:v1.11.3"

  static func objects(controlPlaneIP: String) -> [any KubeObject] {
    var out: [any KubeObject] = []
    // kube-proxy
    out.append(ServiceAccount(metadata: ObjectMeta(name: "kube-proxy", namespace: "kube-system")))
    var proxyConfig = ConfigMap(metadata: ObjectMeta(name: "kube-proxy", namespace: "kube-system"))
    proxyConfig.metadata.labels = ["app": "kube-proxy"]
    proxyConfig.data = [
      "config.conf": """
      apiVersion: kubeproxy.config.k8s.io/v1alpha1
      kind: KubeProxyConfiguration
      clusterCIDR: 10.244.0.0/16
      mode: iptables
      iptables:
        masqueradeBit: 14
        syncPeriod: 30s

      """,
      "kubeconfig.conf": """
      apiVersion: v1
      kind: Config
      clusters:
      - cluster:
          server: https://\(controlPlaneIP):6443
        name: default

      """,
    ]
    out.append(proxyConfig)
    out.append(kubeProxyDaemonSet())
    // CoreDNS
    out.append(ServiceAccount(metadata: ObjectMeta(name: "coredns", namespace: "kube-system")))
    var corefile = ConfigMap(metadata: ObjectMeta(name: "coredns", namespace: "kube-system"))
    corefile.data = [
      "Corefile": """
      .:53 {
          errors
          health {
             lameduck 5s
          }
          ready
          kubernetes cluster.local in-addr.arpa ip6.arpa {
             pods insecure
             fallthrough in-addr.arpa ip6.arpa
             ttl 30
          }
          prometheus :9153
          forward . /etc/resolv.conf {
             max_concurrent 1000
          }
          cache 30 {
             disable success cluster.local
             disable denial cluster.local
          }
          loop
          reload
          loadbalance
      }

      """
    ]
    out.append(corefile)
    out.append(corednsDeployment())
    out.append(kubeDNSService())
    // kubeadm's own records.
    var clusterInfo = ConfigMap(metadata: ObjectMeta(name: "cluster-info", namespace: "kube-public"))
    clusterInfo.data = [
      "kubeconfig": """
      apiVersion: v1
      clusters:
      - cluster:
          server: https://\(controlPlaneIP):6443
        name: ""
      contexts: null
      current-context: ""
      kind: Config
      preferences: {}
      users: null

      """
    ]
    out.append(clusterInfo)
    var kubeadmConfig = ConfigMap(metadata: ObjectMeta(name: "kubeadm-config", namespace: "kube-system"))
    kubeadmConfig.data = [
      "ClusterConfiguration": """
      apiVersion: kubeadm.k8s.io/v1beta4
      kind: ClusterConfiguration
      clusterName: kubernetes
      controlPlaneEndpoint: \(controlPlaneIP):6443
      kubernetesVersion: \(kubernetesVersion)
      networking:
        dnsDomain: cluster.local
        podSubnet: 10.244.0.0/16
        serviceSubnet: 10.96.0.0/12

      """
    ]
    out.append(kubeadmConfig)
    return out
  }

  static func kubeProxyDaemonSet() -> DaemonSet {
    var ds = DaemonSet(metadata: ObjectMeta(name: "kube-proxy", namespace: "kube-system"))
    ds.metadata.labels = ["k8s-app": "kube-proxy"]
    ds.spec.selector = LabelSelector(matchLabels: ["k8s-app": "kube-proxy"])
    ds.spec.template.metadata.labels = ["k8s-app": "kube-proxy"]
    var c = Container(name: "kube-proxy", image: "registry.k8s.io/kube-proxy:\(kubernetesVersion)")
    c.command = [
      "/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)",
    ]
    c.env = [EnvVar(name: "NODE_NAME", valueFrom: ["fieldRef": ["apiVersion": "v1", "fieldPath": "spec.nodeName"]])]
    c.securityContext = ["privileged": true]
    c.volumeMounts = [
      VolumeMount(name: "kube-proxy", mountPath: "/var/lib/kube-proxy"),
      VolumeMount(name: "xtables-lock", mountPath: "/run/xtables.lock"),
      VolumeMount(name: "lib-modules", mountPath: "/lib/modules", readOnly: true),
    ]
    ds.spec.template.spec.containers = [c]
    var proxyVolume = Volume(name: "kube-proxy")
    proxyVolume.configMap = ConfigMapVolumeSource(name: "kube-proxy")
    var lock = Volume(name: "xtables-lock")
    lock.hostPath = HostPathVolumeSource(path: "/run/xtables.lock", type: "FileOrCreate")
    var modules = Volume(name: "lib-modules")
    modules.hostPath = HostPathVolumeSource(path: "/lib/modules", type: "")
    ds.spec.template.spec.volumes = [proxyVolume, lock, modules]
    ds.spec.template.spec.hostNetwork = true
    ds.spec.template.spec.nodeSelector = ["kubernetes.io/os": "linux"]
    ds.spec.template.spec.priorityClassName = "system-node-critical"
    ds.spec.template.spec.serviceAccountName = "kube-proxy"
    ds.spec.template.spec.tolerations = [Toleration(operator: "Exists")]
    return ds
  }

  static func corednsDeployment() -> Deployment {
    var d = Deployment(metadata: ObjectMeta(name: "coredns", namespace: "kube-system"))
    d.metadata.labels = ["k8s-app": "kube-dns"]
    d.spec.replicas = 2
    d.spec.selector = LabelSelector(matchLabels: ["k8s-app": "kube-dns"])
    d.spec.strategy.type = "RollingUpdate"
    d.spec.strategy.rollingUpdate = RollingUpdateDeployment(maxUnavailable: .int(1), maxSurge: nil)
    d.spec.template.metadata.labels = ["k8s-app": "kube-dns"]
    var c = Container(name: "coredns", image: corednsImage)
    c.args = ["-conf", "/etc/coredns/Corefile"]
    c.imagePullPolicy = "IfNotPresent"
    c.resources.limits = ["memory": Quantity("170Mi")]
    c.resources.requests = ["cpu": Quantity("100m"), "memory": Quantity("70Mi")]
    c.ports = [
      ContainerPort(name: "dns", containerPort: 53, protocol: "UDP"),
      ContainerPort(name: "dns-tcp", containerPort: 53, protocol: "TCP"),
      ContainerPort(name: "metrics", containerPort: 9153, protocol: "TCP"),
    ]
    var liveness = Probe()
    liveness.httpGet = HTTPGetAction(path: "/health", port: .int(8080), scheme: "HTTP")
    liveness.initialDelaySeconds = 60
    liveness.timeoutSeconds = 5
    liveness.successThreshold = 1
    liveness.failureThreshold = 5
    c.livenessProbe = liveness
    var readiness = Probe()
    readiness.httpGet = HTTPGetAction(path: "/ready", port: .int(8181), scheme: "HTTP")
    c.readinessProbe = readiness
    c.volumeMounts = [VolumeMount(name: "config-volume", mountPath: "/etc/coredns", readOnly: true)]
    d.spec.template.spec.containers = [c]
    var config = Volume(name: "config-volume")
    config.configMap = ConfigMapVolumeSource(name: "coredns")
    config.configMap?.items = [KeyToPath(key: "Corefile", path: "Corefile")]
    d.spec.template.spec.volumes = [config]
    d.spec.template.spec.dnsPolicy = "Default"
    d.spec.template.spec.nodeSelector = ["kubernetes.io/os": "linux"]
    d.spec.template.spec.priorityClassName = "system-cluster-critical"
    d.spec.template.spec.serviceAccountName = "coredns"
    d.spec.template.spec.tolerations = [
      Toleration(key: "CriticalAddonsOnly", operator: "Exists"),
      Toleration(key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule"),
    ]
    return d
  }

  static func kubeDNSService() -> Service {
    var svc = Service(metadata: ObjectMeta(name: "kube-dns", namespace: "kube-system"))
    svc.metadata.labels = [
      "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS",
    ]
    svc.metadata.annotations = ["prometheus.io/port": "9153", "prometheus.io/scrape": "true"]
    svc.spec.clusterIP = "10.96.0.10"
    svc.spec.clusterIPs = ["10.96.0.10"]
    svc.spec.selector = ["k8s-app": "kube-dns"]
    svc.spec.ports = [
      ServicePort(name: "dns", protocol: "UDP", port: 53, targetPort: .int(53)),
      ServicePort(name: "dns-tcp", protocol: "TCP", port: 53, targetPort: .int(53)),
      ServicePort(name: "metrics", protocol: "TCP", port: 9153, targetPort: .int(9153)),
    ]
    return svc
  }
}
