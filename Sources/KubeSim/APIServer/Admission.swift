// Admission: the mutating and validating plugins a write passes after authorization
// (defaults, ServiceAccount, Priority, DefaultTolerationSeconds, Service IP and port allocation).

extension APIServer {
  /// Runs mutating admission on `obj` (old is set on updates). Throws the APIError to return.
  func admit(_ obj: any KubeObject, old: (any KubeObject)?, _ r: APIRequest) throws -> any KubeObject {
    var o = Defaulting.applied(obj)
    if var pod = o as? Pod {
      if old == nil {
        if let message = PodAdmissionDefaults.admitCreate(&pod) {
          throw APIError(
            code: 403, reason: "Forbidden", message: "pods \"\(pod.metadata.name)\" is forbidden: \(message)")
        }
        try admitServiceAccount(&pod, r)
      } else {
        PodAdmissionDefaults.admitUpdate(&pod)
      }
      o = pod
    }
    if var svc = o as? Service {
      try allocate(&svc, old: old as? Service)
      o = svc
    }
    return o
  }

  /// The ServiceAccount plugin: the account must exist; its token is mounted as the projected
  /// `kube-api-access-xxxxx` volume in every container.
  private func admitServiceAccount(_ pod: inout Pod, _ r: APIRequest) throws {
    let sa = pod.spec.serviceAccountName
    // Mirror pods of static pods are not checked (upstream skips them).
    if pod.metadata.annotations?["kubernetes.io/config.mirror"] != nil { return }
    guard cache(ServiceAccount.resource).get("\(pod.metadata.namespace)/\(sa)") != nil else {
      throw APIError(
        code: 403, reason: "Forbidden",
        message:
          "pods \"\(pod.metadata.name)\" is forbidden: error looking up service account \(pod.metadata.namespace)/\(sa): serviceaccount \"\(sa)\" not found"
      )
    }
    guard pod.spec.automountServiceAccountToken != false,
      !pod.spec.volumes.contains(where: { $0.name.hasPrefix("kube-api-access-") })
    else { return }
    let name = "kube-api-access-" + context.rng.kubernetesSuffix()
    var volume = Volume(name: name)
    volume.projected = [
      "defaultMode": 420,
      "sources": [
        ["serviceAccountToken": ["expirationSeconds": 3607, "path": "token"]],
        ["configMap": ["name": "kube-root-ca.crt", "items": [["key": "ca.crt", "path": "ca.crt"]]]],
        [
          "downwardAPI": [
            "items": [["path": "namespace", "fieldRef": ["apiVersion": "v1", "fieldPath": "metadata.namespace"]]]
          ]
        ],
      ],
    ]
    pod.spec.volumes.append(volume)
    func mount(_ c: inout Container) {
      guard !c.volumeMounts.contains(where: { $0.mountPath == "/var/run/secrets/kubernetes.io/serviceaccount" }) else {
        return
      }
      c.volumeMounts.append(
        VolumeMount(name: name, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true))
    }
    for i in pod.spec.containers.indices { mount(&pod.spec.containers[i]) }
    for i in pod.spec.initContainers.indices { mount(&pod.spec.initContainers[i]) }
  }

  /// Allocates a ClusterIP from the service CIDR (10.96.0.0/12) and NodePorts from 30000–32767.
  private func allocate(_ svc: inout Service, old: Service?) throws {
    if let old {
      svc.spec.clusterIP = old.spec.clusterIP
      svc.spec.clusterIPs = old.spec.clusterIPs
    }
    if svc.spec.type == "ExternalName" {
      svc.spec.clusterIP = ""
      svc.spec.clusterIPs = []
    } else if svc.spec.clusterIP.isEmpty {
      var ip = ""
      repeat {
        // 10.96.0.0/12: 10.96.0.0 – 10.111.255.255; .1 is the kubernetes service, .10 DNS.
        let n = 11 + context.rng.int(1 << 20 - 12)
        ip = "10.\(96 + (n >> 16)).\((n >> 8) & 0xFF).\(n & 0xFF)"
      } while allocatedClusterIPs.contains(ip)
      allocatedClusterIPs.insert(ip)
      svc.spec.clusterIP = ip
      svc.spec.clusterIPs = [ip]
    } else if svc.spec.clusterIP != "None" {
      if old == nil {
        guard !allocatedClusterIPs.contains(svc.spec.clusterIP) else {
          throw APIError.invalid(
            Service.resource, svc.metadata.name,
            [
              "spec.clusterIPs: Invalid value: []string{\"\(svc.spec.clusterIP)\"}: failed to allocate IP \(svc.spec.clusterIP): provided IP is already allocated"
            ])
        }
        allocatedClusterIPs.insert(svc.spec.clusterIP)
      }
      if svc.spec.clusterIPs.isEmpty { svc.spec.clusterIPs = [svc.spec.clusterIP] }
    } else if svc.spec.clusterIPs.isEmpty {
      svc.spec.clusterIPs = ["None"]
    }
    guard svc.spec.type == "NodePort" || svc.spec.type == "LoadBalancer" else { return }
    for i in svc.spec.ports.indices {
      if let kept = old?.spec.ports.first(where: { $0.port == svc.spec.ports[i].port })?.nodePort,
        svc.spec.ports[i].nodePort == nil
      {
        svc.spec.ports[i].nodePort = kept
        continue
      }
      if let wanted = svc.spec.ports[i].nodePort, wanted != 0 {
        if old?.spec.ports.contains(where: { $0.nodePort == wanted }) != true {
          guard !allocatedNodePorts.contains(Int(wanted)) else {
            throw APIError.invalid(
              Service.resource, svc.metadata.name,
              ["spec.ports[\(i)].nodePort: Invalid value: \(wanted): provided port is already allocated"])
          }
          allocatedNodePorts.insert(Int(wanted))
        }
        continue
      }
      var port = 0
      repeat { port = 30000 + context.rng.int(2768) } while allocatedNodePorts.contains(port)
      allocatedNodePorts.insert(port)
      svc.spec.ports[i].nodePort = Int32(port)
    }
  }

  /// Frees what a deleted Service held.
  func releaseAllocations(of obj: any KubeObject) {
    guard let svc = obj as? Service else { return }
    allocatedClusterIPs.remove(svc.spec.clusterIP)
    for p in svc.spec.ports { if let n = p.nodePort { allocatedNodePorts.remove(Int(n)) } }
  }
}
