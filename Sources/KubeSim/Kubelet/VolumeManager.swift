// VolumeManager: the kubelet's volume manager for the volumes KubeLab fills (configMap, secret) —
// every such volume is set up before the pod's containers; a failed SetUp is a FailedMount event,
// retried with the operation executor's exponential back-off, and the pod stays ContainerCreating.

/// One file of a volume: its path inside the volume and its content.
struct VolumeFile: Hashable {
  var path: String
  var content: String
}

/// Upstream `exponentialbackoff.ExponentialBackoff` of one volume's mount operation: 500 ms after
/// the first failure, doubling to at most 2 m 2 s. Times are simulated milliseconds.
struct MountBackoff {
  static let initialMs: Int64 = 500
  static let maxMs: Int64 = 122_000
  private(set) var lastErrorMs: Int64 = 0
  private(set) var durationMs: Int64 = 0

  /// The first time the operation may run again.
  var retryAtMs: Int64 { lastErrorMs + durationMs }

  mutating func failed(atMs now: Int64) {
    durationMs = durationMs == 0 ? Self.initialMs : min(2 * durationMs, Self.maxMs)
    lastErrorMs = now
  }
}

/// Upstream `MakePayload` of the configMap and secret volume plugins: the files a volume holds, or
/// the error its SetUp fails with.
enum VolumePayload {
  /// `object` nil: the config map does not exist.
  static func configMap(_ source: ConfigMapVolumeSource, _ object: ConfigMap?) -> Result<[VolumeFile], EnvError> {
    let optional = source.optional == true
    guard let cm = object else {
      // An optional volume of a missing config map is set up empty.
      return optional ? .success([]) : .failure(EnvError("configmap \"\(source.name)\" not found"))
    }
    func value(_ key: String) -> String? { cm.data[key] ?? cm.binaryData[key].map(Base64.text) }
    if source.items.isEmpty {
      let keys = Set(cm.data.keys).union(cm.binaryData.keys).sorted()
      return .success(keys.map { VolumeFile(path: $0, content: value($0)!) })
    }
    var files: [VolumeFile] = []
    for item in source.items {
      guard let v = value(item.key) else {
        if optional { continue }
        return .failure(EnvError("configmap references non-existent config key: \(item.key)"))
      }
      files.append(VolumeFile(path: item.path, content: v))
    }
    return .success(files)
  }

  /// `object` nil: the secret does not exist.
  static func secret(_ source: SecretVolumeSource, _ object: Secret?) -> Result<[VolumeFile], EnvError> {
    let optional = source.optional == true
    guard let s = object else {
      return optional ? .success([]) : .failure(EnvError("secret \"\(source.secretName)\" not found"))
    }
    if source.items.isEmpty {
      return .success(s.data.keys.sorted().map { VolumeFile(path: $0, content: Base64.text(s.data[$0]!)) })
    }
    var files: [VolumeFile] = []
    for item in source.items {
      guard let v = s.data[item.key] else {
        if optional { continue }
        return .failure(EnvError("references non-existent secret key: \(item.key)"))
      }
      files.append(VolumeFile(path: item.path, content: Base64.text(v)))
    }
    return .success(files)
  }
}

extension Kubelet {
  /// Upstream `WaitForAttachAndMount`, without blocking: sets up each configMap and secret volume
  /// of the pod that is not set up yet and whose back-off has passed. True once all are set up.
  ///   1. a volume whose last SetUp failed waits until its back-off passes (the pod is woken then);
  ///   2. its config map or secret is read (a GET on its way: wait for the answer);
  ///   3. SetUp builds the files (`VolumePayload`); a failure is a FailedMount event and a longer
  ///      back-off.
  // Simulation: upstream sets the volumes up before it creates the sandbox and pulls the images.
  // Here the first attempt comes when the first container is about to be created (after the sandbox
  // and the image), where the kubelet reads the config maps and secrets anyway, so a pod whose
  // volumes are fine starts exactly as before; once an attempt failed, the pod waits for its volumes
  // before anything else. Upstream's reconciler retries every 100 ms once the back-off passed; here
  // at the first second after it, so failures come about 0.5, 1, 2, 4 … 122 s apart as upstream.
  func mountVolumes(_ w: PodWorker) -> Bool {
    if w.volumesMounted { return true }
    // Containers that outlived a kubelet restart had their volumes set up already.
    if w.mountBackoff.isEmpty && w.containers.contains(where: { $0.id != nil }) {
      w.volumesMounted = true
      return true
    }
    let nowMs = context.clock.seconds * 1000
    var pending = false
    for v in w.pod.spec.volumes where (v.configMap != nil || v.secret != nil) && w.volumeFiles[v.name] == nil {
      // 1. The back-off.
      if let b = w.mountBackoff[v.name], nowMs < b.retryAtMs {
        wake(w.uid, at: (b.retryAtMs + 999) / 1000)
        pending = true
        continue
      }
      // 2. The object, and 3. SetUp.
      let payload: Result<[VolumeFile], EnvError>
      if let source = v.configMap {
        guard let cm = fetch(ConfigMap.self, namespace: w.namespace, name: source.name, for: w.uid) else {
          pending = true
          continue
        }
        payload = VolumePayload.configMap(source, cm)
      } else {
        let source = v.secret!
        guard let s = fetch(Secret.self, namespace: w.namespace, name: source.secretName, for: w.uid) else {
          pending = true
          continue
        }
        payload = VolumePayload.secret(source, s)
      }
      switch payload {
      case .success(let files):
        w.volumeFiles[v.name] = files
      case .failure(let e):
        recorder.event(
          w.pod, type: EventType.warning, reason: "FailedMount",
          message: "MountVolume.SetUp failed for volume \"\(v.name)\" : \(e.message)")
        w.mountBackoff[v.name, default: MountBackoff()].failed(atMs: nowMs)
        wake(w.uid, at: (w.mountBackoff[v.name]!.retryAtMs + 999) / 1000)
        pending = true
      }
    }
    if pending { return false }
    w.volumesMounted = true
    w.mountBackoff = [:]
    return true
  }

  /// The files of a configMap or secret volume for a container starting now: its config map or
  /// secret as last read when that still sets up, otherwise what the volume held when set up.
  func volumeFiles(
    _ w: PodWorker, _ v: Volume, configMaps: [String: ConfigMap], secrets: [String: Secret]
  ) -> [VolumeFile] {
    var fresh: Result<[VolumeFile], EnvError>? = nil
    if let source = v.configMap, let cm = configMaps[source.name] {
      fresh = VolumePayload.configMap(source, cm)
    } else if let source = v.secret, let s = secrets[source.secretName] {
      fresh = VolumePayload.secret(source, s)
    }
    if case .success(let files) = fresh {
      w.volumeFiles[v.name] = files
      return files
    }
    return w.volumeFiles[v.name] ?? []
  }
}
