// CRIClient: the kubelet's gRPC connection to its node's runtime (unix:///run/containerd/containerd.sock).
// Every call and its answer is recorded as a message kubelet@node ↔ runtime@node.

/// The kubelet's only way to its container runtime.
public final class CRIClient {
  let runtime: ContainerRuntime
  let context: SimContext
  let node: String

  public init(runtime: ContainerRuntime, context: SimContext) {
    self.runtime = runtime
    self.context = context
    node = runtime.nodeName
  }

  private var kubelet: Component { .kubelet(node) }
  private var containerd: Component { .runtime(node) }

  private func request(_ method: String, _ object: String, namespace: String = "", detail: String = "") {
    context.record(kubelet, containerd, .cri, method, object, namespace: namespace, detail: detail)
  }

  private func response(_ method: String, _ object: String, namespace: String = "", detail: String) {
    context.record(containerd, kubelet, .cri, method, object, namespace: namespace, detail: detail)
  }

  private static func short(_ id: String) -> String { String(id.prefix(13)) }

  // MARK: - ImageService

  /// `ImageStatus`: the image if present.
  public func imageStatus(_ image: String) -> CRI.Image? {
    request("ImageStatus", image)
    let result = runtime.imageStatus(CRI.ImageSpec(image))
    response("ImageStatus", image, detail: result.map { "present \(Self.short($0.id))" } ?? "not present")
    return result
  }

  /// `ListImages`.
  public func listImages() -> [CRI.Image] {
    request("ListImages", "")
    let result = runtime.listImages()
    response("ListImages", "", detail: "\(result.count) images")
    return result
  }

  /// `PullImage`: the answer comes when the pull ends. Returns the pull's duration in seconds.
  @discardableResult
  public func pullImage(_ image: String, completion: @escaping (Result<CRI.Image, CRI.RuntimeError>) -> Void) -> Double
  {
    request("PullImage", image)
    return runtime.pullImage(CRI.ImageSpec(image)) { [weak self] result in
      switch result {
      case .success(let img):
        self?.response("PullImage", image, detail: "ok \(Self.short(img.id)) \(img.size) bytes")
      case .failure(let e):
        self?.response("PullImage", image, detail: "\(e.code.rawValue): not found")
      }
      completion(result)
    }
  }

  // MARK: - RuntimeService

  /// `UpdateRuntimeConfig`: tells the CNI plugin the node's pod CIDR.
  public func updateRuntimeConfig(_ config: CRI.RuntimeConfig) {
    request("UpdateRuntimeConfig", "", detail: "podCIDR \(config.podCIDR)")
    runtime.updateRuntimeConfig(config)
    response("UpdateRuntimeConfig", "", detail: "ok")
  }

  /// `RunPodSandbox`: returns the sandbox id.
  public func runPodSandbox(_ config: CRI.PodSandboxConfig) throws(CRI.RuntimeError) -> String {
    let m = config.metadata
    request("RunPodSandbox", m.name, namespace: m.namespace, detail: config.hostNetwork ? "hostNetwork" : "")
    do {
      let id = try runtime.runPodSandbox(config)
      response("RunPodSandbox", m.name, namespace: m.namespace, detail: "ok \(Self.short(id))")
      return id
    } catch {
      response("RunPodSandbox", m.name, namespace: m.namespace, detail: "\(error.code.rawValue): \(error.message)")
      throw error
    }
  }

  /// `PodSandboxStatus`: the sandbox's state and IP.
  public func podSandboxStatus(_ id: String, pod: String, namespace: String) -> CRI.PodSandbox? {
    request("PodSandboxStatus", pod, namespace: namespace, detail: Self.short(id))
    let s = runtime.listPodSandbox().first { $0.id == id }
    response(
      "PodSandboxStatus", pod, namespace: namespace, detail: s.map { "\($0.state.rawValue) ip \($0.ip)" } ?? "NotFound")
    return s
  }

  /// `StopPodSandbox`.
  public func stopPodSandbox(_ id: String, pod: String, namespace: String) {
    request("StopPodSandbox", pod, namespace: namespace, detail: Self.short(id))
    try? runtime.stopPodSandbox(id)
    response("StopPodSandbox", pod, namespace: namespace, detail: "ok")
  }

  /// `RemovePodSandbox`.
  public func removePodSandbox(_ id: String, pod: String, namespace: String) {
    request("RemovePodSandbox", pod, namespace: namespace, detail: Self.short(id))
    try? runtime.removePodSandbox(id)
    response("RemovePodSandbox", pod, namespace: namespace, detail: "ok")
  }

  /// `ListPodSandbox`.
  public func listPodSandbox() -> [CRI.PodSandbox] {
    request("ListPodSandbox", "")
    let result = runtime.listPodSandbox()
    response("ListPodSandbox", "", detail: "\(result.count) sandboxes")
    return result
  }

  /// `CreateContainer`: returns the container id.
  public func createContainer(_ sandboxID: String, _ config: CRI.ContainerConfig, pod: String, namespace: String)
    throws(CRI.RuntimeError) -> String
  {
    let name = config.metadata.name
    request("CreateContainer", name, namespace: namespace, detail: "pod \(pod) attempt \(config.metadata.attempt)")
    do {
      let id = try runtime.createContainer(sandboxID, config)
      response("CreateContainer", name, namespace: namespace, detail: "ok \(Self.short(id))")
      return id
    } catch {
      response("CreateContainer", name, namespace: namespace, detail: "\(error.code.rawValue): \(error.message)")
      throw error
    }
  }

  /// `StartContainer`.
  public func startContainer(_ id: String, name: String, namespace: String) throws(CRI.RuntimeError) {
    request("StartContainer", name, namespace: namespace, detail: Self.short(id))
    do {
      try runtime.startContainer(id)
      response("StartContainer", name, namespace: namespace, detail: "ok")
    } catch {
      response("StartContainer", name, namespace: namespace, detail: "\(error.code.rawValue): start failed")
      throw error
    }
  }

  /// `StopContainer`: the answer comes when the process has exited (at most `timeout` seconds).
  public func stopContainer(
    _ id: String, name: String, namespace: String, timeout: Int64,
    completion: @escaping (Result<Void, CRI.RuntimeError>) -> Void
  ) {
    request("StopContainer", name, namespace: namespace, detail: "\(Self.short(id)) timeout \(timeout)s")
    runtime.stopContainer(id, timeout: timeout) { [weak self] result in
      let code = self?.runtime.container(id)?.exitCode ?? 0
      self?.response("StopContainer", name, namespace: namespace, detail: "ok exit \(code)")
      completion(result)
    }
  }

  /// `RemoveContainer`.
  public func removeContainer(_ id: String, name: String, namespace: String) {
    request("RemoveContainer", name, namespace: namespace, detail: Self.short(id))
    try? runtime.removeContainer(id)
    response("RemoveContainer", name, namespace: namespace, detail: "ok")
  }

  /// `ListContainers`.
  public func listContainers() -> [CRI.Container] {
    request("ListContainers", "")
    let result = runtime.listContainers()
    response("ListContainers", "", detail: "\(result.count) containers")
    return result
  }

  /// `ContainerStatus`.
  public func containerStatus(_ id: String, name: String, namespace: String) throws(CRI.RuntimeError)
    -> CRI.ContainerStatus
  {
    request("ContainerStatus", name, namespace: namespace, detail: Self.short(id))
    do {
      let s = try runtime.containerStatus(id)
      response("ContainerStatus", name, namespace: namespace, detail: s.state.rawValue)
      return s
    } catch {
      response("ContainerStatus", name, namespace: namespace, detail: "\(error.code.rawValue)")
      throw error
    }
  }

  /// `ExecSync`.
  public func execSync(_ id: String, name: String, namespace: String, cmd: [String]) throws(CRI.RuntimeError)
    -> CRI.ExecSyncResponse
  {
    request("ExecSync", name, namespace: namespace, detail: cmd.joined(separator: " "))
    do {
      let r = try runtime.execSync(id, cmd)
      response("ExecSync", name, namespace: namespace, detail: "exit \(r.exitCode)")
      return r
    } catch {
      response("ExecSync", name, namespace: namespace, detail: "\(error.code.rawValue)")
      throw error
    }
  }

  /// `ListContainerStats`.
  public func listContainerStats() -> [CRI.ContainerStats] {
    request("ListContainerStats", "")
    let result = runtime.listContainerStats()
    response("ListContainerStats", "", detail: "\(result.count) containers")
    return result
  }

  /// `GetContainerEvents`: the stream of containers that changed state on their own (Evented PLEG).
  /// Each event is one message runtime → kubelet.
  public func containerEvents() -> [CRI.ContainerEvent] {
    let events = runtime.takeContainerEvents()
    for e in events {
      let s = e.status
      let ns = s.labels["io.kubernetes.pod.namespace"] ?? ""
      response(
        "GetContainerEvents", s.metadata.name, namespace: ns,
        detail: "\(e.type.rawValue) exit \(s.exitCode) \(s.reason)")
    }
    return events
  }

  /// Starts (or stops) receiving `GetContainerEvents`.
  public func subscribeEvents(_ on: Bool) {
    runtime.eventsSubscribed = on
    if !on { _ = runtime.takeContainerEvents() }
  }

  // MARK: - Not CRI: the node itself

  /// Reads a container's log file (`/var/log/pods/…/0.log`), as the kubelet does for `kubectl logs`.
  public func readLog(_ id: String, tail: Int?, timestamps: Bool = false) -> String? {
    runtime.containerLog(id, tail: tail, timestamps: timestamps)
  }

  /// An HTTP GET from the node to a pod (httpGet probes). Simulation: the node's network path to its
  /// own pods is local, so no message is recorded.
  public func httpGet(ip: String, port: Int, path: String, headers: [String: String]) -> HTTPResponse? {
    runtime.serve(ip: ip, port: port, path: path, headers: headers, from: "")
  }

  /// A TCP connect from the node to a pod (tcpSocket probes).
  public func tcpConnect(ip: String, port: Int) -> Bool { runtime.listens(ip: ip, port: port) }
}
