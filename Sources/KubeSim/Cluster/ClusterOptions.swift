// ClusterOptions: the shape of the cluster to build — how kubeadm would have been run.

public struct ClusterOptions: Sendable {
  /// The seed of the cluster's one RNG: the same seed and inputs give the same session.
  public var seed: UInt64 = 1
  /// The machines; by default one control plane and two workers.
  public var nodes: [NodeConfig]
  /// The wall time the cluster was created at.
  public var start: Time = Time.parse("2026-01-01T00:00:00Z")!
  /// How many messages to keep in full (older ones are counted, not kept).
  public var messageWindow: Int = 200_000
  /// Run the control loop until the cluster has settled before the session starts.
  public var bootstrap = true

  public init(seed: UInt64 = 1, workers: Int = 2, controlPlanes: Int = 1) {
    self.seed = seed
    nodes = ClusterOptions.defaultNodes(workers: workers, controlPlanes: controlPlanes)
  }

  /// kubeadm's layout: control planes tainted NoSchedule, then workers `node-1`, `node-2` …
  public static func defaultNodes(
    workers: Int, controlPlanes: Int = 1, workerCPU: Quantity = Quantity(milli: 4000),
    workerMemory: Quantity = Quantity(value: 8 * 1024 * 1024 * 1024, format: .binarySI)
  ) -> [NodeConfig] {
    var nodes: [NodeConfig] = []
    for i in 0..<controlPlanes {
      let name = controlPlanes == 1 ? "control-plane" : "control-plane-\(i + 1)"
      nodes.append(
        NodeConfig(
          name: name, role: .controlPlane, cpu: Quantity(milli: 2000),
          memory: Quantity(value: 4 * 1024 * 1024 * 1024, format: .binarySI),
          taints: [Taint(key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule")],
          internalIP: Self.ip(nodes.count), podCIDR: "10.244.\(nodes.count).0/24",
          staticPods: KubeadmStaticPods.manifests(advertiseAddress: Self.ip(nodes.count))))
    }
    for i in 0..<workers {
      nodes.append(
        NodeConfig(
          name: "node-\(i + 1)", role: .worker, cpu: workerCPU, memory: workerMemory,
          internalIP: Self.ip(nodes.count), podCIDR: Self.podCIDR(nodes.count)))
    }
    return nodes
  }

  /// 192.168.56.10, .11, … then the next /24.
  static func ip(_ index: Int) -> String {
    let n = 10 + index
    return "192.168.\(56 + n / 250).\(n % 250)"
  }

  /// 10.244.N.0/24 for the first 256 nodes, then 10.245.…, like the controller-manager's allocator
  /// over a wider cluster CIDR.
  static func podCIDR(_ index: Int) -> String { "10.\(244 + index / 256).\(index % 256).0/24" }
}

/// The static pod manifests `kubeadm init` v1.32 writes to /etc/kubernetes/manifests.
public enum KubeadmStaticPods {
  public static func manifests(advertiseAddress ip: String) -> [Pod] {
    [etcd(ip), apiserver(ip), controllerManager(), scheduler()]
  }

  private static func pod(_ name: String, _ container: Container, volumes: [(String, String, String)]) -> Pod {
    var p = Pod(
      metadata: ObjectMeta(name: name, namespace: "kube-system", labels: ["component": name, "tier": "control-plane"]))
    var c = container
    c.imagePullPolicy = "IfNotPresent"
    c.volumeMounts = volumes.map {
      VolumeMount(name: $0.0, mountPath: $0.1, readOnly: $0.2 == "DirectoryOrCreate" ? true : nil)
    }
    p.spec.containers = [c]
    p.spec.volumes = volumes.map { v in
      var vol = Volume(name: v.0)
      vol.hostPath = HostPathVolumeSource(path: v.1, type: v.2)
      return vol
    }
    p.spec.hostNetwork = true
    p.spec.priority = 2_000_001_000
    p.spec.priorityClassName = "system-node-critical"
    p.spec.securityContext = ["seccompProfile": ["type": "RuntimeDefault"]]
    return p
  }

  private static func httpProbe(
    _ host: String, _ path: String, _ port: Int, https: Bool, delay: Int32?, period: Int32, timeout: Int32,
    failures: Int32
  ) -> Probe {
    var p = Probe(
      httpGet: HTTPGetAction(path: path, port: .int(port), host: host, scheme: https ? "HTTPS" : "HTTP"),
      initialDelaySeconds: delay, timeoutSeconds: timeout, periodSeconds: period, failureThreshold: failures)
    p.successThreshold = nil
    return p
  }

  static func etcd(_ ip: String) -> Pod {
    var c = Container(name: "etcd", image: "registry.k8s.io/etcd:3.5.16-0")
    c.command = [
      "etcd", "--advertise-client-urls=https://\(ip):2379", "--cert-file=/etc/kubernetes/pki/etcd/server.crt",
      "--client-cert-auth=true", "--data-dir=/var/lib/etcd", "--experimental-initial-corrupt-check=true",
      "--experimental-watch-progress-notify-interval=5s", "--initial-advertise-peer-urls=https://\(ip):2380",
      "--initial-cluster=control-plane=https://\(ip):2380", "--key-file=/etc/kubernetes/pki/etcd/server.key",
      "--listen-client-urls=https://127.0.0.1:2379,https://\(ip):2379", "--listen-metrics-urls=http://127.0.0.1:2381",
      "--listen-peer-urls=https://\(ip):2380", "--name=control-plane",
      "--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt",
      "--peer-client-cert-auth=true", "--peer-key-file=/etc/kubernetes/pki/etcd/peer.key",
      "--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt", "--snapshot-count=10000",
      "--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt",
    ]
    c.resources.requests = ["cpu": Quantity("100m"), "memory": Quantity("100Mi")]
    c.livenessProbe = httpProbe(
      "127.0.0.1", "/livez", 2381, https: false, delay: 10, period: 10, timeout: 15, failures: 8)
    c.readinessProbe = httpProbe(
      "127.0.0.1", "/readyz", 2381, https: false, delay: nil, period: 1, timeout: 15, failures: 3)
    c.startupProbe = httpProbe(
      "127.0.0.1", "/readyz", 2381, https: false, delay: 10, period: 10, timeout: 15, failures: 24)
    var p = pod(
      "etcd", c,
      volumes: [
        ("etcd-certs", "/etc/kubernetes/pki/etcd", "DirectoryOrCreate"),
        ("etcd-data", "/var/lib/etcd", "DirectoryOrCreate"),
      ])
    p.spec.containers[0].volumeMounts = [
      VolumeMount(name: "etcd-data", mountPath: "/var/lib/etcd"),
      VolumeMount(name: "etcd-certs", mountPath: "/etc/kubernetes/pki/etcd"),
    ]
    p.metadata.annotations = ["kubeadm.kubernetes.io/etcd.advertise-client-urls": "https://\(ip):2379"]
    return p
  }

  static func apiserver(_ ip: String) -> Pod {
    var c = Container(name: "kube-apiserver", image: "registry.k8s.io/kube-apiserver:v1.32.0")
    c.command = [
      "kube-apiserver", "--advertise-address=\(ip)", "--allow-privileged=true", "--authorization-mode=Node,RBAC",
      "--client-ca-file=/etc/kubernetes/pki/ca.crt", "--enable-admission-plugins=NodeRestriction",
      "--enable-bootstrap-token-auth=true", "--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt",
      "--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt",
      "--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key", "--etcd-servers=https://127.0.0.1:2379",
      "--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt",
      "--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key",
      "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
      "--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt",
      "--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key",
      "--requestheader-allowed-names=front-proxy-client",
      "--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt",
      "--requestheader-extra-headers-prefix=X-Remote-Extra-", "--requestheader-group-headers=X-Remote-Group",
      "--requestheader-username-headers=X-Remote-User", "--secure-port=6443",
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
      "--service-account-key-file=/etc/kubernetes/pki/sa.pub",
      "--service-account-signing-key-file=/etc/kubernetes/pki/sa.key", "--service-cluster-ip-range=10.96.0.0/12",
      "--tls-cert-file=/etc/kubernetes/pki/apiserver.crt", "--tls-private-key-file=/etc/kubernetes/pki/apiserver.key",
    ]
    c.resources.requests = ["cpu": Quantity("250m")]
    c.livenessProbe = httpProbe(ip, "/livez", 6443, https: true, delay: 10, period: 10, timeout: 15, failures: 8)
    c.readinessProbe = httpProbe(ip, "/readyz", 6443, https: true, delay: nil, period: 1, timeout: 15, failures: 3)
    c.startupProbe = httpProbe(ip, "/livez", 6443, https: true, delay: 10, period: 10, timeout: 15, failures: 24)
    var p = pod(
      "kube-apiserver", c,
      volumes: [
        ("ca-certs", "/etc/ssl/certs", "DirectoryOrCreate"),
        ("etc-ca-certificates", "/etc/ca-certificates", "DirectoryOrCreate"),
        ("k8s-certs", "/etc/kubernetes/pki", "DirectoryOrCreate"),
        ("usr-local-share-ca-certificates", "/usr/local/share/ca-certificates", "DirectoryOrCreate"),
        ("usr-share-ca-certificates", "/usr/share/ca-certificates", "DirectoryOrCreate"),
      ])
    p.metadata.annotations = ["kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint": "\(ip):6443"]
    return p
  }

  static func controllerManager() -> Pod {
    var c = Container(name: "kube-controller-manager", image: "registry.k8s.io/kube-controller-manager:v1.32.0")
    c.command = [
      "kube-controller-manager", "--allocate-node-cidrs=true",
      "--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf",
      "--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf", "--bind-address=127.0.0.1",
      "--client-ca-file=/etc/kubernetes/pki/ca.crt", "--cluster-cidr=10.244.0.0/16", "--cluster-name=kubernetes",
      "--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt", "--cluster-signing-key-file=/etc/kubernetes/pki/ca.key",
      "--controllers=*,bootstrapsigner,tokencleaner", "--kubeconfig=/etc/kubernetes/controller-manager.conf",
      "--leader-elect=true", "--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt",
      "--root-ca-file=/etc/kubernetes/pki/ca.crt", "--service-account-private-key-file=/etc/kubernetes/pki/sa.key",
      "--service-cluster-ip-range=10.96.0.0/12", "--use-service-account-credentials=true",
    ]
    c.resources.requests = ["cpu": Quantity("200m")]
    c.livenessProbe = httpProbe(
      "127.0.0.1", "/healthz", 10257, https: true, delay: 10, period: 10, timeout: 15, failures: 8)
    c.startupProbe = httpProbe(
      "127.0.0.1", "/healthz", 10257, https: true, delay: 10, period: 10, timeout: 15, failures: 24)
    return pod(
      "kube-controller-manager", c,
      volumes: [
        ("ca-certs", "/etc/ssl/certs", "DirectoryOrCreate"),
        ("etc-ca-certificates", "/etc/ca-certificates", "DirectoryOrCreate"),
        ("flexvolume-dir", "/usr/libexec/kubernetes/kubelet-plugins/volume/exec", "DirectoryOrCreate"),
        ("k8s-certs", "/etc/kubernetes/pki", "DirectoryOrCreate"),
        ("kubeconfig", "/etc/kubernetes/controller-manager.conf", "FileOrCreate"),
      ])
  }

  static func scheduler() -> Pod {
    var c = Container(name: "kube-scheduler", image: "registry.k8s.io/kube-scheduler:v1.32.0")
    c.command = [
      "kube-scheduler", "--authentication-kubeconfig=/etc/kubernetes/scheduler.conf",
      "--authorization-kubeconfig=/etc/kubernetes/scheduler.conf", "--bind-address=127.0.0.1",
      "--kubeconfig=/etc/kubernetes/scheduler.conf", "--leader-elect=true",
    ]
    c.resources.requests = ["cpu": Quantity("100m")]
    c.livenessProbe = httpProbe(
      "127.0.0.1", "/healthz", 10259, https: true, delay: 10, period: 10, timeout: 15, failures: 8)
    c.startupProbe = httpProbe(
      "127.0.0.1", "/healthz", 10259, https: true, delay: 10, period: 10, timeout: 15, failures: 24)
    return pod("kube-scheduler", c, volumes: [("kubeconfig", "/etc/kubernetes/scheduler.conf", "FileOrCreate")])
  }
}
